import { Migration } from '@mikro-orm/migrations';

export class Migration20261129071413 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "payments";`);
    this.addSql(
      `create table "payments"."plan" ("id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null, "name" varchar(100) not null, "price_jpy" int not null, "provider" text check ("provider" in ('NONE', 'STRIPE', 'CCBILL')) not null, "interval" text check ("interval" in ('MONTH')) not null default 'MONTH', "adults_only" boolean not null default false, "active" boolean not null default true, "created_at" timestamptz not null, constraint "plan_pkey" primary key ("id"), constraint plan_price_jpy_not_negative check (price_jpy >= 0));`,
    );
    this.addSql(`create index "plan_active_index" on "payments"."plan" ("active");`);

    this.addSql(
      `create table "payments"."subscription" ("id" uuid not null, "user_id" uuid not null, "plan_id" uuid not null, "status" text check ("status" in ('ACTIVE', 'PAST_DUE', 'CANCELED', 'EXPIRED')) not null default 'ACTIVE', "current_period_end" timestamptz not null, "cancel_at_period_end" boolean not null default false, "provider_customer_id" varchar(255) null, "provider_subscription_id" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "subscription_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "subscription_user_id_index" on "payments"."subscription" ("user_id");`,
    );
    this.addSql(
      `alter table "payments"."subscription" add constraint "subscription_provider_subscription_id_unique" unique ("provider_subscription_id");`,
    );
    this.addSql(
      `create unique index "subscription_one_current_per_user" on "payments"."subscription" ("user_id") where "status" in ('ACTIVE', 'PAST_DUE');`,
    );

    this.addSql(
      `alter table "payments"."subscription" add constraint "subscription_plan_id_foreign" foreign key ("plan_id") references "payments"."plan" ("id") on update cascade;`,
    );
  }

  // The schema stays: it also holds this subgraph's migration log.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payments"."subscription" cascade;`);
    this.addSql(`drop table if exists "payments"."plan" cascade;`);
  }
}
