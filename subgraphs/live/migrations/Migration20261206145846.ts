import { Migration } from '@mikro-orm/migrations';

/**
 * Trust and safety: takedowns of streams (ended, kept for their owner, marked) and the suspensions
 * users announces (the kit's `account_suspension` read model, copied onto the account's streams).
 */
export class Migration20261206145846 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "live"."live_stream" add column "taken_down_at" timestamptz null, add column "takedown_reason" varchar(1000) null, add column "owner_suspended_until" timestamptz null;`,
    );
    this.addSql(
      `create table "live"."account_suspension" ("user_id" uuid not null, "suspended" boolean not null, "suspended_until" timestamptz null, "changed_at" timestamptz not null, constraint "account_suspension_pkey" primary key ("user_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live"."account_suspension";`);
    this.addSql(
      `alter table "live"."live_stream" drop column if exists "taken_down_at", drop column if exists "takedown_reason", drop column if exists "owner_suspended_until";`,
    );
  }
}
