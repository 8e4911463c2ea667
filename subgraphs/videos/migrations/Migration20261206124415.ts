import { Migration } from '@mikro-orm/migrations';

/**
 * The analysts' view rollups: per day, for the platform, each creator and each video — views,
 * unique viewers (with the set of viewers seen, per scope and day) and watch seconds. Views and
 * watch seconds already counted per video are rolled up once here.
 */
export class Migration20261206124415 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."view_rollup" ("scope" varchar(8) not null, "scope_id" uuid not null, "day" date not null, "views" int not null default 0, "unique_viewers" int not null default 0, "watch_seconds" bigint not null default 0, constraint "view_rollup_pkey" primary key ("scope", "scope_id", "day"));`,
    );
    this.addSql(
      `create table "videos"."view_rollup_viewer" ("scope" varchar(8) not null, "scope_id" uuid not null, "day" date not null, "viewer_key" varchar(120) not null, constraint "view_rollup_viewer_pkey" primary key ("scope", "scope_id", "day", "viewer_key"));`,
    );
    this.addSql(
      `insert into "videos"."view_rollup" ("scope", "scope_id", "day", "views", "watch_seconds")
       select 'ALL', '00000000-0000-0000-0000-000000000000', "day", sum("views"), sum("watch_seconds") from "videos"."video_daily_stat" group by "day"
       union all
       select 'CREATOR', v."owner_id", s."day", sum(s."views"), sum(s."watch_seconds") from "videos"."video_daily_stat" s join "videos"."video" v on v."id" = s."video_id" group by v."owner_id", s."day";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "videos"."view_rollup_viewer" cascade;`);
    this.addSql(`drop table if exists "videos"."view_rollup" cascade;`);
  }
}
