import { eventTopic, VideoPublished } from '@vp/contracts';
import { type TestPlatform } from '@vp/launcher/testing';
import { Client } from 'pg';
import { ENGLISH, JAPANESE } from '../discovery/data';

/** What the requests of bench/ops pick their variables from. */
export interface Seeded {
  /** Refresh tokens of the signed-up viewers (their access tokens expire during a long run). */
  refreshTokens: string[];
  /** Videos the watch page is driven with (commented), each with its owner's handle. */
  watched: { id: string; handle: string }[];
  /** Channel handles (creators with videos). */
  handles: string[];
  /** Search words that titles contain. */
  words: string[];
  counts: Record<string, number>;
}

export interface BulkOptions {
  viewers: number;
  videos: number;
  log: (line: string) => void;
}

const CREATORS = 200;
const WATCHED = 200;
const COMMENTS_PER_VIDEO = 30;
const FOLLOWS_PER_VIEWER = 10;

/**
 * On top of the demo seed (real transcoded videos, the catalog): CREATORS creators and copies of
 * the demo's public videos (the same renditions, so they play) inserted with SQL, each announced
 * with a VideoPublished in the videos outbox as publishVideo would (search indexes them; users
 * keeps followers' feeds and notifications), comments with replies on the watched videos, and
 * `viewers` real accounts (signUp) who follow creators (followUser) before the videos arrive.
 */
