import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080008 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."comment" ("id" uuid not null, "video_id" uuid not null, "author_id" uuid not null, "parent_id" uuid null, "body" text null, "deleted_at" timestamptz null, "reply_count" int not null default 0, "created_at" timestamptz not null, constraint "comment_pkey" primary key ("id"), constraint comment_body_length_check check ("body" is null or char_length("body") between 1 and 2000));`,
    );
    this.addSql(
      `create index "comment_replies_idx" on "videos"."comment" ("parent_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "comment_video_top_idx" on "videos"."comment" ("video_id", "reply_count" desc, "created_at" desc, "id" desc) where "parent_id" is null;`,
    );
    this.addSql(
      `create index "comment_video_newest_idx" on "videos"."comment" ("video_id", "created_at" desc, "id" desc) where "parent_id" is null;`,
    );

    this.addSql(
      `alter table "videos"."comment" add constraint "comment_video_id_foreign" foreign key ("video_id") references "videos"."video" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "videos"."comment" add constraint "comment_parent_id_foreign" foreign key ("parent_id") references "videos"."comment" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "videos"."comment" drop constraint "comment_parent_id_foreign";`);

    this.addSql(`drop table if exists "videos"."comment" cascade;`);
  }
}
