import { Migration } from '@mikro-orm/migrations';

/**
 * Feed snapshots (discovery/snapshot.ts) are written by nearly every first page of the home,
 * shorts and recommended feeds, and only ever read back for that viewer's next pages within a day.
 * Unlogged: no WAL write and flush on each of those page loads. After a crash PostgreSQL empties
 * the table, and a client's next page gets what an expired snapshot gives ("start again without a
 * cursor"), which every client already handles.
 */
export class Migration20261207004500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "search"."feed_snapshot" set unlogged;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "search"."feed_snapshot" set logged;`);
  }
}
