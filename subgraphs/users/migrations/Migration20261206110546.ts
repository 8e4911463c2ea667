import { Migration } from '@mikro-orm/migrations';

/** Avatar uploads not completed yet, so housekeeping can delete abandoned ones' files. */
export class Migration20261206110546 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "users"."avatar_upload" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "avatar_upload_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "avatar_upload_created_at_index" on "users"."avatar_upload" ("created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."avatar_upload" cascade;`);
  }
}
