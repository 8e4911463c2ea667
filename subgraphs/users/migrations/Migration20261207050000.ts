import { Migration } from '@mikro-orm/migrations';

/**
 * The push tickets waiting for their receipts (`push_ticket`: Expo's ticket id and the token it
 * went to). The receipts job reads them some minutes after the push and drops the tokens Apple or
 * Google reported unregistered; a row goes once its receipt is read, or after a day (Expo's own
 * retention).
 */
export class Migration20261207050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."push_ticket" ("id" varchar(100) not null, "token" varchar(200) not null, "sent_at" timestamptz not null default now(), constraint "push_ticket_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "push_ticket_sent_at_index" on "users"."push_ticket" ("sent_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."push_ticket" cascade;`);
  }
}
