import { Migration } from '@mikro-orm/migrations';

export class Migration20261129071633 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "live";`);
    this.addSql(
      `create table "live"."live_stream" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(100) not null, "description" text not null default '', "status" text check ("status" in ('SCHEDULED', 'LIVE', 'ENDED')) not null default 'SCHEDULED', "required_plan" text check ("required_plan" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE', "audience" text check ("audience" in ('GENERAL', 'ADULT')) not null default 'GENERAL', "scheduled_at" timestamptz null, "started_at" timestamptz null, "ended_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "live_stream_pkey" primary key ("id"), constraint live_stream_times_check check (("status" <> 'LIVE' or "started_at" is not null) and ("status" <> 'ENDED' or "ended_at" is not null)), constraint live_stream_description_length_check check (char_length("description") <= 5000));`,
    );
    this.addSql(
      `create index "live_stream_owner_created_idx" on "live"."live_stream" ("owner_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "live_stream_upcoming_idx" on "live"."live_stream" ("scheduled_at", "id") where "status" = 'SCHEDULED' and "scheduled_at" is not null;`,
    );
    this.addSql(
      `create index "live_stream_on_air_idx" on "live"."live_stream" ("started_at" desc, "id" desc) where "status" = 'LIVE';`,
    );
  }

  // The schema stays: it also holds this subgraph's migration log.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live"."live_stream" cascade;`);
  }
}
