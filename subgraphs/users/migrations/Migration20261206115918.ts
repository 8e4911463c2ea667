import { Migration } from '@mikro-orm/migrations';

/** Webhook endpoints of accounts and the log of their deliveries. */
export class Migration20261206115918 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."webhook_endpoint" ("id" uuid not null, "owner_id" uuid not null, "url" varchar(2048) not null, "events" text[] not null, "secret" varchar(100) not null, "enabled" boolean not null, "disabled_reason" varchar(500) null, "created_at" timestamptz not null, constraint "webhook_endpoint_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_endpoint_owner_id_created_at_index" on "users"."webhook_endpoint" ("owner_id", "created_at");`,
    );
    this.addSql(
      `alter table "users"."webhook_endpoint" add constraint "webhook_endpoint_owner_id_foreign" foreign key ("owner_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create table "users"."webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "event" text check ("event" in ('VIDEO_PUBLISHED', 'VIDEO_DELETED', 'LIVE_STARTED', 'LIVE_ENDED', 'TIP_RECEIVED', 'TEST')) not null, "dedupe_key" varchar(200) not null, "payload" jsonb not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED', 'SKIPPED')) not null, "attempts" int not null, "response_status" int null, "last_error" varchar(500) null, "created_at" timestamptz not null, "delivered_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "users"."webhook_delivery" add constraint "webhook_delivery_endpoint_id_dedupe_key_unique" unique ("endpoint_id", "dedupe_key");`,
    );
    this.addSql(
      `create index "webhook_delivery_endpoint_id_created_at_id_index" on "users"."webhook_delivery" ("endpoint_id", "created_at", "id");`,
    );
    this.addSql(
      `alter table "users"."webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "users"."webhook_endpoint" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "users"."webhook_endpoint" cascade;`);
  }
}
