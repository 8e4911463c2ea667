import { Migration } from '@mikro-orm/migrations';

export class Migration20261129074200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."inbox" ("consumer" varchar(150) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "inbox_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "videos"."outbox" ("id" uuid not null, "kind" varchar(10) not null, "name" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_created_at_index" on "videos"."outbox" ("created_at");`);

    this.addSql(
      `create table "videos"."viewer_entitlement" ("user_id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE', "age_verified" boolean not null default false, "changed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "viewer_entitlement_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `alter table "videos"."video" add column "failure_reason" text null, add column "source_filename" varchar(255) not null default '', add column "source_content_type" varchar(100) null, add column "source_size_bytes" bigint null, add column "probe" jsonb null, add column "rendition_list" jsonb null, add column "master_playlist_key" varchar(300) null, add column "poster_key" varchar(300) null, add column "storyboard_image_key" varchar(300) null, add column "storyboard_vtt_key" varchar(300) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "videos"."inbox" cascade;`);

    this.addSql(`drop table if exists "videos"."outbox" cascade;`);

    this.addSql(`drop table if exists "videos"."viewer_entitlement" cascade;`);

    this.addSql(
      `alter table "videos"."video" drop column "failure_reason", drop column "source_filename", drop column "source_content_type", drop column "source_size_bytes", drop column "probe", drop column "rendition_list", drop column "master_playlist_key", drop column "poster_key", drop column "storyboard_image_key", drop column "storyboard_vtt_key";`,
    );
  }
}
