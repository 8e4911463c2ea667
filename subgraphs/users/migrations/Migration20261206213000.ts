import { Migration } from '@mikro-orm/migrations';

/**
 * Money emails: each account's email language (from Accept-Language at sign-up; Japanese for the
 * accounts made before), and the money emails payments asked for, unique per key.
 */
export class Migration20261206213000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "users"."user" add column "language" varchar(2) not null default 'ja', add constraint "user_language_check" check ("language" in ('ja', 'en'));`,
    );
    this.addSql(
      `create table "users"."money_email" ("id" uuid not null, "key" varchar(200) not null, "recipient_id" uuid not null, "kind" varchar(40) not null, "facts" jsonb not null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "money_email_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "users"."money_email" add constraint "money_email_key_unique" unique ("key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "users"."money_email" cascade;`);
    this.addSql(`alter table "users"."user" drop column if exists "language";`);
  }
}
