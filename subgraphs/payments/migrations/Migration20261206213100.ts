import { Migration } from '@mikro-orm/migrations';

/**
 * Money emails and invoices: every subscription charge (paid, failed, refunded) per provider
 * reference, and the period end each subscription's renewal reminder was mailed for.
 */
export class Migration20261206213100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payments"."invoice" ("id" uuid not null, "user_id" uuid not null, "subscription_id" uuid null, "plan_id" uuid null, "provider" varchar(10) not null, "provider_ref" varchar(255) not null, "amount_jpy" int not null, "status" text check ("status" in ('PAID', 'FAILED', 'REFUNDED')) not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "paid_at" timestamptz null, "created_at" timestamptz not null, constraint "invoice_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "payments"."invoice" add constraint "invoice_provider_provider_ref_unique" unique ("provider", "provider_ref");`,
    );
    this.addSql(
      `create index "invoice_user_created_index" on "payments"."invoice" ("user_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "invoice_subscription_id_index" on "payments"."invoice" ("subscription_id");`,
    );
    this.addSql(
      `alter table "payments"."subscription" add column "renewal_reminded_for" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."invoice" cascade;`);
    this.addSql(
      `alter table "payments"."subscription" drop column if exists "renewal_reminded_for";`,
    );
  }
}
