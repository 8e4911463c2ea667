import { Migration } from '@mikro-orm/migrations';

/**
 * Discovery: what the index must know to filter and sort (kind SHORT and CHANNEL, category,
 * duration, plan, a stream's status, a title's licences), the ranking read models fed by events
 * (signals, watches, follows, history clears), the viewers' entitlements, suggestions, the
 * vocabulary for typo tolerance (pg_trgm when the server has it) and feed snapshots.
 */
export class Migration20261206105551 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "search"."document" drop constraint if exists "document_kind_check";`);
    this.addSql(
      `alter table "search"."document" add constraint "document_kind_check" check ("kind" in ('VIDEO', 'SHORT', 'LIVE_STREAM', 'TITLE', 'CHANNEL'));`,
    );
    this.addSql(
      `alter table "search"."document"
         add column "category_id" uuid null,
         add column "duration_seconds" real null,
         add column "required_plan" text check ("required_plan" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE',
         add column "live_status" text check ("live_status" in ('SCHEDULED', 'LIVE', 'ENDED')) null,
         add column "licences" jsonb null,
         add column "title_vector" tsvector not null default '',
         add column "head_vector" tsvector not null default '';`,
    );
    // Relevance walks tiers (the whole query in the title, in title and tags, anywhere): each has
    // its own index, so a common word's first page ranks its title matches only.
    this.addSql(
      `create index "document_title_vector_idx" on "search"."document" using gin ("title_vector");`,
    );
    this.addSql(
      `create index "document_head_vector_idx" on "search"."document" using gin ("head_vector");`,
    );
    // Listed documents (what feeds and filters walk), newest first, and by owner, kind, category.
    const listed = `where "deleted_at" is null and "visibility" = 'PUBLIC' and "published_at" is not null`;
    this.addSql(
      `create index "document_listed_idx" on "search"."document" ("published_at" desc, "id" desc) ${listed};`,
    );
    this.addSql(
      `create index "document_listed_kind_idx" on "search"."document" ("kind", "published_at" desc, "id" desc) ${listed};`,
    );
    this.addSql(
      `create index "document_listed_owner_idx" on "search"."document" ("owner_id", "published_at" desc) ${listed};`,
    );
    this.addSql(
      `create index "document_listed_category_idx" on "search"."document" ("category_id", "published_at" desc) ${listed};`,
    );
    this.addSql(
      `create index "document_tags_idx" on "search"."document" using gin ("tags") ${listed};`,
    );

    this.addSql(
      `create table "search"."signal" ("video_id" uuid not null, "view_count" bigint not null default 0, "like_count" int not null default 0, "day_score" double precision not null default '-Infinity', "week_score" double precision not null default '-Infinity', "last_viewed_at" timestamptz null, "indexed_view_count" bigint not null default 0, constraint "signal_pkey" primary key ("video_id"));`,
    );
    this.addSql(
      `create index "signal_day_idx" on "search"."signal" ("day_score" desc, "video_id" desc);`,
    );
    this.addSql(
      `create index "signal_week_idx" on "search"."signal" ("week_score" desc, "video_id" desc);`,
    );
    this.addSql(
      `create index "signal_views_idx" on "search"."signal" ("view_count" desc, "video_id" desc);`,
    );

    this.addSql(
      `create table "search"."watch" ("viewer_key" varchar(110) not null, "video_id" uuid not null, "views" int not null default 0, "last_viewed_at" timestamptz not null, "finished_at" timestamptz null, "liked_at" timestamptz null, constraint "watch_pkey" primary key ("viewer_key", "video_id"));`,
    );
    // Co-viewing reads both directions from the indexes alone (index-only scans).
    this.addSql(
      `create index "watch_viewer_recent_idx" on "search"."watch" ("viewer_key", "last_viewed_at" desc) include ("video_id");`,
    );
    this.addSql(
      `create index "watch_video_recent_idx" on "search"."watch" ("video_id", "last_viewed_at" desc) include ("viewer_key");`,
    );

    this.addSql(
      `create table "search"."history_clear" ("viewer_key" varchar(110) not null, "cleared_at" timestamptz not null, constraint "history_clear_pkey" primary key ("viewer_key"));`,
    );

    this.addSql(
      `create table "search"."follow" ("follower_id" uuid not null, "followee_id" uuid not null, "following" boolean not null, "changed_at" timestamptz not null, constraint "follow_pkey" primary key ("follower_id", "followee_id"));`,
    );

    this.addSql(
      `create table "search"."viewer_entitlement" ("user_id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null, "age_verified" boolean not null, "changed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "viewer_entitlement_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "search"."suggestion" ("document_id" uuid not null, "key" text not null, "phrase" text not null, "weight" smallint not null default 0, "published_at" timestamptz not null, "audience" text not null, "licences" jsonb null, constraint "suggestion_pkey" primary key ("document_id", "key"));`,
    );
    this.addSql(
      `create index "suggestion_key_idx" on "search"."suggestion" ("key" text_pattern_ops);`,
    );
    // Short prefixes match many keys: these walk them most popular first and stop early.
    for (const length of [1, 2, 3]) {
      this.addSql(
        `create index "suggestion_prefix${length}_idx" on "search"."suggestion" (left("key", ${length}), "weight" desc);`,
      );
    }

    this.addSql(
      `create table "search"."term" ("word" text not null, "documents" int not null default 1, constraint "term_pkey" primary key ("word"));`,
    );
    // pg_trgm is database-wide: made once in public (or found where another subgraph put it) and
    // never dropped here. Without it (a server without contrib), search has no typo tolerance.
    this.addSql(`do $$
      declare trgm_schema text;
      begin
        begin
          create extension if not exists pg_trgm schema public;
        exception when others then
          raise notice 'pg_trgm is not available: search has no typo tolerance (%)', sqlerrm;
        end;
        select n.nspname into trgm_schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
        if trgm_schema is not null then
          execute format('create index "term_trgm_idx" on "search"."term" using gin ("word" %I.gin_trgm_ops)', trgm_schema);
        end if;
      end $$;`);

    this.addSql(
      `create table "search"."feed_snapshot" ("id" uuid not null, "viewer_key" varchar(110) not null, "feed" varchar(20) not null, "items" text[] not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "feed_snapshot_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "feed_snapshot_created_idx" on "search"."feed_snapshot" ("created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "search"."feed_snapshot" cascade;`);
    this.addSql(`drop table if exists "search"."term" cascade;`);
    this.addSql(`drop table if exists "search"."suggestion" cascade;`);
    this.addSql(`drop table if exists "search"."viewer_entitlement" cascade;`);
    this.addSql(`drop table if exists "search"."follow" cascade;`);
    this.addSql(`drop table if exists "search"."history_clear" cascade;`);
    this.addSql(`drop table if exists "search"."watch" cascade;`);
    this.addSql(`drop table if exists "search"."signal" cascade;`);
    for (const index of [
      'document_title_vector_idx',
      'document_head_vector_idx',
      'document_listed_idx',
      'document_listed_kind_idx',
      'document_listed_owner_idx',
      'document_listed_category_idx',
      'document_tags_idx',
    ]) {
      this.addSql(`drop index if exists "search"."${index}";`);
    }
    this.addSql(
      `alter table "search"."document" drop column "category_id", drop column "duration_seconds", drop column "required_plan", drop column "live_status", drop column "licences", drop column "title_vector", drop column "head_vector";`,
    );
    // Documents of the kinds this migration added go with it.
    this.addSql(`delete from "search"."document" where "kind" in ('SHORT', 'CHANNEL');`);
    this.addSql(`alter table "search"."document" drop constraint if exists "document_kind_check";`);
    this.addSql(
      `alter table "search"."document" add constraint "document_kind_check" check ("kind" in ('VIDEO', 'LIVE_STREAM', 'TITLE'));`,
    );
  }
}
