/**
 * bench/engagement, through our gateway in front of the real users and videos subgraphs:
 *
 * 1. 1,000 concurrent like/unlike toggles by 200 users (5 each, in turn; every user ends liking):
 *    the final likeCount must be exactly 200; throughput against the same toggles done as raw SQL
 *    transactions (insert/delete the like row, move the counter) on a pool of the same size.
 * 2. A 50-video list with owner { handle }, likeCount, viewCount, commentCount, viewerHasLiked and
 *    viewerProgress against the same list without the engagement fields: SQL statements per
 *    request in each subgraph (counted from the ORM's query log), p50/p99 over sequential requests.
 *
 * Everything runs in this process (subgraphs, gateway, load), each subgraph on its own scratch
 * database on DATABASE_URL.   npm run bench:engagement -w @vp/bench   (REQUESTS=300 by default)
 */
process.env.LOG_LEVEL ??= 'warn';

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { startGateway } from '@vp/gateway';
import { BENCH_BUDGET } from '../gateway/targets';
import {
  createTestDatabase,
  graphql,
  startTestSubgraph,
  testKeys,
  tokenFor,
} from '@vp/kit/testing';
import { LocalMailbox, users } from '@vp/users';
import { videos } from '@vp/videos';
import { parse } from 'graphql';
import { Pool } from 'pg';
import { spawn, stopAll } from '../gateway/processes';
import { sdlOf } from '../gateway/subgraphs';

const REQUESTS = Number(process.env.REQUESTS ?? 300);
const TOGGLERS = 200;
const TOGGLES_EACH = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const LIKE = 'mutation Like($id: ID!) { likeVideo(id: $id) { id likeCount viewerHasLiked } }';
const UNLIKE = 'mutation Unlike($id: ID!) { unlikeVideo(id: $id) { id likeCount viewerHasLiked } }';
const LIST_PLAIN = `query Plain { videos(first: 50) { edges { node { id title owner { handle } } } } }`;
const LIST_ENGAGED = `query Engaged { videos(first: 50) { edges { node { id title owner { handle }
  likeCount viewCount commentCount viewerHasLiked viewerProgress { positionSeconds completed } } } } }`;

/** The outbox relay polls on the same connection pool: its statements are not the request's. */
const isRequestStatement = (sql: string) =>
  !/outbox|^\s*(begin|commit|rollback|savepoint|release)/i.test(sql);

/**
 * Part 1: users, videos and our gateway each in a process of its own (as deployed), the load from
 * this one; the baseline runs the same toggles as raw SQL transactions on a pool of the same size
 * (10, the subgraph's).
 */
