import { Migration } from '@mikro-orm/migrations';

/** Checkout sessions remember where their page sends the buyer back to (the app or the web app). */
export class Migration20261207014800 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "payments"."checkout_session" add column "return_url" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "payments"."checkout_session" drop column if exists "return_url";`);
  }
}
