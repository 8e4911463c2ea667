import { Migration } from '@mikro-orm/migrations';

/** Housekeeping finds old view windows by their start. */
export class Migration20261206110849 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "view_window_started_at_idx" on "videos"."view_window" ("started_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "videos"."view_window_started_at_idx";`);
  }
}
