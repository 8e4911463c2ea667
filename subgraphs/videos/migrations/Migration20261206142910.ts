import { Migration } from '@mikro-orm/migrations';

/**
 * Trust and safety: takedowns of videos (kept for their owner, marked) and the suspensions users
 * announces (UserSuspensionChanged): who is suspended until when, copied onto the suspended
 * account's videos and comments so that every list hides them with a plain column condition.
 */
export class Migration20261206142910 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "videos"."video" add column "taken_down_at" timestamptz null, add column "takedown_reason" varchar(1000) null, add column "owner_suspended_until" timestamptz null;`,
    );
    this.addSql(
      `alter table "videos"."comment" add column "author_suspended_until" timestamptz null;`,
    );
    this.addSql(
      `create table "videos"."account_suspension" ("user_id" uuid not null, "suspended" boolean not null, "suspended_until" timestamptz null, "changed_at" timestamptz not null, constraint "account_suspension_pkey" primary key ("user_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "videos"."account_suspension";`);
    this.addSql(`alter table "videos"."comment" drop column if exists "author_suspended_until";`);
    this.addSql(
      `alter table "videos"."video" drop column if exists "taken_down_at", drop column if exists "takedown_reason", drop column if exists "owner_suspended_until";`,
    );
  }
}
