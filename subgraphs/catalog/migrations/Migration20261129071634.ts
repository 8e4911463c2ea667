import { Migration } from '@mikro-orm/migrations';

export class Migration20261129071634 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "catalog";`);
    this.addSql(
      `create table "catalog"."title" ("id" uuid not null, "kind" text check ("kind" in ('SERIES', 'MOVIE')) not null, "name" varchar(200) not null, "synopsis" text not null default '', "release_year" int null, "content_rating" text check ("content_rating" in ('G', 'PG12', 'R15', 'R18')) not null, "required_plan" text check ("required_plan" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'PREMIUM', "audience" text check ("audience" in ('GENERAL', 'ADULT')) not null default 'GENERAL', "created_at" timestamptz not null, constraint "title_pkey" primary key ("id"), constraint title_adult_needs_premium_plus check (audience <> 'ADULT' or required_plan = 'PREMIUM_PLUS'), constraint title_r18_is_adult check ((content_rating = 'R18') = (audience = 'ADULT')), constraint title_release_year_range check (release_year >= 1870 and release_year <= 2200), constraint title_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(
      `create index "title_kind_name_id_index" on "catalog"."title" ("kind", "name", "id");`,
    );
    this.addSql(`create index "title_name_id_index" on "catalog"."title" ("name", "id");`);

    this.addSql(
      `create table "catalog"."season" ("id" uuid not null, "title_id" uuid not null, "number" int not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "season_pkey" primary key ("id"), constraint season_number_not_negative check (number >= 0));`,
    );
    this.addSql(
      `alter table "catalog"."season" add constraint "season_title_id_number_unique" unique ("title_id", "number");`,
    );

    this.addSql(
      `create table "catalog"."episode" ("id" uuid not null, "season_id" uuid not null, "number" int not null, "name" varchar(200) not null, "duration_seconds" int not null, "video_id" uuid null, "created_at" timestamptz not null, constraint "episode_pkey" primary key ("id"), constraint episode_duration_positive check (duration_seconds > 0), constraint episode_number_not_negative check (number >= 0));`,
    );
    this.addSql(
      `alter table "catalog"."episode" add constraint "episode_season_id_number_unique" unique ("season_id", "number");`,
    );

    this.addSql(
      `alter table "catalog"."season" add constraint "season_title_id_foreign" foreign key ("title_id") references "catalog"."title" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "catalog"."episode" add constraint "episode_season_id_foreign" foreign key ("season_id") references "catalog"."season" ("id") on update cascade on delete cascade;`,
    );
  }

  // The schema stays: it also holds this subgraph's migration log.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalog"."episode" cascade;`);
    this.addSql(`drop table if exists "catalog"."season" cascade;`);
    this.addSql(`drop table if exists "catalog"."title" cascade;`);
  }
}
