import { Migration } from '@mikro-orm/migrations';

export class Migration20261206075442 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."view_window" ("viewer_key" varchar(120) not null, "video_id" uuid not null, "started_at" timestamptz not null, "watched_seconds" int not null default 0, "counted" boolean not null default false, constraint "view_window_pkey" primary key ("viewer_key", "video_id"));`,
    );

    this.addSql(
      `create table "videos"."watch_progress" ("user_id" uuid not null, "video_id" uuid not null, "position_seconds" int not null default 0, "completed" boolean not null default false, "watched_at" timestamptz not null, constraint "watch_progress_pkey" primary key ("user_id", "video_id"));`,
    );
    this.addSql(
      `create index "watch_progress_continue_idx" on "videos"."watch_progress" ("user_id", "watched_at" desc, "video_id" desc) where not "completed" and "position_seconds" > 0;`,
    );
    this.addSql(
      `create index "watch_progress_history_idx" on "videos"."watch_progress" ("user_id", "watched_at" desc, "video_id" desc);`,
    );

    this.addSql(
      `alter table "videos"."view_window" add constraint "view_window_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "videos"."watch_progress" add constraint "watch_progress_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "videos"."view_window" cascade;`);

    this.addSql(`drop table if exists "videos"."watch_progress" cascade;`);
  }
}
