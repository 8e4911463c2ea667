/**
 * bench/notifications, against the real users subgraph (in this process, on a scratch database):
 *
 * 1. Fan-out: a creator with FOLLOWERS followers (100,000 by default) publishes a video; the time
 *    from the VideoPublished event to every follower's notification being stored, through the
 *    batched fan-out jobs, against the same rows stored by one INSERT … SELECT in one transaction
 *    (the fastest way, and the one that holds a transaction over every follower).
 * 2. Live delivery: SUBSCRIBERS (1,000) followers of another creator hold a `notificationAdded`
 *    subscription each over graphql-ws; the creator goes live; publish→delivery p50/p99/max.
 *
 *   npm run bench:notifications -w @vp/bench
 */
process.env.LOG_LEVEL ??= 'warn';

import { randomUUID } from 'node:crypto';
import { LiveStreamChanged, VideoPublished } from '@vp/contracts';
import { createLogger, InboxEntry, Messaging, openDatabase } from '@vp/kit';
import { eventually, startTestSubgraph, subscribe, testKeys, tokenFor } from '@vp/kit/testing';
import { users } from '@vp/users';
import { Client } from 'pg';

const FOLLOWERS = Number(process.env.FOLLOWERS ?? 100_000);
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 1_000);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** `count` accounts following `creatorId`, each with a live session; returns [userId, sessionId]. */
async function followers(sql: Client, creatorId: string, count: number, tag: string) {
  const { rows } = await sql.query(
    `with fans as (
       insert into "users"."user" ("id", "email", "handle", "display_name", "birth_date", "password_hash", "created_at")
       select gen_random_uuid(), $3 || n || '@bench.example.com', $3 || n, 'Fan ' || n, '1990-01-01', 'x', now()
         from generate_series(1, $2::int) as n
       returning "id"),
     follows as (
       insert into "users"."follow" ("follower_id", "followee_id", "created_at")
       select "id", $1, now() from fans)
     insert into "users"."session" ("id", "user_id", "created_at", "expires_at")
     select gen_random_uuid(), "id", now(), now() + interval '1 day' from fans
     returning "user_id", "id"`,
    [creatorId, count, tag],
  );
  return rows.map(row => [row.user_id as string, row.id as string] as const);
}

async function creator(sql: Client, tag: string) {
  const id = randomUUID();
  await sql.query(
    `insert into "users"."user" ("id", "email", "handle", "display_name", "birth_date", "password_hash", "created_at")
     values ($1, $2 || '@bench.example.com', $2, 'Creator', '1990-01-01', 'x', now())`,
    [id, tag],
  );
  return id;
}

async function main() {
  const app = await startTestSubgraph(users, { signingKey: (await testKeys()).privateJwk });
  const sql = new Client({ connectionString: app.databaseUrl });
  await sql.connect();
  const orm = await openDatabase({
    schema: 'users',
    databaseUrl: app.databaseUrl,
    entities: [InboxEntry],
    migrations: [],
    migrate: false,
  });
  const producer = await Messaging.start({
    consumer: 'bench-producer',
    databaseUrl: app.databaseUrl,
    orm,
    log: createLogger('bench', 'warn'),
  });
  const count = async (where: string, values: unknown[]) =>
    Number(
      (
        await sql.query(
          `select count(*)::int as n from "users"."notification" where ${where}`,
          values,
        )
      ).rows[0].n,
    );
  try {
    // 1. Fan-out to FOLLOWERS.
    const star = await creator(sql, 'star');
    await followers(sql, star, FOLLOWERS, 'fan');
    await sql.query('analyze "users"."follow"');
    const videoId = randomUUID();
    const started = performance.now();
    await producer.publish(VideoPublished, {
      ...VideoPublished.example,
      id: videoId,
      ownerId: star,
      visibility: 'PUBLIC',
    });
    await eventually(() => count('source = $1', [`video:${videoId}`]), {
      until: n => n === FOLLOWERS,
      timeoutMs: 30 * 60_000,
      intervalMs: 100,
      what: 'every follower notified',
    });
    const fanOutMs = performance.now() - started;

    const baselineStarted = performance.now();
    await sql.query(
      `insert into "users"."notification" ("id", "recipient_id", "kind", "source", "actor_id", "video_id", "created_at")
       select gen_random_uuid(), "follower_id", 'NEW_VIDEO', 'baseline', $1, gen_random_uuid(), now()
         from "users"."follow" where "followee_id" = $1`,
      [star],
    );
    const baselineMs = performance.now() - baselineStarted;
    console.log(
      `fan-out to ${FOLLOWERS.toLocaleString('en')} followers: ${(fanOutMs / 1000).toFixed(2)} s from event to last row ` +
        `(${Math.round(FOLLOWERS / (fanOutMs / 1000)).toLocaleString('en')}/s, ${Math.ceil(FOLLOWERS / 1000)} jobs); ` +
        `one INSERT … SELECT in one transaction: ${(baselineMs / 1000).toFixed(2)} s; ratio ${(fanOutMs / baselineMs).toFixed(1)}×`,
    );

    // 2. Live delivery to SUBSCRIBERS.
    const streamer = await creator(sql, 'streamer');
    const audience = await followers(sql, streamer, SUBSCRIBERS, 'viewer');
    const query = 'subscription { notificationAdded { id kind } }';
    const arrivals: number[] = [];
    const subscriptions = await Promise.all(
      audience.map(async ([userId, sessionId]) => {
        const subscription = subscribe(app.url, query, {}, await tokenFor(userId, [], sessionId));
        return subscription;
      }),
    );
    // Connected and subscribed: a first stream start reaches everyone (not timed).
    const warmUp = randomUUID();
    const goLive = (id: string) =>
      producer.publish(LiveStreamChanged, {
        ...LiveStreamChanged.example,
        id,
        ownerId: streamer,
        status: 'LIVE',
        startedAt: new Date().toISOString(),
      });
    await eventually(
      async () => {
        await goLive(warmUp);
        return subscriptions.every(s => s.events.length > 0);
      },
      { intervalMs: 2_000, timeoutMs: 5 * 60_000, what: 'every subscriber to be live' },
    );
    const before = subscriptions.map(s => s.events.length);
    const publishedAt = performance.now();
    await goLive(randomUUID());
    await Promise.all(
      subscriptions.map(async (subscription, i) => {
        await subscription.waitUntil(events => events.length > before[i], 5 * 60_000);
        arrivals.push(performance.now() - publishedAt);
      }),
    );
    console.log(
      `publish→delivery to ${SUBSCRIBERS.toLocaleString('en')} subscribers: p50 ${percentile(arrivals, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(arrivals, 99).toFixed(0)} ms, max ${Math.max(...arrivals).toFixed(0)} ms ` +
        `(event → consumer → fan-out job → stored → pub/sub → graphql-ws)`,
    );
    await Promise.all(subscriptions.map(s => s.close()));
  } finally {
    await producer.stop();
    await orm.close();
    await sql.end();
    await app.stop();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
