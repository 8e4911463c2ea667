import { Migration } from '@mikro-orm/migrations';

/** Catalog content: the episode that plays a video, and since when it belongs to the catalog. */
export class Migration20261206105111 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "videos"."video" add column "catalog_episode_id" uuid null, add column "catalog_since" timestamptz null, add column "catalog_changed_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "videos"."video" drop column "catalog_episode_id", drop column "catalog_since", drop column "catalog_changed_at";`,
    );
  }
}
