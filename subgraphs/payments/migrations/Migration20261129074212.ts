import { Migration } from '@mikro-orm/migrations';

/**
 * Tips, the double-entry ledger, withdrawals, the tip-target read model and the outbox/inbox.
 * The ledger's own guarantees live in the database, not only in the code: entries are append
 * only (UPDATE and DELETE raise), and each transaction's entries must sum to zero when it
 * commits (a deferred constraint trigger).
 */
export class Migration20261129074212 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payments"."inbox" ("consumer" varchar(150) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "inbox_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "payments"."ledger_transaction" ("id" uuid not null, "kind" text check ("kind" in ('TIP_CREDIT', 'TIP_REVERSAL', 'WITHDRAWAL_HOLD', 'WITHDRAWAL_PAID', 'WITHDRAWAL_RELEASED')) not null, "reference" uuid not null, "created_at" timestamptz not null, constraint "ledger_transaction_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "payments"."ledger_transaction" add constraint "ledger_transaction_kind_reference_unique" unique ("kind", "reference");`,
    );

    this.addSql(
      `create table "payments"."ledger_entry" ("id" bigserial primary key, "transaction_id" uuid not null, "account" varchar(120) not null, "amount_jpy" int not null, "created_at" timestamptz not null, "available_at" timestamptz not null, constraint ledger_entry_amount_jpy_not_zero check (amount_jpy <> 0));`,
    );
    this.addSql(
      `create index "ledger_entry_transaction_id_index" on "payments"."ledger_entry" ("transaction_id");`,
    );
    this.addSql(
      `create index "ledger_entry_account_id_index" on "payments"."ledger_entry" ("account", "id");`,
    );
    this.addSql(
      `create index "ledger_entry_account_available_at_index" on "payments"."ledger_entry" ("account", "available_at") include ("amount_jpy");`,
    );

    this.addSql(
      `create table "payments"."outbox" ("id" uuid not null, "kind" varchar(10) not null, "name" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_created_at_index" on "payments"."outbox" ("created_at");`);

    this.addSql(
      `create table "payments"."tip" ("id" uuid not null, "from_user_id" uuid not null, "target_id" uuid not null, "target_kind" text check ("target_kind" in ('VIDEO', 'LIVE_STREAM')) not null, "creator_id" uuid not null, "amount_jpy" int not null, "message" text not null default '', "status" text check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'REVERSED')) not null default 'PENDING', "provider" varchar(20) null, "provider_ref" varchar(255) null, "checkout_url" text null, "reversal_reason" varchar(20) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "tip_pkey" primary key ("id"), constraint tip_amount_jpy_in_range check (amount_jpy between 100 and 50000));`,
    );
    this.addSql(`create index "tip_from_user_id_index" on "payments"."tip" ("from_user_id");`);
    this.addSql(`create index "tip_creator_id_index" on "payments"."tip" ("creator_id");`);

    this.addSql(
      `create table "payments"."tip_target" ("id" uuid not null, "kind" text check ("kind" in ('VIDEO', 'LIVE_STREAM')) not null, "owner_id" uuid not null, "audience" text check ("audience" in ('GENERAL', 'ADULT')) not null, "visibility" varchar(20) null, "deleted" boolean not null default false, "version" timestamptz not null, constraint "tip_target_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "tip_target_owner_id_index" on "payments"."tip_target" ("owner_id");`,
    );

    this.addSql(
      `create table "payments"."withdrawal" ("id" uuid not null, "creator_id" uuid not null, "amount_jpy" int not null, "status" text check ("status" in ('PENDING', 'PAID', 'REJECTED')) not null default 'PENDING', "created_at" timestamptz not null, "decided_at" timestamptz null, "decided_by" uuid null, "rejection_reason" text null, constraint "withdrawal_pkey" primary key ("id"), constraint withdrawal_amount_jpy_minimum check (amount_jpy >= 1000));`,
    );
    this.addSql(
      `create index "withdrawal_creator_created_index" on "payments"."withdrawal" ("creator_id", "created_at", "id");`,
    );

    this.addSql(
      `alter table "payments"."ledger_entry" add constraint "ledger_entry_transaction_id_foreign" foreign key ("transaction_id") references "payments"."ledger_transaction" ("id") on update cascade;`,
    );

    this
      .addSql(`create function "payments"."ledger_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'the ledger is append only: % on % is refused', tg_op, tg_table_name;
      end $$;`);
    this
      .addSql(`create trigger "ledger_entry_append_only" before update or delete on "payments"."ledger_entry"
      for each row execute function "payments"."ledger_append_only"();`);
    this
      .addSql(`create trigger "ledger_transaction_append_only" before update or delete on "payments"."ledger_transaction"
      for each row execute function "payments"."ledger_append_only"();`);
    this
      .addSql(`create function "payments"."ledger_check_balanced"() returns trigger language plpgsql as $$
      declare
        total bigint;
      begin
        select coalesce(sum("amount_jpy"), 0) into total
          from "payments"."ledger_entry" where "transaction_id" = new."transaction_id";
        if total <> 0 then
          raise exception 'ledger transaction % does not balance (sum %)', new."transaction_id", total;
        end if;
        return null;
      end $$;`);
    this
      .addSql(`create constraint trigger "ledger_entry_balanced" after insert on "payments"."ledger_entry"
      deferrable initially deferred for each row execute function "payments"."ledger_check_balanced"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "ledger_entry_balanced" on "payments"."ledger_entry";`);
    this.addSql(`drop trigger if exists "ledger_entry_append_only" on "payments"."ledger_entry";`);
    this.addSql(
      `drop trigger if exists "ledger_transaction_append_only" on "payments"."ledger_transaction";`,
    );
    this.addSql(`drop function if exists "payments"."ledger_check_balanced"();`);
    this.addSql(`drop function if exists "payments"."ledger_append_only"();`);
    this.addSql(
      `alter table "payments"."ledger_entry" drop constraint "ledger_entry_transaction_id_foreign";`,
    );

    this.addSql(`drop table if exists "payments"."inbox" cascade;`);

    this.addSql(`drop table if exists "payments"."ledger_transaction" cascade;`);

    this.addSql(`drop table if exists "payments"."ledger_entry" cascade;`);

    this.addSql(`drop table if exists "payments"."outbox" cascade;`);

    this.addSql(`drop table if exists "payments"."tip" cascade;`);

    this.addSql(`drop table if exists "payments"."tip_target" cascade;`);

    this.addSql(`drop table if exists "payments"."withdrawal" cascade;`);
  }
}