export async function seedBulk(platform: TestPlatform, options: BulkOptions): Promise<Seeded> {
  const sql = new Client({ connectionString: platform.database.url });
  await sql.connect();
  try {
    // creators: argon2 would make signing 200 accounts up take minutes; nobody signs in as them
    await sql.query(`
      insert into users."user" (id, email, handle, display_name, birth_date, password_hash, created_at)
        select gen_random_uuid(), 'ops' || n || '@bench.example', 'ops_creator_' || n,
               'Creator ' || n, date '1990-01-01', '!unusable', now() - interval '90 days'
        from generate_series(1, ${CREATORS}) n`);
    const creators = (
      await sql.query<{ id: string; handle: string }>(
        `select id, handle from users."user" where handle like 'ops_creator_%' order by handle`,
      )
    ).rows;

    const refreshTokens: string[] = [];
    for (let i = 0; i < options.viewers; i++) {
      const viewer = await platform.signUp({ name: 'viewer' });
      refreshTokens.push(viewer.refreshToken);
      for (let f = 0; f < FOLLOWS_PER_VIEWER; f++) {
        const followed = creators[(i * 17 + f * 13) % creators.length];
        const response = await platform.query(
          'mutation ($id: ID!) { followUser(userId: $id) { id } }',
          { id: followed.id },
          viewer.token,
        );
        if (response.errors) {
          throw new Error(`followUser: ${JSON.stringify(response.errors)}`);
        }
      }
    }
    options.log(`${options.viewers} viewers signed up, each following ${FOLLOWS_PER_VIEWER}`);

    // copies of the demo's public videos, owned by the creators, published over the last 30 days
    await sql.query(`
      create temp table ops_clone as
        with sources as (
          select id, row_number() over (order by id) - 1 as i, count(*) over () as n
          from videos.video
          where status = 'READY' and visibility = 'PUBLIC' and published_at is not null
            and catalog_since is null),
        owners as (
          select id, row_number() over (order by handle) - 1 as i, count(*) over () as n
          from users."user" where handle like 'ops_creator_%')
        select gen_random_uuid() as id, s.id as source_id, o.id as owner_id, g
        from generate_series(1, ${options.videos}) g
        join sources s on s.i = g % s.n
        join owners o on o.i = g % o.n`);
    await sql.query(
      `
      insert into videos.video
        select (jsonb_populate_record(null::videos.video, to_jsonb(v) || jsonb_build_object(
          'id', c.id,
          'owner_id', c.owner_id,
          'title', initcap(($1::text[])[1 + c.g % array_length($1, 1)]) || ' ' ||
                   ($1::text[])[1 + (c.g * 7) % array_length($1, 1)] || ' ' ||
                   ($2::text[])[1 + (c.g * 3) % array_length($2, 1)],
          'description', 'A ' || ($1::text[])[1 + (c.g * 11) % array_length($1, 1)] || ' video.',
          'tags', jsonb_build_array(($1::text[])[1 + (c.g * 5) % array_length($1, 1)]),
          'kind', case when c.g % 5 = 0 then 'SHORT' else 'VIDEO' end,
          'published_at', now() - (c.g % 720) * interval '1 hour',
          'created_at', now() - (c.g % 720) * interval '1 hour' - interval '1 hour',
          'updated_at', now()))).*
        from ops_clone c join videos.video v on v.id = c.source_id`,
      [ENGLISH, JAPANESE],
    );
    await sql.query(`
      insert into videos.video_counter (video_id, like_count, comment_count, view_count)
        select id, g % 50, 0, (g * 37) % 5000 from ops_clone`);

    // comments (and replies to every third) on the videos the watch page is driven with
    const watched = (
      await sql.query<{ id: string; handle: string }>(
        `select c.id, u.handle from ops_clone c join users."user" u on u.id = c.owner_id
         where c.g % 5 <> 0 order by c.g limit ${WATCHED}`,
      )
    ).rows;
    await sql.query(
      `
      with top as (
        insert into videos.comment (id, video_id, author_id, body, created_at, reply_count, like_count)
          select gen_random_uuid(), w.id, (select id from users."user" where handle like 'ops_creator_%'
                                              order by handle offset (n * 7 + w.i) % ${CREATORS} limit 1),
                 'Comment ' || n || ' about ' || ($2::text[])[1 + n % array_length($2, 1)],
                 now() - n * interval '10 minutes', case when n % 3 = 0 then 2 else 0 end, n % 4
          from unnest($1::uuid[]) with ordinality as w(id, i), generate_series(1, ${COMMENTS_PER_VIDEO}) n
          returning id, video_id, reply_count, created_at)
      insert into videos.comment (id, video_id, author_id, parent_id, body, created_at, reply_count, like_count)
        select gen_random_uuid(), top.video_id, (select id from users."user" where handle like 'ops_creator_%'
                                                    order by handle offset r * 11 % ${CREATORS} limit 1),
               top.id, 'A reply', top.created_at + r * interval '1 minute', 0, 0
        from top, generate_series(1, 2) r where top.reply_count = 2`,
      [watched.map(video => video.id), ENGLISH],
    );
    await sql.query(`
      update videos.video_counter k set comment_count = n
        from (select video_id, count(*)::int n from videos.comment group by video_id) c
        where c.video_id = k.video_id`);

    // announced as publishVideo announces them: search indexes, users fans out to followers
    await sql.query(
      `
      insert into videos.outbox (id, kind, name, payload, created_at)
        select gen_random_uuid(), 'event', $1, jsonb_build_object(
                 'id', v.id, 'ownerId', v.owner_id, 'title', v.title, 'description', v.description,
                 'tags', to_jsonb(v.tags), 'visibility', v.visibility, 'kind', v.kind,
                 'audience', v.audience, 'requiredPlan', v.required_plan,
                 'durationSeconds', v.duration_seconds,
                 'publishedAt', to_char(v.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'categoryId', v.category_id), now()
        from videos.video v join ops_clone c on c.id = v.id order by v.published_at`,
      [eventTopic(VideoPublished)],
    );
    const indexingStarted = Date.now();
    let indexed = 0;
    while (Date.now() - indexingStarted < 300_000) {
      indexed = (
        await sql.query<{ n: number }>(
          `select count(*)::int n from search.document d join ops_clone c on c.id = d.id`,
        )
      ).rows[0].n;
      if (indexed >= options.videos) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    options.log(
      `${indexed} of ${options.videos} copies indexed by search in ${Math.round((Date.now() - indexingStarted) / 1000)} s`,
    );
    await settled(sql, options.log);
    await sql.query('analyze');
    const count = async (query: string) => (await sql.query<{ n: number }>(query)).rows[0].n;
    const counts = {
      users: await count(`select count(*)::int n from users."user"`),
      'videos (public, READY)': await count(
        `select count(*)::int n from videos.video where status = 'READY' and visibility = 'PUBLIC'`,
      ),
      comments: await count(`select count(*)::int n from videos.comment`),
      follows: options.viewers * FOLLOWS_PER_VIEWER,
      'indexed by search': await count(`select count(*)::int n from search.document`),
      'catalog titles': await count(`select count(*)::int n from catalog.title`),
    };
    return {
      refreshTokens,
      watched,
      handles: [
        ...new Set(
          (
            await sql.query<{ handle: string }>(
              `select distinct u.handle from videos.video v join users."user" u on u.id = v.owner_id
               where v.visibility = 'PUBLIC'`,
            )
          ).rows.map(row => row.handle),
        ),
      ],
      words: [...ENGLISH.slice(0, 120), ...JAPANESE.slice(0, 40)],
      counts,
    };
  } finally {
    await sql.end();
  }
}

/**
 * Waits until what the seed set off has run its course (every outbox relayed, no job due or running:
 * followers' notifications and feeds, tip targets, webhooks), so that the measured runs do not carry
 * the seed's background work.
 */
async function settled(sql: Client, log: (line: string) => void) {
  const started = Date.now();
  const outboxes = (
    await sql.query<{ schema: string }>(
      `select table_schema as schema from information_schema.tables where table_name = 'outbox'`,
    )
  ).rows.map(row => `select count(*)::int n from "${row.schema}".outbox`);
  const pending = async () =>
    (
      await sql.query<{ n: number }>(
        `select (${outboxes.join(') + (')}) + (select count(*)::int from pgboss.job
            where state in ('created', 'retry', 'active') and start_after <= now()) as n`,
      )
    ).rows[0].n;
  let left = await pending();
  while (left > 0 && Date.now() - started < 300_000) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    left = await pending();
  }
  log(`background work settled in ${Math.round((Date.now() - started) / 1000)} s (${left} left)`);
}