async function togglesBench() {
  const db = await createTestDatabase('bench_engagement');
  try {
    const keys = await testKeys();
    // one after the other: both migrate the same database when they start
    const usersUrl = (await spawn<{ url: string }>({ role: 'users', databaseUrl: db.url, keys }))
      .url;
    const videosUrl = (await spawn<{ url: string }>({ role: 'videos', databaseUrl: db.url, keys }))
      .url;
    const composed = composeServices([
      { name: 'users', url: usersUrl, typeDefs: parse(await sdlOf(usersUrl)) },
      { name: 'videos', url: videosUrl, typeDefs: parse(await sdlOf(videosUrl)) },
    ]);
    if (!composed.supergraphSdl) {
      throw new Error(composed.errors?.map(e => e.message).join('; '));
    }
    const { url } = await spawn<{ url: string }>({
      role: 'ours',
      supergraphSdl: composed.supergraphSdl,
      jwks: keys.jwks,
    });
    const pool = new Pool({ connectionString: db.url, max: 10 });
    const [target, rawTarget] = (
      await pool.query<{ id: string }>(
        `insert into videos.video (id, owner_id, title, status, visibility, published_at, created_at, updated_at)
         select gen_random_uuid(), gen_random_uuid(), 'Liked ' || n, 'READY', 'PUBLIC', now() - interval '1 hour', now(), now()
         from generate_series(1, 2) n returning id`,
      )
    ).rows.map(row => row.id);
    const togglers = await Promise.all(
      Array.from({ length: TOGGLERS }, () => tokenFor(randomUUID())),
    );
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      togglers.map(async token => {
        for (let i = 0; i < TOGGLES_EACH; i += 1) {
          const response = await graphql(
            url,
            i % 2 === 0 ? LIKE : UNLIKE,
            { id: target },
            { token },
          );
          if (response.errors) {
            failures += 1;
          }
        }
      }),
    );
    const oursMs = performance.now() - started;
    const final = await graphql(
      url,
      `
        query ($id: ID!) {
          video(id: $id) {
            likeCount
          }
        }
      `,
      { id: target },
    );
    const [stored] = (
      await pool.query(
        `select (select count(*) from videos.video_like where video_id = $1)::int as rows,
                (select like_count from videos.video_counter where video_id = $1) as counter`,
        [target],
      )
    ).rows;

    const rawUsers = Array.from({ length: TOGGLERS }, () => randomUUID());
    const rawStarted = performance.now();
    await Promise.all(
      rawUsers.map(async user => {
        for (let i = 0; i < TOGGLES_EACH; i += 1) {
          const client = await pool.connect();
          try {
            await client.query('begin');
            const changed =
              i % 2 === 0
                ? await client.query(
                    `insert into videos.video_like (video_id, user_id, created_at) values ($1, $2, now()) on conflict do nothing returning user_id`,
                    [rawTarget, user],
                  )
                : await client.query(
                    `delete from videos.video_like where video_id = $1 and user_id = $2 returning user_id`,
                    [rawTarget, user],
                  );
            if (changed.rowCount) {
              await client.query(
                `insert into videos.video_counter (video_id, like_count) values ($1, $2)
                 on conflict (video_id) do update set like_count = video_counter.like_count + excluded.like_count`,
                [rawTarget, i % 2 === 0 ? 1 : -1],
              );
            }
            await client.query('commit');
          } finally {
            client.release();
          }
        }
      }),
    );
    const rawMs = performance.now() - rawStarted;
    const [rawStored] = (
      await pool.query(`select like_count from videos.video_counter where video_id = $1`, [
        rawTarget,
      ])
    ).rows;

    // A second reference: the same number of requests through the same gateway and subgraph,
    // reading the video instead of liking it (what GraphQL costs here without any write).
    const readStarted = performance.now();
    await Promise.all(
      togglers.map(async token => {
        for (let i = 0; i < TOGGLES_EACH; i += 1) {
          await graphql(
            url,
            `
              query ($id: ID!) {
                video(id: $id) {
                  id
                  likeCount
                  viewerHasLiked
                }
              }
            `,
            { id: target },
            { token },
          );
        }
      }),
    );
    const readMs = performance.now() - readStarted;

    const toggles = TOGGLERS * TOGGLES_EACH;
    console.log(
      `\nbench/engagement — ${toggles} concurrent like/unlike toggles by ${TOGGLERS} users (${TOGGLES_EACH} each, in turn)`,
    );
    console.log(
      `  ours (gateway → videos, own processes):  ${(toggles / (oursMs / 1000)).toFixed(0).padStart(6)} toggles/s  ${oursMs.toFixed(0)} ms  ` +
        `final likeCount ${final.data?.video?.likeCount} (rows ${stored.rows}, counter ${stored.counter}; expected ${TOGGLERS})  errors ${failures}`,
    );
    console.log(
      `  baseline (raw SQL, pool 10): ${(toggles / (rawMs / 1000)).toFixed(0).padStart(6)} toggles/s  ${rawMs.toFixed(0)} ms  final counter ${rawStored.like_count}`,
    );
    console.log(
      `  reads of the video through the same gateway: ${(toggles / (readMs / 1000)).toFixed(0).padStart(6)} requests/s  ${readMs.toFixed(0)} ms`,
    );
    console.log(
      `  ratio ours/raw SQL throughput: ${(rawMs / oursMs).toFixed(2)}×; ours/reads through the gateway: ${(readMs / oursMs).toFixed(2)}×`,
    );
    const exact =
      final.data?.video?.likeCount === TOGGLERS &&
      stored.rows === TOGGLERS &&
      stored.counter === TOGGLERS;
    console.log(`  counts exact: ${exact ? 'yes' : 'NO'}`);

    await pool.end();
  } finally {
    stopAll();
    await db.drop();
  }
}

async function main() {
  await togglesBench();
  await listBench();
}

