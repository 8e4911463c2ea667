import { Migration } from '@mikro-orm/migrations';

/**
 * The premium catalog (issue 11): FILM instead of MOVIE, the maturity rating, genres and
 * publication of titles; episode synopses and their one video each; licences by window and
 * territory; the read models of videos' media and of viewers' age and plan; episode progress; the
 * messaging tables (TitleChanged, CatalogVideoChanged; UserRegistered, EntitlementChanged,
 * VideoMediaChanged consumed).
 */
export class Migration20261206105758 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "catalog"."episode_progress" ("user_id" uuid not null, "episode_id" uuid not null, "title_id" uuid not null, "position_seconds" int not null, "completed" boolean not null, "watched_at" timestamptz not null, constraint "episode_progress_pkey" primary key ("user_id", "episode_id"));`,
    );
    this.addSql(
      `create index "episode_progress_latest_index" on "catalog"."episode_progress" ("user_id", "title_id", "watched_at" desc);`,
    );

    this.addSql(
      `create table "catalog"."inbox" ("consumer" varchar(150) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "inbox_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "catalog"."outbox" ("id" uuid not null, "kind" varchar(10) not null, "name" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_created_at_index" on "catalog"."outbox" ("created_at");`);

    this.addSql(
      `create table "catalog"."licence" ("id" uuid not null, "title_id" uuid not null, "territories" text[] not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "created_at" timestamptz not null, constraint "licence_pkey" primary key ("id"), constraint licence_window_not_empty check (ends_at > starts_at));`,
    );
    this.addSql(`create index "licence_title_id_index" on "catalog"."licence" ("title_id");`);

    this.addSql(
      `create table "catalog"."licence_territory" ("licence_id" uuid not null, "territory" varchar(2) not null, "title_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, constraint "licence_territory_pkey" primary key ("licence_id", "territory"));`,
    );
    this.addSql(
      `create index "licence_territory_ends_index" on "catalog"."licence_territory" ("territory", "ends_at");`,
    );
    this.addSql(
      `create index "licence_territory_starts_index" on "catalog"."licence_territory" ("territory", "starts_at");`,
    );
    this.addSql(
      `create index "licence_territory_title_index" on "catalog"."licence_territory" ("title_id", "territory", "starts_at");`,
    );

    this.addSql(
      `create table "catalog"."video_asset" ("video_id" uuid not null, "owner_id" uuid not null, "status" text check ("status" in ('READY', 'DELETED')) not null, "duration_seconds" int null, "playback_entry" varchar(300) null, "changed_at" timestamptz not null, constraint "video_asset_pkey" primary key ("video_id"));`,
    );

    this.addSql(
      `create table "catalog"."viewer_age" ("user_id" uuid not null, "birth_date" varchar(10) not null, constraint "viewer_age_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "catalog"."viewer_entitlement" ("user_id" uuid not null, "tier" text check ("tier" in ('FREE', 'PREMIUM', 'PREMIUM_PLUS')) not null default 'FREE', "age_verified" boolean not null default false, "changed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "viewer_entitlement_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `alter table "catalog"."licence" add constraint "licence_title_id_foreign" foreign key ("title_id") references "catalog"."title" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "catalog"."licence_territory" add constraint "licence_territory_licence_id_foreign" foreign key ("licence_id") references "catalog"."licence" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "catalog"."title" drop constraint if exists "title_kind_check";`);

    this.addSql(`alter table "catalog"."title" drop constraint title_r18_is_adult;`);

    this.addSql(
      `alter table "catalog"."title" add column "genres" text[] not null default '{}', add column "published_at" timestamptz null, add column "first_published_at" timestamptz null, add column "updated_at" timestamptz not null default now();`,
    );
    this.addSql(`alter table "catalog"."title" alter column "updated_at" drop default;`);
    this.addSql(`update "catalog"."title" set "kind" = 'FILM' where "kind" = 'MOVIE';`);
    this.addSql(
      `alter table "catalog"."title" add constraint "title_kind_check" check("kind" in ('SERIES', 'FILM'));`,
    );
    this.addSql(
      `alter table "catalog"."title" rename column "content_rating" to "maturity_rating";`,
    );
    this.addSql(
      `alter table "catalog"."title" rename constraint "title_content_rating_check" to "title_maturity_rating_check";`,
    );
    this.addSql(`create index "title_genres_index" on "catalog"."title" using gin ("genres");`);
    this.addSql(
      `alter table "catalog"."title" add constraint title_published_once check(published_at is null or first_published_at is not null);`,
    );
    this.addSql(
      `alter table "catalog"."title" add constraint title_r18_is_adult check((maturity_rating = 'R18') = (audience = 'ADULT'));`,
    );

    this.addSql(
      `alter table "catalog"."episode" add column "synopsis" text not null default '', add column "updated_at" timestamptz not null default now();`,
    );
    this.addSql(`alter table "catalog"."episode" alter column "updated_at" drop default;`);
    this.addSql(
      `create unique index "episode_video_id_unique" on "catalog"."episode" ("video_id") where "video_id" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "catalog"."licence_territory" drop constraint "licence_territory_licence_id_foreign";`,
    );

    this.addSql(`drop table if exists "catalog"."episode_progress" cascade;`);

    this.addSql(`drop table if exists "catalog"."inbox" cascade;`);

    this.addSql(`drop table if exists "catalog"."outbox" cascade;`);

    this.addSql(`drop table if exists "catalog"."licence" cascade;`);

    this.addSql(`drop table if exists "catalog"."licence_territory" cascade;`);

    this.addSql(`drop table if exists "catalog"."video_asset" cascade;`);

    this.addSql(`drop table if exists "catalog"."viewer_age" cascade;`);

    this.addSql(`drop table if exists "catalog"."viewer_entitlement" cascade;`);

    this.addSql(`alter table "catalog"."title" drop constraint if exists "title_kind_check";`);

    this.addSql(`drop index "catalog"."episode_video_id_unique";`);
    this.addSql(
      `alter table "catalog"."episode" drop column "synopsis", drop column "updated_at";`,
    );

    this.addSql(`drop index "catalog"."title_genres_index";`);
    this.addSql(`alter table "catalog"."title" drop constraint title_published_once;`);
    this.addSql(`alter table "catalog"."title" drop constraint title_r18_is_adult;`);
    this.addSql(
      `alter table "catalog"."title" drop column "genres", drop column "published_at", drop column "first_published_at", drop column "updated_at";`,
    );

    this.addSql(`update "catalog"."title" set "kind" = 'MOVIE' where "kind" = 'FILM';`);
    this.addSql(
      `alter table "catalog"."title" add constraint "title_kind_check" check("kind" in ('SERIES', 'MOVIE'));`,
    );
    this.addSql(
      `alter table "catalog"."title" rename column "maturity_rating" to "content_rating";`,
    );
    this.addSql(
      `alter table "catalog"."title" rename constraint "title_maturity_rating_check" to "title_content_rating_check";`,
    );
    this.addSql(
      `alter table "catalog"."title" add constraint title_r18_is_adult check((content_rating = 'R18'::text) = (audience = 'ADULT'::text));`,
    );
  }
}
