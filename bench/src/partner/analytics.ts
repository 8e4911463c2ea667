import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, runSubgraph } from '@vp/kit';
import { createTestDatabase, graphql, testKeys, tokenFor } from '@vp/kit/testing';
import { videos } from '@vp/videos';
import { Client } from 'pg';
import { percentile, table } from './run';

const EVENTS = Number(process.env.VIEW_EVENTS ?? 1_000_000);
const VIDEOS = 2000;
const CREATORS = 200;
const VIEWERS = 100_000;
const RUNS = Number(process.env.ANALYTICS_RUNS ?? 50);

const VIEWS_BY_DAY = `query ($r: [_Any!]!, $from: String!, $to: String!, $creatorId: ID) { _entities(representations: $r) {
  ... on Analytics { viewsByDay(from: $from, to: $to, creatorId: $creatorId) { day views watchSeconds uniqueViewers } } } }`;

/**
 * 3. `analytics.viewsByDay` for a year over EVENTS view events (2,000 videos of 200 creators,
 * 100,000 viewers, spread over 2026), asked of the real videos subgraph (GraphQL, an analyst's
 * token), p50/p95 over RUNS runs, against the same figures computed from the raw events with one
 * SQL statement. The rollups are built from the raw events in bulk with the same definitions the
 * ViewCounted consumer applies one event at a time (views, distinct viewers per scope and day;
 * watch seconds from the per-video statistics). Both answers are compared.
 */
