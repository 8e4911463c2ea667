import { Migration } from '@mikro-orm/migrations';

/** Revenue per day for analysts; tips and their reversals already in the ledger are counted in. */
export class Migration20261206121822 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payments"."revenue_daily" ("day" date not null, "subscription_jpy" bigint not null default 0, "tip_jpy" bigint not null default 0, "platform_fee_jpy" bigint not null default 0, "refund_jpy" bigint not null default 0, constraint "revenue_daily_pkey" primary key ("day"));`,
    );
    this.addSql(
      `insert into "payments"."revenue_daily" ("day", "tip_jpy", "platform_fee_jpy", "refund_jpy")
       select (t."created_at" at time zone 'utc')::date,
         sum(case when t."kind" = 'TIP_CREDIT' and e."account" like 'provider:%:clearing' then -e."amount_jpy" else 0 end),
         sum(case when e."account" = 'platform:fees' then e."amount_jpy" else 0 end),
         sum(case when t."kind" = 'TIP_REVERSAL' and e."account" like 'provider:%:clearing' then e."amount_jpy" else 0 end)
       from "payments"."ledger_transaction" t join "payments"."ledger_entry" e on e."transaction_id" = t."id"
       where t."kind" in ('TIP_CREDIT', 'TIP_REVERSAL') group by 1;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."revenue_daily" cascade;`);
  }
}
