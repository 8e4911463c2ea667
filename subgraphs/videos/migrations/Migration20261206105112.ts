import { Migration } from '@mikro-orm/migrations';

/**
 * Categories (seeded with the ids of `CATEGORIES` in @vp/kit, as they were when this ran: a later
 * change is a later migration), a video's category, and the finish of a viewing window.
 */
export class Migration20261206105112 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "videos"."category" ("id" uuid not null, "slug" varchar(50) not null, "name_ja" varchar(50) not null, "name_en" varchar(50) not null, "position" int not null, constraint "category_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "videos"."category" add constraint "category_slug_unique" unique ("slug");`,
    );
    this.addSql(
      `insert into "videos"."category" ("id", "slug", "name_ja", "name_en", "position") values
  ('7a1c0000-0000-4000-8000-000000000001', 'film-animation', '映画とアニメ', 'Film & Animation', 1),
  ('7a1c0000-0000-4000-8000-000000000002', 'autos-vehicles', '自動車と乗り物', 'Autos & Vehicles', 2),
  ('7a1c0000-0000-4000-8000-000000000003', 'music', '音楽', 'Music', 3),
  ('7a1c0000-0000-4000-8000-000000000004', 'pets-animals', 'ペットと動物', 'Pets & Animals', 4),
  ('7a1c0000-0000-4000-8000-000000000005', 'sports', 'スポーツ', 'Sports', 5),
  ('7a1c0000-0000-4000-8000-000000000006', 'travel-events', '旅行とイベント', 'Travel & Events', 6),
  ('7a1c0000-0000-4000-8000-000000000007', 'gaming', 'ゲーム', 'Gaming', 7),
  ('7a1c0000-0000-4000-8000-000000000008', 'people-blogs', 'ブログ', 'People & Blogs', 8),
  ('7a1c0000-0000-4000-8000-000000000009', 'comedy', 'コメディー', 'Comedy', 9),
  ('7a1c0000-0000-4000-8000-000000000010', 'entertainment', 'エンターテインメント', 'Entertainment', 10),
  ('7a1c0000-0000-4000-8000-000000000011', 'news-politics', 'ニュースと政治', 'News & Politics', 11),
  ('7a1c0000-0000-4000-8000-000000000012', 'howto-style', 'ハウツーとスタイル', 'Howto & Style', 12),
  ('7a1c0000-0000-4000-8000-000000000013', 'education', '教育', 'Education', 13),
  ('7a1c0000-0000-4000-8000-000000000014', 'science-technology', '科学と技術', 'Science & Technology', 14),
  ('7a1c0000-0000-4000-8000-000000000015', 'food-cooking', '料理とグルメ', 'Food & Cooking', 15);`,
    );
    this.addSql(`alter table "videos"."video" add column "category_id" uuid null;`);
    this.addSql(
      `alter table "videos"."video" add constraint "video_category_id_foreign" foreign key ("category_id") references "videos"."category" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "videos"."view_window" add column "finished" boolean not null default false;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "videos"."view_window" drop column "finished";`);
    this.addSql(`alter table "videos"."video" drop constraint "video_category_id_foreign";`);
    this.addSql(`alter table "videos"."video" drop column "category_id";`);
    this.addSql(`drop table if exists "videos"."category" cascade;`);
  }
}
