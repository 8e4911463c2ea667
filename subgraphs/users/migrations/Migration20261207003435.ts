import { Migration } from '@mikro-orm/migrations';

/**
 * Push notifications: the phones that receive them (`push_device`, one row per Expo push token,
 * tied to the account and the session that registered it), a `push` choice per kind (on by
 * default, as in the app), and when each notification was pushed (the push job's claim).
 */
export class Migration20261207003435 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."push_device" ("id" uuid not null, "user_id" uuid not null, "session_id" uuid not null, "token" varchar(200) not null, "platform" text check ("platform" in ('IOS', 'ANDROID')) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "push_device_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "push_device_session_id_index" on "users"."push_device" ("session_id");`,
    );
    this.addSql(
      `alter table "users"."push_device" add constraint "push_device_token_unique" unique ("token");`,
    );
    this.addSql(
      `create index "push_device_user_id_last_seen_at_index" on "users"."push_device" ("user_id", "last_seen_at");`,
    );
    this.addSql(
      `alter table "users"."push_device" add constraint "push_device_user_id_foreign" foreign key ("user_id") references "users"."user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "users"."push_device" add constraint "push_device_session_id_foreign" foreign key ("session_id") references "users"."session" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`alter table "users"."notification" add column "pushed_at" timestamptz null;`);
    this.addSql(
      `alter table "users"."notification_setting" add column "push" boolean not null default true;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users"."notification_setting" drop column if exists "push";`);
    this.addSql(`alter table "users"."notification" drop column if exists "pushed_at";`);
    this.addSql(`drop table if exists "users"."push_device" cascade;`);
  }
}