/** Part 2: everything in this process, so that the ORM's query log counts each request's SQL. */
async function listBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-engagement-'));
  const keys = await testKeys();
  const usersGraph = await startTestSubgraph(users, {
    signingKey: keys.privateJwk,
    dataDir,
    mailer: new LocalMailbox(dataDir),
  } as never);
  const videosGraph = await startTestSubgraph(videos, { dataDir, worker: false });
  const composed = composeServices([
    { name: 'users', url: usersGraph.url, typeDefs: parse(await sdlOf(usersGraph.url)) },
    { name: 'videos', url: videosGraph.url, typeDefs: parse(await sdlOf(videosGraph.url)) },
  ]);
  if (!composed.supergraphSdl) {
    throw new Error(composed.errors?.map(e => e.message).join('; '));
  }
  const gateway = await startGateway({
    supergraphSdl: composed.supergraphSdl,
    jwks: keys.jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 1_000_000_000 },
    cost: { key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
    readyChecksSubgraphs: false,
  });
  const url = gateway.url.replace('localhost', '127.0.0.1');
  try {
    // 50 owners in users, 60 published videos of theirs in videos.
    const owners = Array.from({ length: 50 }, () => randomUUID());
    await usersGraph.em().execute(
      `insert into users."user" (id, email, handle, display_name, birth_date, password_hash, created_at)
       select id, 'owner' || n || '@bench.example', 'bench_owner_' || n, 'Owner ' || n, date '1990-01-01', '!unusable', now()
       from unnest(?::uuid[]) with ordinality as t(id, n)`,
      [`{${owners.join(',')}}`],
    );
    const videoIds: string[] = (
      await videosGraph.em().execute(
        `insert into videos.video (id, owner_id, title, status, visibility, duration_seconds, published_at, created_at, updated_at)
         select gen_random_uuid(), (?::uuid[])[1 + n % 50], 'Bench video ' || n, 'READY', 'PUBLIC', 600,
                now() - n * interval '1 minute', now() - interval '1 day', now()
         from generate_series(1, 60) n returning id`,
        [`{${owners.join(',')}}`],
      )
    ).map(row => (row as { id: string }).id);

    // 2. The list, with and without engagement.
    const viewer = randomUUID();
    const viewerToken = await tokenFor(viewer);
    for (const id of videoIds.slice(0, 25)) {
      await graphql(url, LIKE, { id }, { token: viewerToken });
      await graphql(
        url,
        `
          mutation ($input: RecordViewInput!) {
            recordView(input: $input)
          }
        `,
        { input: { videoId: id, sessionId: 'bench', positionSeconds: 120, watchedSeconds: 40 } },
        { token: viewerToken },
      );
    }
    const rows: string[][] = [];
    const results: Record<string, { p50: number; p99: number }> = {};
    for (const [name, query] of [
      ['without engagement', LIST_PLAIN],
      ['with engagement', LIST_ENGAGED],
    ]) {
      const check = await graphql(url, query, {}, { token: viewerToken });
      if (check.errors || check.data.videos.edges.length !== 50) {
        throw new Error(`${name}: ${JSON.stringify(check.errors)}`);
      }
      videosGraph.takeSql();
      usersGraph.takeSql();
      await graphql(url, query, {}, { token: viewerToken });
      const videoStatements = videosGraph.takeSql().filter(isRequestStatement).length;
      const userStatements = usersGraph.takeSql().filter(isRequestStatement).length;
      for (let i = 0; i < 20; i += 1) {
        await graphql(url, query, {}, { token: viewerToken }); // warm-up
      }
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const at = performance.now();
        await graphql(url, query, {}, { token: viewerToken });
        times.push(performance.now() - at);
      }
      results[name] = { p50: percentile(times, 50), p99: percentile(times, 99) };
      rows.push([
        name,
        String(videoStatements),
        String(userStatements),
        results[name].p50.toFixed(1),
        results[name].p99.toFixed(1),
      ]);
    }
    console.log(
      `\n  a 50-video list through the gateway, ${REQUESTS} sequential requests (signed in)`,
    );
    console.log(
      `  ${'list'.padEnd(20)} ${'videos SQL'.padStart(10)} ${'users SQL'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
    );
    for (const row of rows) {
      console.log(
        `  ${row[0].padEnd(20)} ${row[1].padStart(10)} ${row[2].padStart(10)} ${row[3].padStart(8)} ${row[4].padStart(8)}`,
      );
    }
    const base = results['without engagement'];
    const engaged = results['with engagement'];
    console.log(
      `  ratio with/without: p50 ${(engaged.p50 / base.p50).toFixed(2)}×, p99 ${(engaged.p99 / base.p99).toFixed(2)}×` +
        '  (with: the page, counters, viewer likes, viewer progress = 4 statements in videos)',
    );
  } finally {
    await gateway.stop();
    await videosGraph.stop();
    await usersGraph.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
