import { Migration } from '@mikro-orm/migrations';

/** API keys of accounts (hashed), with scopes, allowed browser origins and an optional own budget. */
export class Migration20261206113945 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."api_key" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "scopes" text[] not null, "allowed_origins" text[] not null, "budget_points" int null, "budget_restore_rate" int null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "users"."api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`,
    );
    this.addSql(
      `create index "api_key_owner_id_created_at_index" on "users"."api_key" ("owner_id", "created_at");`,
    );
    this.addSql(
      `alter table "users"."api_key" add constraint "api_key_owner_id_foreign" foreign key ("owner_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."api_key" cascade;`);
  }
}