export async function benchAnalytics() {
  process.env.LOG_LEVEL ??= 'warn';
  const db = await createTestDatabase('bench_analytics');
  const keys = await testKeys();
  const server = await runSubgraph(videos, {
    databaseUrl: db.url,
    jwks: keys.jwks,
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'bench-analytics-')),
    worker: false,
  });
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  try {
    const started = Date.now();
    await sql.query(
      `insert into videos.video (id, owner_id, title, description, tags, visibility, status, kind, audience, required_plan, created_at, updated_at, published_at)
       select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
              ('00000000-0000-4000-9000-' || lpad(to_hex(i % ${CREATORS}), 12, '0'))::uuid,
              'Video ' || i, '', '{}', 'PUBLIC', 'READY', 'VIDEO', 'GENERAL', 'FREE', now(), now(), now()
       from generate_series(1, ${VIDEOS}) as i`,
    );
    await sql.query(
      `create table videos.bench_raw_view as
       select ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (random() * random() * (${VIDEOS} - 1))::int), 12, '0'))::uuid as video_id,
              'user:' || (random() * ${VIEWERS})::int as viewer_key,
              timestamptz '2026-01-01 00:00:00+00' + random() * interval '365 days' as counted_at,
              30 + (random() * 570)::int as watch_seconds
       from generate_series(1, ${EVENTS})`,
    );
    // the per-video statistics, as the counting transactions would have left them
    await sql.query(
      `insert into videos.video_daily_stat (video_id, day, views, watch_seconds, likes, comments)
       select video_id, (counted_at at time zone 'utc')::date, count(*), sum(watch_seconds), 0, 0
       from videos.bench_raw_view group by 1, 2`,
    );
    // the rollups, as the ViewCounted consumer and the watch fold would have left them
    await sql.query(
      `insert into videos.view_rollup_viewer (scope, scope_id, day, viewer_key)
       select distinct s.scope, s.scope_id, (r.counted_at at time zone 'utc')::date, r.viewer_key
       from videos.bench_raw_view r join videos.video v on v.id = r.video_id
       cross join lateral (values ('ALL', '00000000-0000-0000-0000-000000000000'::uuid), ('CREATOR', v.owner_id), ('VIDEO', v.id)) as s(scope, scope_id)`,
    );
    await sql.query(
      `insert into videos.view_rollup (scope, scope_id, day, views, unique_viewers, watch_seconds)
       select s.scope, s.scope_id, (r.counted_at at time zone 'utc')::date, count(*), count(distinct r.viewer_key),
              case when s.scope = 'VIDEO' then 0 else sum(r.watch_seconds) end
       from videos.bench_raw_view r join videos.video v on v.id = r.video_id
       cross join lateral (values ('ALL', '00000000-0000-0000-0000-000000000000'::uuid), ('CREATOR', v.owner_id), ('VIDEO', v.id)) as s(scope, scope_id)
       group by 1, 2, 3`,
    );
    await sql.query('analyze');
    const built = (Date.now() - started) / 1000;

    const token = await tokenFor('00000000-0000-4000-a000-000000000001', [Role.ANALYST]);
    const creatorId = '00000000-0000-4000-9000-000000000007';
    const timeGraphql = async (variables: Record<string, unknown>) => {
      const samples: number[] = [];
      let answer: unknown;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const response = await graphql(
          server.url,
          VIEWS_BY_DAY,
          {
            r: [{ __typename: 'Analytics', id: 'platform' }],
            from: '2026-01-01',
            to: '2026-12-31',
            ...variables,
          },
          { token },
        );
        samples.push(performance.now() - t);
        if (response.errors) {
          throw new Error(JSON.stringify(response.errors));
        }
        answer = response.data._entities[0].viewsByDay;
      }
      return {
        samples,
        answer: answer as {
          day: string;
          views: number;
          watchSeconds: number;
          uniqueViewers: number;
        }[],
      };
    };
    const timeRaw = async (where: string, params: unknown[]) => {
      const samples: number[] = [];
      let rows: { day: string; views: number; watch_seconds: number; unique_viewers: number }[] =
        [];
      for (let i = 0; i < Math.max(3, Math.floor(RUNS / 10)); i++) {
        const t = performance.now();
        rows = (
          await sql.query(
            `select to_char((r.counted_at at time zone 'utc')::date, 'YYYY-MM-DD') as day, count(*)::int as views,
                    sum(r.watch_seconds)::int as watch_seconds, count(distinct r.viewer_key)::int as unique_viewers
             from videos.bench_raw_view r join videos.video v on v.id = r.video_id
             where r.counted_at >= '2026-01-01' and r.counted_at < '2027-01-01' ${where} group by 1 order by 1`,
            params,
          )
        ).rows;
        samples.push(performance.now() - t);
      }
      return { samples, rows };
    };
    const lines = [
      [
        'viewsByDay, 365 days',
        'rollup (GraphQL) p50 ms',
        'p95 ms',
        'raw events (SQL) p50 ms',
        'p95 ms',
        'raw / rollup p95',
        'figures agree',
      ],
    ];
    for (const [label, variables, where, params] of [
      ['the platform', {}, '', []],
      ['one creator', { creatorId }, 'and v.owner_id = $1', [creatorId]],
    ] as [string, Record<string, unknown>, string, unknown[]][]) {
      const rollup = await timeGraphql(variables);
      const raw = await timeRaw(where, params);
      const byDay = new Map(raw.rows.map(row => [row.day, row]));
      const agree = rollup.answer.every(day => {
        const row = byDay.get(day.day);
        return row
          ? row.views === day.views &&
              row.watch_seconds === day.watchSeconds &&
              row.unique_viewers === day.uniqueViewers
          : day.views === 0;
      });
      lines.push([
        label,
        percentile(rollup.samples, 50).toFixed(1),
        percentile(rollup.samples, 95).toFixed(1),
        percentile(raw.samples, 50).toFixed(0),
        percentile(raw.samples, 95).toFixed(0),
        (percentile(raw.samples, 95) / percentile(rollup.samples, 95)).toFixed(0),
        agree ? 'yes' : 'NO',
      ]);
    }
    table(
      `3. analytics.viewsByDay for a year over ${EVENTS.toLocaleString('en')} view events (${VIDEOS} videos, ${CREATORS} creators, ${VIEWERS.toLocaleString('en')} viewers; data and rollups built in ${built.toFixed(0)} s) — ${RUNS} GraphQL runs against the videos subgraph, aim ≤ 100 ms p95`,
      lines,
    );
  } finally {
    await sql.end();
    await server.stop();
    await db.drop();
  }
}
