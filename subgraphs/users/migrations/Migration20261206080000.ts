import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "users"."role_change" ("id" uuid not null, "user_id" uuid not null, "roles_before" text[] not null, "roles_after" text[] not null, "changed_by_user_id" uuid null, "changed_by_operator" varchar(100) null, "changed_at" timestamptz not null, constraint "role_change_pkey" primary key ("id"));`);
    this.addSql(`create index "role_change_user_id_changed_at_index" on "users"."role_change" ("user_id", "changed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."role_change" cascade;`);
  }

}
