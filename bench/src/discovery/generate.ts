import { HALF_LIFE_HOURS, TREND_EPOCH, TrendingPeriod } from '@vp/search';
import { type Client } from 'pg';
import { wordTables } from './data';

export interface Sizes {
  videos: number;
  views: number;
  creators: number;
  users: number;
  sessions: number;
}

const timed = async (label: string, work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  console.log(
    `  ${label.padEnd(58)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`,
  );
};

/** The three weighted parts of a document's vector, from words and CJK bigram text. */
const part = (words: string, cjk: string, weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('english', ${words}) || to_tsvector('simple', ${words}) || to_tsvector('simple', ${cjk}), '${weight}')`;

/**
 * Fills the search subgraph's tables as its consumers would have (documents with their vectors,
 * suggestions, vocabulary, signals, watches, follows), all in SQL with generate_series: videos
 * and shorts with Japanese and English titles, tags and descriptions, channels, live streams and
 * catalog titles; `views` counted view events over 30 days (popularity skewed), aggregated into
 * the read models exactly as the consumers add them up; and the naive baselines' tables (a videos
 * table with a view count, the raw view events).
 */
export async function generate(sql: Client, sizes: Sizes) {
  await timed('word lists', () => wordTables(sql));
  await timed(`${sizes.creators.toLocaleString()} creators (channels)`, () =>
    sql.query(
      `create table bench.creator as
       select g.n, gen_random_uuid() as id,
              initcap(e1.word) || ' ' || initcap(e2.word) || ' ' || j.word as display_name,
              e1.word || '_' || g.n as handle
       from generate_series(1, $1::int) g(n)
       join bench.en e1 on e1.n = 1 + (g.n * 7) % (select count(*) from bench.en)::int
       join bench.en e2 on e2.n = 1 + (g.n * 13) % (select count(*) from bench.en)::int
       join bench.jp j on j.n = 1 + g.n % (select count(*) from bench.jp)::int`,
      [sizes.creators],
    ),
  );
  await timed(
    `${sizes.videos.toLocaleString()} videos and shorts (titles, tags, descriptions)`,
    async () => {
      // Random picks first (indexes only), then one join per word: no array is copied per row.
      await sql.query(
        `create table bench.video as
       with counts as (
         select (select count(*) from bench.en)::int as en, (select count(*) from bench.jp)::int as jp,
                (select count(*) from bench.tag)::int as tags, $2::int as creators
       ),
       picks as (
         select g.n, gen_random_uuid() as id, floor(random() * 3)::int as shape,
                1 + floor(random() * c.jp)::int as j1, 1 + floor(random() * c.jp)::int as j2,
                1 + floor(random() * c.en)::int as e1, 1 + floor(random() * c.en)::int as e2,
                1 + floor(random() * c.en)::int as e3, 1 + floor(random() * c.en)::int as e4,
                array[1 + floor(c.tags * random() ^ 2)::int, 1 + floor(c.tags * random() ^ 2)::int,
                      1 + floor(c.tags * random() ^ 2)::int] as tag_ns,
                1 + floor(random() * c.creators)::int as creator_n,
                random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
         from generate_series(1, $1::int) g(n), counts c
       )
       select p.n, p.id, t.title, t.words as title_words, t.cjk as title_cjk,
         case when r1 < 0.2 then 'SHORT' else 'VIDEO' end as kind,
         case when r1 < 0.2 then 5 + floor(r2 * 55) else 60 + floor(r2 * 3540) end as duration_seconds,
         cr.id as owner_id,
         case when r3 < 0.9 then ('7a1c0000-0000-4000-8000-0000000000' || lpad((1 + floor(r3 * 16.6)::int % 15)::text, 2, '0'))::uuid end as category_id,
         now() - (r4 ^ 2) * interval '365 days' as published_at,
         case when r5 < 0.97 then 'PUBLIC' when r5 < 0.99 then 'PRIVATE' else 'UNLISTED' end as visibility,
         case when random() < 0.03 then 'ADULT' else 'GENERAL' end as audience,
         case when random() < 0.1 then 'PREMIUM' else 'FREE' end as required_plan,
         p.tag_ns,
         en3.word || ' ' || en1.word || ' ' || en4.word || ' ' || jp2.word || ' ' || en2.word as body,
         en3.word || ' ' || en1.word || ' ' || en4.word || '  ' || en2.word as body_words,
         jp2.bigrams as body_cjk
       from picks p
       join bench.creator cr on cr.n = p.creator_n
       join bench.jp jp1 on jp1.n = p.j1
       join bench.jp jp2 on jp2.n = p.j2
       join bench.en en1 on en1.n = p.e1
       join bench.en en2 on en2.n = p.e2
       join bench.en en3 on en3.n = p.e3
       join bench.en en4 on en4.n = p.e4,
       lateral (select
         case p.shape
           when 0 then jp1.word || ' ' || jp2.word || ' ' || en1.word
           when 1 then initcap(en1.word) || ' ' || en2.word || ' ' || en3.word
           else jp1.word || ' ' || initcap(en1.word) || ' ' || en2.word end as title,
         case p.shape when 0 then en1.word when 1 then initcap(en1.word) || ' ' || en2.word || ' ' || en3.word
           else initcap(en1.word) || ' ' || en2.word end as words,
         case p.shape when 0 then jp1.bigrams || ' ' || jp2.bigrams when 1 then '' else jp1.bigrams end as cjk
       ) t`,
        [sizes.videos, sizes.creators],
      );
      await sql.query(`alter table bench.video add primary key (n)`);
    },
  );
  await timed('documents with their weighted vectors', async () => {
    await sql.query(
      `insert into search.document ("id", "kind", "owner_id", "title", "body", "tags", "visibility", "audience",
         "published_at", "updated_at", "category_id", "duration_seconds", "required_plan",
         "search_vector", "title_vector", "head_vector")
       select id, kind, owner_id, title, body, tags, visibility, audience, published_at, published_at, category_id,
              duration_seconds, required_plan, a || b || c, a, a || b
       from (
         select v.*, t.tags,
                ${part('v.title_words', 'v.title_cjk', 'A')} as a,
                ${part('t.words', 't.cjk', 'B')} as b,
                ${part('v.body_words', 'v.body_cjk', 'C')} as c
         from bench.video v,
         lateral (select array_agg(distinct g.tag) as tags, string_agg(g.words, ' ') as words,
                         string_agg(g.cjk, ' ') as cjk
                  from bench.tag g where g.n = any(v.tag_ns)) t
       ) vectors`,
    );
    await sql.query(
      `insert into search.document ("id", "kind", "owner_id", "title", "body", "tags", "visibility", "published_at",
         "updated_at", "search_vector", "title_vector", "head_vector")
       select id, 'CHANNEL', id, display_name, '', array[handle], 'PUBLIC', now() - interval '400 days',
              now() - interval '400 days', a || b, a, a || b
       from (select c.*, ${part('c.display_name', "''", 'A')} as a, ${part('c.handle', "''", 'B')} as b
             from bench.creator c) channels`,
    );
    // Live streams (a fifth of them on air) and catalog titles licensed in JP (a third also in US).
    await sql.query(
      `insert into search.document ("id", "kind", "owner_id", "title", "visibility", "published_at", "updated_at",
         "live_status", "search_vector", "title_vector", "head_vector")
       select gen_random_uuid(), 'LIVE_STREAM', id, 'Live ' || display_name, 'PUBLIC', now() - interval '1 hour', now(),
              case when n % 5 = 0 then 'LIVE' else 'ENDED' end, a, a, a
       from (select c.*, ${part("'Live ' || c.display_name", "''", 'A')} as a
             from bench.creator c where c.n <= 300) streams`,
    );
    await sql.query(
      `insert into search.document ("id", "kind", "title", "visibility", "published_at", "updated_at", "required_plan",
         "licences", "search_vector", "title_vector", "head_vector")
       select gen_random_uuid(), 'TITLE', title || ' the series', 'PUBLIC', now() - interval '30 days', now(), 'PREMIUM',
              case when n % 3 = 0 then jsonb_build_object('JP', now() + interval '300 days', 'US', now() + interval '100 days')
                   else jsonb_build_object('JP', now() + interval '300 days') end, a, a, a
       from (select v.*, ${part("v.title_words || ' the series'", 'v.title_cjk', 'A')} as a
             from bench.video v where v.n <= 2000) titles`,
    );
  });
  await timed(`${sizes.views.toLocaleString()} counted view events (30 days, skewed)`, async () => {
    await sql.query(
      `create table bench.app_user as select n, gen_random_uuid() as id from generate_series(0, $1::int - 1) n`,
      [sizes.users],
    );
    await sql.query(`alter table bench.app_user add primary key (n)`);
    await sql.query(
      `create table bench.public_video as
       select row_number() over (order by n) as k, id from bench.video where visibility = 'PUBLIC'`,
    );
    await sql.query(`alter table bench.public_video add primary key (k)`);
    await sql.query(
      `create table bench.view as
       with counts as (select count(*)::int as videos from bench.public_video),
       picks as (
         select 1 + floor(c.videos * random() ^ 3)::int as k, random() < 0.3 as signed_in,
                floor(random() * $2::int)::int as user_n, floor(random() * $3::int)::int as session_n,
                now() - (random() ^ 1.5) * interval '30 days' as counted_at
         from generate_series(1, $1::int), counts c
       )
       select v.id as video_id,
              case when p.signed_in then 'u:' || u.id else 's:' || p.session_n end as viewer_key,
              p.counted_at
       from picks p join bench.public_video v on v.k = p.k join bench.app_user u on u.n = p.user_n`,
      [sizes.views, sizes.users, sizes.sessions],
    );
    await sql.query(`create index on bench.view (video_id)`);
    await sql.query(`create index on bench.view (viewer_key)`);
    await sql.query(`create index on bench.view (counted_at)`);
  });
  const epochSeconds = TREND_EPOCH / 1000;
  const x = (period: TrendingPeriod) =>
    `(extract(epoch from counted_at) - ${epochSeconds}) / ${HALF_LIFE_HOURS[period] * 3600} * ln(2)`;
  await timed('read models: signals, watches, follows', async () => {
    // The consumers' log-sum-exp of every view's score, done at once: m + ln Σ e^(x − m).
    await sql.query(
      `insert into search.signal ("video_id", "view_count", "day_score", "week_score", "last_viewed_at", "like_count")
       select video_id, count(*), max(md) + ln(sum(exp(xd - md))), max(mw) + ln(sum(exp(xw - mw))), max(counted_at),
              (count(*) / 20)::int
       from (
         select video_id, counted_at, ${x(TrendingPeriod.DAY)} as xd, ${x(TrendingPeriod.WEEK)} as xw,
                max(${x(TrendingPeriod.DAY)}) over (partition by video_id) as md,
                max(${x(TrendingPeriod.WEEK)}) over (partition by video_id) as mw
         from bench.view
       ) scored
       group by video_id`,
    );
    await sql.query(
      `insert into search.watch ("viewer_key", "video_id", "views", "last_viewed_at", "finished_at")
       select viewer_key, video_id, count(*), max(counted_at), case when random() < 0.3 then max(counted_at) end
       from bench.view group by viewer_key, video_id`,
    );
    await sql.query(
      `insert into search.follow ("follower_id", "followee_id", "following", "changed_at")
       select distinct f.user_id, c.id, true, now() - interval '10 days'
       from (select u.id as user_id, 1 + floor(random() * $1::int)::int as creator_n
             from bench.app_user u, generate_series(1, 20) k) f
       join bench.creator c on c.n = f.creator_n`,
      [sizes.creators],
    );
  });
  await timed('suggestions and the vocabulary', async () => {
    await sql.query(
      `insert into search.suggestion ("document_id", "key", "phrase", "weight", "published_at", "audience", "licences")
       select d.id, e.key, e.phrase, coalesce(floor(log(2, 1 + g.view_count))::smallint, 0), d.published_at, d.audience, d.licences
       from search.document d left join search.signal g on g.video_id = d.id,
       lateral (
         select lower(d.title) as key, d.title as phrase, 0 as rank
         union all
         select array_to_string(s.words[i:], ' '), d.title, i
           from (select regexp_split_to_array(lower(d.title), ' ') as words) s,
                generate_series(2, least(cardinality(s.words), 6)) i
         union all
         select lower(t), t, 100 from unnest(d.tags) t
       ) e
       where d.visibility = 'PUBLIC' and d.published_at is not null and d.deleted_at is null
       order by d.id, e.rank
       on conflict do nothing`,
    );
    await sql.query(
      `insert into search.term ("word", "documents")
       select word, count(*) from search.document d,
         unnest(regexp_split_to_array(lower(d.title || ' ' || array_to_string(d.tags, ' ')), '[^a-z'']+')) word
       where length(word) >= 3 group by word`,
    );
  });
  await timed('naive baselines: a videos table with view counts', async () => {
    await sql.query(
      `create table bench.naive_video as
       select v.id, v.owner_id, v.title, v.body as description, t.tags, v.kind, v.category_id, v.published_at,
              v.visibility, v.audience, coalesce(s.view_count, 0) as view_count
       from bench.video v
       left join search.signal s on s.video_id = v.id,
       lateral (select array_agg(g.tag) as tags from bench.tag g where g.n = any(v.tag_ns)) t`,
    );
    await sql.query(`alter table bench.naive_video add primary key (id)`);
    // What the videos table has: a channel's published videos by owner.
    await sql.query(`create index on bench.naive_video (owner_id, published_at desc)`);
  });
  await timed('vacuum analyze', () => sql.query(`vacuum analyze`));
}
