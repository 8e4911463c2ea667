import { Migration } from '@mikro-orm/migrations';

export class Migration20261129071802 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "search";`);
    this.addSql(
      `create table "search"."document" ("id" uuid not null, "kind" text check ("kind" in ('VIDEO', 'LIVE_STREAM', 'TITLE')) not null, "owner_id" uuid null, "title" text not null, "body" text not null default '', "tags" text[] not null default '{}', "visibility" text check ("visibility" in ('PUBLIC', 'UNLISTED', 'PRIVATE')) not null default 'PUBLIC', "audience" text check ("audience" in ('GENERAL', 'ADULT')) not null default 'GENERAL', "published_at" timestamptz null, "updated_at" timestamptz not null, "search_vector" tsvector not null default '', constraint "document_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "document_owner_idx" on "search"."document" ("owner_id");`);
    this.addSql(
      `create index "document_search_vector_idx" on "search"."document" using gin ("search_vector");`,
    );
  }

  // The schema stays: it also holds this subgraph's migration log.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "search"."document" cascade;`);
  }
}
