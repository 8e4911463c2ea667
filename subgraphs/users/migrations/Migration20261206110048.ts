import { Migration } from '@mikro-orm/migrations';

/** When a notification was emailed (the notification email job). */
export class Migration20261206110048 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users"."notification" add column "emailed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users"."notification" drop column "emailed_at";`);
  }
}
