import { Migration } from '@mikro-orm/migrations';

/**
 * Payouts: the creators' payout accounts at the provider, withdrawals that are PROCESSING (sent)
 * or FAILED (returned through the ledger: WITHDRAWAL_RETURNED), and the provider's transfer and
 * payout ids.
 */
export class Migration20261206174817 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payments"."payout_account" ("user_id" uuid not null, "provider" varchar(10) not null default 'STRIPE', "provider_account_id" varchar(255) not null, "status" text check ("status" in ('PENDING', 'ACTIVE', 'RESTRICTED')) not null default 'PENDING', "status_at" timestamptz null, "created_at" timestamptz not null, constraint "payout_account_pkey" primary key ("user_id"));`,
    );
    this.addSql(
      `alter table "payments"."payout_account" add constraint "payout_account_provider_account_id_unique" unique ("provider_account_id");`,
    );
    this.addSql(
      `alter table "payments"."withdrawal" drop constraint if exists "withdrawal_status_check";`,
    );
    this.addSql(
      `alter table "payments"."withdrawal" add constraint "withdrawal_status_check" check ("status" in ('PENDING', 'PROCESSING', 'PAID', 'FAILED', 'REJECTED'));`,
    );
    this.addSql(
      `alter table "payments"."withdrawal" add column "provider_transfer_id" varchar(255) null, add column "provider_payout_id" varchar(255) null, add column "settled_at" timestamptz null;`,
    );
    this.addSql(
      `create index "withdrawal_provider_payout_id_index" on "payments"."withdrawal" ("provider_payout_id");`,
    );
    this.addSql(
      `create index "withdrawal_status_created_index" on "payments"."withdrawal" ("status", "created_at", "id");`,
    );
    this.addSql(
      `alter table "payments"."ledger_transaction" drop constraint if exists "ledger_transaction_kind_check";`,
    );
    this.addSql(
      `alter table "payments"."ledger_transaction" add constraint "ledger_transaction_kind_check" check ("kind" in ('TIP_CREDIT', 'TIP_REVERSAL', 'TIP_PARTIAL_REFUND', 'WITHDRAWAL_HOLD', 'WITHDRAWAL_PAID', 'WITHDRAWAL_RELEASED', 'WITHDRAWAL_RETURNED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."payout_account" cascade;`);
    this.addSql(`drop index if exists "payments"."withdrawal_provider_payout_id_index";`);
    this.addSql(`drop index if exists "payments"."withdrawal_status_created_index";`);
    this.addSql(
      `alter table "payments"."withdrawal" drop column if exists "provider_transfer_id", drop column if exists "provider_payout_id", drop column if exists "settled_at";`,
    );
  }
}
