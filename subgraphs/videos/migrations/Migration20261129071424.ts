import { Migration } from '@mikro-orm/migrations';

export class Migration20261129071424 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "videos";`);
    this.addSql(
      `create table "videos"."video" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(100) not null, "description" text not null default '', "tags" text[] not null default '{}', "status" text check ("status" in ('AWAITING_UPLOAD', 'PROCESSING', 'READY', 'FAILED')) not null default 'AWAITING_UPLOAD', "visibility" text check ("visibility" in ('PUBLIC', 'UNLISTED', 'PRIVATE')) not null default 'PRIVATE', "kind" text check ("kind" in ('VIDEO', 'SHORT')) not null default 'VIDEO', "required_plan" text check ("required_plan" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE', "audience" text check ("audience" in ('GENERAL', 'ADULT')) not null default 'GENERAL', "duration_seconds" int null, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "video_pkey" primary key ("id"), constraint video_description_length_check check (char_length("description") <= 5000));`,
    );
    this.addSql(
      `create index "video_owner_public_idx" on "videos"."video" ("owner_id", "published_at" desc, "id" desc) where "visibility" = 'PUBLIC' and "published_at" is not null;`,
    );
    this.addSql(
      `create index "video_owner_created_idx" on "videos"."video" ("owner_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "video_public_feed_by_kind_idx" on "videos"."video" ("kind", "published_at" desc, "id" desc) where "visibility" = 'PUBLIC' and "published_at" is not null;`,
    );
    this.addSql(
      `create index "video_public_feed_idx" on "videos"."video" ("published_at" desc, "id" desc) where "visibility" = 'PUBLIC' and "published_at" is not null;`,
    );
  }

  // The schema stays: it also holds this subgraph's migration log.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "videos"."video" cascade;`);
  }
}
