import { Migration } from '@mikro-orm/migrations';

export class Migration20261129080054 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "search"."inbox" ("consumer" varchar(150) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "inbox_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "search"."outbox" ("id" uuid not null, "kind" varchar(10) not null, "name" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_created_at_index" on "search"."outbox" ("created_at");`);

    this.addSql(`alter table "search"."document" add column "deleted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "search"."inbox" cascade;`);

    this.addSql(`drop table if exists "search"."outbox" cascade;`);

    this.addSql(`alter table "search"."document" drop column "deleted_at";`);
  }
}
