import { Migration } from '@mikro-orm/migrations';

const KINDS_BEFORE = `'NEW_VIDEO', 'LIVE_STARTED', 'NEW_FOLLOWER', 'COMMENT_ON_VIDEO', 'COMMENT_REPLY', 'TIP_RECEIVED'`;
const KINDS_AFTER = `${KINDS_BEFORE}, 'CONTENT_TAKEN_DOWN'`;

/**
 * Trust and safety: suspensions on the account, reports grouped into moderation cases, takedowns,
 * the comments' authors (for reports on comments), the takedown notification's reason, and the
 * append-only audit log (UPDATE and DELETE refused by a trigger, as the payments ledger does).
 */
export class Migration20261206142311 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "users"."user" add column "suspended_at" timestamptz null, add column "suspended_until" timestamptz null, add column "suspension_reason" varchar(1000) null;`,
    );

    this.addSql(
      `create table "users"."moderation_case" ("id" uuid not null, "target_type" text check ("target_type" in ('VIDEO', 'COMMENT', 'LIVE_STREAM', 'CHAT_MESSAGE', 'USER')) not null, "target_id" uuid not null, "target_owner_id" uuid null, "reason" text check ("reason" in ('SPAM', 'HARASSMENT', 'SEXUAL_CONTENT', 'VIOLENCE', 'COPYRIGHT', 'CHILD_SAFETY', 'OTHER')) not null, "priority" smallint not null, "report_count" int not null, "status" text check ("status" in ('OPEN', 'RESOLVED', 'DISMISSED')) not null, "created_at" timestamptz not null, "last_reported_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by" uuid null, "action" text check ("action" in ('DISMISS', 'REMOVE_CONTENT', 'SUSPEND_USER')) null, "note" varchar(2000) null, constraint "moderation_case_pkey" primary key ("id"));`,
    );
    // one open case per target: every new report of it joins that case
    this.addSql(
      `create unique index "moderation_case_open_target_unique" on "users"."moderation_case" ("target_type", "target_id") where "status" = 'OPEN';`,
    );
    this.addSql(
      `create index "moderation_case_queue_idx" on "users"."moderation_case" ("status", "priority", "created_at", "id");`,
    );

    this.addSql(
      `create table "users"."content_report" ("id" uuid not null, "case_id" uuid not null, "reporter_id" uuid not null, "target_type" text check ("target_type" in ('VIDEO', 'COMMENT', 'LIVE_STREAM', 'CHAT_MESSAGE', 'USER')) not null, "target_id" uuid not null, "reason" text check ("reason" in ('SPAM', 'HARASSMENT', 'SEXUAL_CONTENT', 'VIOLENCE', 'COPYRIGHT', 'CHILD_SAFETY', 'OTHER')) not null, "details" varchar(2000) not null default '', "created_at" timestamptz not null, constraint "content_report_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "users"."content_report" add constraint "content_report_reporter_target_unique" unique ("reporter_id", "target_type", "target_id");`,
    );
    this.addSql(
      `alter table "users"."content_report" add constraint "content_report_case_id_foreign" foreign key ("case_id") references "users"."moderation_case" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create index "content_report_case_id_index" on "users"."content_report" ("case_id");`,
    );

    this.addSql(
      `create table "users"."takedown" ("target_type" text check ("target_type" in ('VIDEO', 'COMMENT', 'LIVE_STREAM', 'CHAT_MESSAGE')) not null, "target_id" uuid not null, "owner_id" uuid null, "reason" varchar(1000) not null, "taken_down_by" uuid not null, "taken_down_at" timestamptz not null, constraint "takedown_pkey" primary key ("target_type", "target_id"));`,
    );

    this.addSql(
      `create table "users"."comment_author" ("comment_id" uuid not null, "author_id" uuid not null, "video_id" uuid not null, constraint "comment_author_pkey" primary key ("comment_id"));`,
    );

    this.addSql(
      `create table "users"."audit_entry" ("id" uuid not null, "action" varchar(60) not null, "actor_id" uuid null, "actor_label" varchar(100) null, "target_type" varchar(40) not null, "target_id" varchar(200) not null, "at" timestamptz not null, "ip" varchar(64) null, "detail" jsonb not null, constraint "audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_entry_at_id_idx" on "users"."audit_entry" ("at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "audit_entry_actor_idx" on "users"."audit_entry" ("actor_id", "at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "audit_entry_action_idx" on "users"."audit_entry" ("action", "at" desc, "id" desc);`,
    );
    this
      .addSql(`create function "users"."audit_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append only: % on % is refused', tg_op, tg_table_name;
      end $$;`);
    this
      .addSql(`create trigger "audit_entry_append_only" before update or delete on "users"."audit_entry"
      for each row execute function "users"."audit_append_only"();`);
    // TRUNCATE skips row triggers: refuse it with a statement trigger
    this.addSql(`create trigger "audit_entry_no_truncate" before truncate on "users"."audit_entry"
      for each statement execute function "users"."audit_append_only"();`);

    this.addSql(`alter table "users"."notification" add column "reason" varchar(1000) null;`);
    for (const table of ['notification', 'notification_setting']) {
      this.addSql(
        `alter table "users"."${table}" drop constraint if exists "${table}_kind_check";`,
      );
      this.addSql(
        `alter table "users"."${table}" add constraint "${table}_kind_check" check ("kind" in (${KINDS_AFTER}));`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of ['notification', 'notification_setting']) {
      this.addSql(`delete from "users"."${table}" where "kind" = 'CONTENT_TAKEN_DOWN';`);
      this.addSql(
        `alter table "users"."${table}" drop constraint if exists "${table}_kind_check";`,
      );
      this.addSql(
        `alter table "users"."${table}" add constraint "${table}_kind_check" check ("kind" in (${KINDS_BEFORE}));`,
      );
    }
    this.addSql(`alter table "users"."notification" drop column if exists "reason";`);
    this.addSql(`drop table if exists "users"."audit_entry" cascade;`);
    this.addSql(`drop function if exists "users"."audit_append_only"();`);
    this.addSql(`drop table if exists "users"."comment_author" cascade;`);
    this.addSql(`drop table if exists "users"."takedown" cascade;`);
    this.addSql(`drop table if exists "users"."content_report" cascade;`);
    this.addSql(`drop table if exists "users"."moderation_case" cascade;`);
    this.addSql(
      `alter table "users"."user" drop column if exists "suspended_at", drop column if exists "suspended_until", drop column if exists "suspension_reason";`,
    );
  }
}
