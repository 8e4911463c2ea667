import { Migration } from '@mikro-orm/migrations';

/** Suspensions users announces (the kit's `account_suspension` read model): hidden owners in every list. */
export class Migration20261206143838 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "search"."account_suspension" ("user_id" uuid not null, "suspended" boolean not null, "suspended_until" timestamptz null, "changed_at" timestamptz not null, constraint "account_suspension_pkey" primary key ("user_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "search"."account_suspension";`);
  }
}
