import { Migration } from '@mikro-orm/migrations';

export class Migration20261206101000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."notification" ("id" uuid not null, "recipient_id" uuid not null, "kind" text check ("kind" in ('NEW_VIDEO', 'LIVE_STARTED', 'NEW_FOLLOWER', 'COMMENT_ON_VIDEO', 'COMMENT_REPLY', 'TIP_RECEIVED')) not null, "source" varchar(200) not null, "actor_id" uuid null, "video_id" uuid null, "live_stream_id" uuid null, "comment_id" uuid null, "amount_jpy" int null, "read_at" timestamptz null, "created_at" timestamptz not null, constraint "notification_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "users"."notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "users"."notification" add constraint "notification_recipient_id_kind_source_unique" unique ("recipient_id", "kind", "source");`,
    );
    this.addSql(
      `create index "notification_recipient_id_created_at_id_index" on "users"."notification" ("recipient_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "notification_unread_index" on "users"."notification" ("recipient_id") where "read_at" is null;`,
    );
    this.addSql(
      `create table "users"."notification_setting" ("user_id" uuid not null, "kind" text check ("kind" in ('NEW_VIDEO', 'LIVE_STARTED', 'NEW_FOLLOWER', 'COMMENT_ON_VIDEO', 'COMMENT_REPLY', 'TIP_RECEIVED')) not null, "in_app" boolean not null default true, "email" boolean not null default false, constraint "notification_setting_pkey" primary key ("user_id", "kind"));`,
    );
    this.addSql(
      `alter table "users"."notification_setting" add constraint "notification_setting_user_id_foreign" foreign key ("user_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );
    // The follower fan-out walks a creator's followers in follower-id order.
    this.addSql(
      `create index "follow_followee_id_follower_id_index" on "users"."follow" ("followee_id", "follower_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "users"."follow_followee_id_follower_id_index";`);
    this.addSql(`drop table if exists "users"."notification_setting" cascade;`);
    this.addSql(`drop table if exists "users"."notification" cascade;`);
  }
}
