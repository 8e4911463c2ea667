import { Migration } from '@mikro-orm/migrations';

export class Migration20261206075008 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."video_counter" ("video_id" uuid not null, "like_count" int not null default 0, "comment_count" int not null default 0, "view_count" bigint not null default 0, constraint "video_counter_pkey" primary key ("video_id"));`,
    );

    this.addSql(
      `create table "videos"."video_daily_stat" ("video_id" uuid not null, "day" date not null, "views" int not null default 0, "watch_seconds" bigint not null default 0, "likes" int not null default 0, "comments" int not null default 0, constraint "video_daily_stat_pkey" primary key ("video_id", "day"));`,
    );

    this.addSql(
      `create table "videos"."video_like" ("video_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "video_like_pkey" primary key ("video_id", "user_id"));`,
    );

    this.addSql(
      `alter table "videos"."video_counter" add constraint "video_counter_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "videos"."video_daily_stat" add constraint "video_daily_stat_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "videos"."video_like" add constraint "video_like_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "videos"."video_counter" cascade;`);

    this.addSql(`drop table if exists "videos"."video_daily_stat" cascade;`);

    this.addSql(`drop table if exists "videos"."video_like" cascade;`);
  }
}
