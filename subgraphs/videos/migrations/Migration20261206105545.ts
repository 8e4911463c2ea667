import { Migration } from '@mikro-orm/migrations';

/** Comment likes; TOP sorts by likes (then recency) instead of replies. */
export class Migration20261206105545 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."comment_like" ("comment_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "comment_like_pkey" primary key ("comment_id", "user_id"));`,
    );
    this.addSql(
      `alter table "videos"."comment_like" add constraint "comment_like_comment_id_foreign" foreign key ("comment_id") references "videos"."comment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`alter table "videos"."comment" add column "like_count" int not null default 0;`);
    this.addSql(`drop index if exists "videos"."comment_video_top_idx";`);
    this.addSql(
      `create index "comment_video_top_idx" on "videos"."comment" ("video_id", "like_count" desc, "created_at" desc, "id" desc) where "parent_id" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "videos"."comment_video_top_idx";`);
    this.addSql(
      `create index "comment_video_top_idx" on "videos"."comment" ("video_id", "reply_count" desc, "created_at" desc, "id" desc) where "parent_id" is null;`,
    );
    this.addSql(`drop table if exists "videos"."comment_like" cascade;`);
    this.addSql(`alter table "videos"."comment" drop column "like_count";`);
  }
}
