import { Migration } from '@mikro-orm/migrations';

/** Sign-ups per day for analysts, with the accounts made before this migration counted in. */
export class Migration20261206121630 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."signup_daily" ("day" date not null, "count" int not null, constraint "signup_daily_pkey" primary key ("day"));`,
    );
    this.addSql(
      `insert into "users"."signup_daily" ("day", "count") select ("created_at" at time zone 'utc')::date, count(*) from "users"."user" group by 1;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."signup_daily" cascade;`);
  }
}
