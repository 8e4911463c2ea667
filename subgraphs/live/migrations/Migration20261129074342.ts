import { Migration } from '@mikro-orm/migrations';

export class Migration20261129074342 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "live"."chat_ban" ("id" uuid not null, "stream_id" uuid not null, "user_id" uuid not null, "ends_at" timestamptz not null, "banned_by" uuid not null, "created_at" timestamptz not null, constraint "chat_ban_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "live"."chat_ban" add constraint "chat_ban_stream_user_unique" unique ("stream_id", "user_id");`,
    );

    this.addSql(
      `create table "live"."chat_message" ("id" uuid not null, "stream_id" uuid not null, "author_id" uuid not null, "body" text not null, "kind" text check ("kind" in ('MESSAGE', 'TIP')) not null default 'MESSAGE', "tip_amount_jpy" int null, "tip_id" uuid null, "created_at" timestamptz not null, "deleted_at" timestamptz null, "deleted_by" uuid null, constraint "chat_message_pkey" primary key ("id"), constraint chat_message_body_length_check check (char_length("body") <= 500));`,
    );
    this.addSql(
      `create unique index "chat_message_tip_unique" on "live"."chat_message" ("tip_id") where "tip_id" is not null;`,
    );
    this.addSql(
      `create index "chat_message_stream_created_idx" on "live"."chat_message" ("stream_id", "created_at", "id");`,
    );

    this.addSql(
      `create table "live"."chat_moderator" ("id" uuid not null, "stream_id" uuid not null, "user_id" uuid not null, "appointed_at" timestamptz not null, constraint "chat_moderator_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "live"."chat_moderator" add constraint "chat_moderator_stream_user_unique" unique ("stream_id", "user_id");`,
    );

    this.addSql(
      `create table "live"."inbox" ("consumer" varchar(150) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "inbox_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "live"."outbox" ("id" uuid not null, "kind" varchar(10) not null, "name" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_created_at_index" on "live"."outbox" ("created_at");`);

    this.addSql(
      `alter table "live"."live_stream" add column "stream_key_hash" varchar(64) null, add column "stream_key_hint" varchar(4) null, add column "chat_slow_mode_seconds" int not null default 0, add column "peak_viewer_count" int not null default 0;`,
    );
    this.addSql(
      `alter table "live"."live_stream" add constraint "live_stream_stream_key_hash_unique" unique ("stream_key_hash");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live"."chat_ban" cascade;`);

    this.addSql(`drop table if exists "live"."chat_message" cascade;`);

    this.addSql(`drop table if exists "live"."chat_moderator" cascade;`);

    this.addSql(`drop table if exists "live"."inbox" cascade;`);

    this.addSql(`drop table if exists "live"."outbox" cascade;`);

    this.addSql(
      `alter table "live"."live_stream" drop constraint "live_stream_stream_key_hash_unique";`,
    );
    this.addSql(
      `alter table "live"."live_stream" drop column "stream_key_hash", drop column "stream_key_hint", drop column "chat_slow_mode_seconds", drop column "peak_viewer_count";`,
    );
  }
}
