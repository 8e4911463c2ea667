import { Migration } from '@mikro-orm/migrations';

export class Migration20261206094500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users"."user" add column "bio" varchar(1000) not null default '';`);
    this.addSql(`create table "users"."follow" ("follower_id" uuid not null, "followee_id" uuid not null, "created_at" timestamptz not null, constraint "follow_pkey" primary key ("follower_id", "followee_id"), constraint "follow_not_self" check ("follower_id" <> "followee_id"));`);
    this.addSql(`alter table "users"."follow" add constraint "follow_follower_id_foreign" foreign key ("follower_id") references "users"."user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "users"."follow" add constraint "follow_followee_id_foreign" foreign key ("followee_id") references "users"."user" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "follow_followee_id_created_at_index" on "users"."follow" ("followee_id", "created_at");`);
    this.addSql(`create index "follow_follower_id_created_at_index" on "users"."follow" ("follower_id", "created_at");`);
    this.addSql(`create table "users"."follow_counter" ("user_id" uuid not null, "follower_count" int not null default 0, "following_count" int not null default 0, constraint "follow_counter_pkey" primary key ("user_id"));`);
    this.addSql(`alter table "users"."follow_counter" add constraint "follow_counter_user_id_foreign" foreign key ("user_id") references "users"."user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."follow_counter" cascade;`);
    this.addSql(`drop table if exists "users"."follow" cascade;`);
    this.addSql(`alter table "users"."user" drop column if exists "bio";`);
  }

}
