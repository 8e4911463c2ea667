import { Migration } from '@mikro-orm/migrations';

/** Progressive publishing: when a video being processed first became playable. */
export class Migration20261206172856 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "videos"."video" add column "playable_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "videos"."video" drop column if exists "playable_at";`);
  }
}
