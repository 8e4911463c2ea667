import { Migration } from '@mikro-orm/migrations';

/**
 * Checkout, provider webhooks (events stored raw, payment references), the age read model and
 * published entitlements; subscription columns for out-of-order convergence and scheduled changes.
 */
export class Migration20261129074549 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payments"."account_age" ("user_id" uuid not null, "birth_date" varchar(10) null, "age_verified_at" timestamptz null, "updated_at" timestamptz not null, constraint "account_age_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "payments"."billing_customer" ("user_id" uuid not null, "provider" varchar(10) not null, "provider_customer_id" varchar(255) not null, "created_at" timestamptz not null, constraint "billing_customer_pkey" primary key ("user_id", "provider"));`,
    );
    this.addSql(
      `alter table "payments"."billing_customer" add constraint "billing_customer_provider_customer_id_unique" unique ("provider_customer_id");`,
    );

    this.addSql(
      `create table "payments"."entitlement" ("user_id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null, "age_verified" boolean not null, "changed_at" timestamptz not null, constraint "entitlement_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "payments"."checkout_session" ("id" uuid not null, "user_id" uuid not null, "kind" varchar(20) not null, "plan_id" uuid null, "tip_id" uuid null, "amount_jpy" int not null, "provider" varchar(10) not null, "mode" varchar(10) not null, "provider_ref" varchar(255) null, "url" text not null, "status" varchar(10) not null default 'OPEN', "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "checkout_session_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "checkout_session_user_id_index" on "payments"."checkout_session" ("user_id");`,
    );
    this.addSql(
      `create index "checkout_session_tip_id_index" on "payments"."checkout_session" ("tip_id");`,
    );
    this.addSql(
      `create index "checkout_session_provider_ref_index" on "payments"."checkout_session" ("provider_ref");`,
    );

    this.addSql(
      `create table "payments"."provider_event" ("id" uuid not null, "provider" varchar(10) not null, "event_key" varchar(255) not null, "event_type" varchar(100) not null, "raw_body" text not null, "waiting_for" varchar(255) null, "outcome" varchar(100) not null default 'APPLIED', "received_at" timestamptz not null, constraint "provider_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "provider_event_waiting_for_index" on "payments"."provider_event" ("waiting_for");`,
    );
    this.addSql(
      `alter table "payments"."provider_event" add constraint "provider_event_key_unique" unique ("provider", "event_key");`,
    );

    this.addSql(
      `create table "payments"."provider_payment" ("provider" varchar(10) not null, "payment_ref" varchar(255) not null, "user_id" uuid not null, "provider_subscription_id" varchar(255) null, "tip_id" uuid null, "reversed_at" timestamptz null, "created_at" timestamptz not null, constraint "provider_payment_pkey" primary key ("provider", "payment_ref"));`,
    );

    this.addSql(
      `alter table "payments"."checkout_session" add constraint "checkout_session_plan_id_foreign" foreign key ("plan_id") references "payments"."plan" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "payments"."subscription" add column "provider" varchar(10) not null default 'NONE', add column "paid_through" timestamptz null, add column "failed_through" timestamptz null, add column "past_due_since" timestamptz null, add column "period_end_confirmed" boolean not null default false, add column "provider_state_at" timestamptz null, add column "scheduled_plan_id" uuid null, add column "end_reason" varchar(20) null;`,
    );
    this.addSql(
      `alter table "payments"."subscription" add constraint "subscription_scheduled_plan_id_foreign" foreign key ("scheduled_plan_id") references "payments"."plan" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."account_age" cascade;`);

    this.addSql(`drop table if exists "payments"."billing_customer" cascade;`);

    this.addSql(`drop table if exists "payments"."entitlement" cascade;`);

    this.addSql(`drop table if exists "payments"."checkout_session" cascade;`);

    this.addSql(`drop table if exists "payments"."provider_event" cascade;`);

    this.addSql(`drop table if exists "payments"."provider_payment" cascade;`);

    this.addSql(
      `alter table "payments"."subscription" drop constraint "subscription_scheduled_plan_id_foreign";`,
    );

    this.addSql(
      `alter table "payments"."subscription" drop column "provider", drop column "paid_through", drop column "failed_through", drop column "past_due_since", drop column "period_end_confirmed", drop column "provider_state_at", drop column "scheduled_plan_id", drop column "end_reason";`,
    );
  }
}
