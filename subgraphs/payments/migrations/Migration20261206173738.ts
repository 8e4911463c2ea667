import { Migration } from '@mikro-orm/migrations';

/**
 * Partial refunds: one row per provider refund (unique by its id) and the ledger movement that
 * takes back its share of a tip (TIP_PARTIAL_REFUND).
 */
export class Migration20261206173738 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payments"."payment_refund" ("id" uuid not null, "provider" varchar(10) not null, "refund_id" varchar(255) not null, "payment_ref" varchar(255) not null, "tip_id" uuid null, "amount_jpy" int not null, "refunded_at" timestamptz not null, constraint "payment_refund_pkey" primary key ("id"), constraint payment_refund_amount_jpy_positive check (amount_jpy > 0));`,
    );
    this.addSql(
      `alter table "payments"."payment_refund" add constraint "payment_refund_provider_refund_id_unique" unique ("provider", "refund_id");`,
    );
    this.addSql(
      `create index "payment_refund_tip_id_index" on "payments"."payment_refund" ("tip_id");`,
    );
    this.addSql(
      `alter table "payments"."ledger_transaction" drop constraint if exists "ledger_transaction_kind_check";`,
    );
    this.addSql(
      `alter table "payments"."ledger_transaction" add constraint "ledger_transaction_kind_check" check ("kind" in ('TIP_CREDIT', 'TIP_REVERSAL', 'TIP_PARTIAL_REFUND', 'WITHDRAWAL_HOLD', 'WITHDRAWAL_PAID', 'WITHDRAWAL_RELEASED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."payment_refund" cascade;`);
    this.addSql(
      `alter table "payments"."ledger_transaction" drop constraint if exists "ledger_transaction_kind_check";`,
    );
    this.addSql(
      `alter table "payments"."ledger_transaction" add constraint "ledger_transaction_kind_check" check ("kind" in ('TIP_CREDIT', 'TIP_REVERSAL', 'WITHDRAWAL_HOLD', 'WITHDRAWAL_PAID', 'WITHDRAWAL_RELEASED'));`,
    );
  }
}
