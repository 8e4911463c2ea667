import { Migration } from '@mikro-orm/migrations';

/** The subscriptions feed's read model and the age rule's verdicts (issue 9). */
export class Migration20261206105036 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."feed_entry" ("id" uuid not null, "kind" text check ("kind" in ('VIDEO', 'LIVE_STREAM')) not null, "owner_id" uuid not null, "audience" text check ("audience" in ('GENERAL', 'ADULT')) not null default 'GENERAL', "listed" boolean not null default false, "live" boolean not null default false, "sort_at" timestamptz null, "version" timestamptz not null, "deleted" boolean not null default false, constraint "feed_entry_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "feed_entry_owner_feed_idx" on "users"."feed_entry" ("owner_id", "live" desc, "sort_at" desc, "id" desc) where "listed";`,
    );
    this.addSql(
      `create table "users"."viewer_entitlement" ("user_id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE', "age_verified" boolean not null default false, "changed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "viewer_entitlement_pkey" primary key ("user_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."viewer_entitlement" cascade;`);
    this.addSql(`drop table if exists "users"."feed_entry" cascade;`);
  }
}
