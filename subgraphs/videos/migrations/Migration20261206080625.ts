import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080625 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."playlist" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(150) not null, "description" text not null default '', "visibility" text check ("visibility" in ('PUBLIC', 'UNLISTED', 'PRIVATE')) not null default 'PRIVATE', "kind" text check ("kind" in ('REGULAR', 'WATCH_LATER')) not null default 'REGULAR', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "playlist_pkey" primary key ("id"), constraint playlist_description_length_check check (char_length("description") <= 5000));`,
    );
    this.addSql(
      `create index "playlist_owner_created_idx" on "videos"."playlist" ("owner_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(
      `create unique index "playlist_watch_later_idx" on "videos"."playlist" ("owner_id") where "kind" = 'WATCH_LATER';`,
    );

    this.addSql(
      `create table "videos"."playlist_item" ("playlist_id" uuid not null, "video_id" uuid not null, "position" int not null, "added_at" timestamptz not null, constraint "playlist_item_pkey" primary key ("playlist_id", "video_id"));`,
    );
    this.addSql(
      `create index "playlist_item_video_id_index" on "videos"."playlist_item" ("video_id");`,
    );
    this.addSql(
      `alter table "videos"."playlist_item" add constraint "playlist_item_position_unique" unique ("playlist_id", "position") deferrable initially deferred;`,
    );

    this.addSql(
      `alter table "videos"."playlist_item" add constraint "playlist_item_playlist_id_foreign" foreign key ("playlist_id") references "videos"."playlist" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "videos"."playlist_item" add constraint "playlist_item_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "videos"."playlist_item" drop constraint "playlist_item_playlist_id_foreign";`,
    );

    this.addSql(`drop table if exists "videos"."playlist" cascade;`);

    this.addSql(`drop table if exists "videos"."playlist_item" cascade;`);
  }
}
