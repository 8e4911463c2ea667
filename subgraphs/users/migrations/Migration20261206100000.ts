import { Migration } from '@mikro-orm/migrations';

export class Migration20261206100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users"."user" add column "avatar_prefix" varchar(255) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users"."user" drop column if exists "avatar_prefix";`);
  }

}
