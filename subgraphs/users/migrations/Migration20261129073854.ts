import { Migration } from '@mikro-orm/migrations';

export class Migration20261129073854 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "users"."inbox" ("consumer" varchar(150) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "inbox_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "users"."outbox" ("id" uuid not null, "kind" varchar(10) not null, "name" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_created_at_index" on "users"."outbox" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."inbox" cascade;`);

    this.addSql(`drop table if exists "users"."outbox" cascade;`);
  }

}
