import { Migration } from '@mikro-orm/migrations';

/** Account tokens may be one-time sign-in links (the way in while a password is not enough). */
export class Migration20261206142640 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "users"."account_token" drop constraint if exists "account_token_purpose_check";`,
    );
    this.addSql(
      `alter table "users"."account_token" add constraint "account_token_purpose_check" check ("purpose" in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'SIGN_IN_LINK'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "users"."account_token" where "purpose" = 'SIGN_IN_LINK';`);
    this.addSql(
      `alter table "users"."account_token" drop constraint if exists "account_token_purpose_check";`,
    );
    this.addSql(
      `alter table "users"."account_token" add constraint "account_token_purpose_check" check ("purpose" in ('VERIFY_EMAIL', 'RESET_PASSWORD'));`,
    );
  }
}
