import { Migration } from '@mikro-orm/migrations';

export class Migration20261129080223 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "live"."recording" ("id" uuid not null, "stream_id" uuid not null, "status" text check ("status" in ('RECORDING', 'HANDED_OFF', 'FAILED')) not null default 'RECORDING', "source_key" varchar(200) null, "size_bytes" bigint null, "failure_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "recording_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "live"."recording" add constraint "recording_stream_id_unique" unique ("stream_id");`,
    );

    this.addSql(
      `create table "live"."viewer_entitlement" ("user_id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE', "age_verified" boolean not null default false, "changed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "viewer_entitlement_pkey" primary key ("user_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live"."recording" cascade;`);

    this.addSql(`drop table if exists "live"."viewer_entitlement" cascade;`);
  }
}
