import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { operationCost } from '@vp/gateway/src/partner/cost';
import {
  type BucketLimits,
  createMemoryCostBuckets,
  createRedisCostBuckets,
  type CostBuckets,
} from '@vp/kit';
import { createTestDatabase, testKeys } from '@vp/kit/testing';
import autocannon from 'autocannon';
import { buildSchema, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import Redis from 'ioredis';
import { spawn, spawned, stop, stopAll } from '../gateway/processes';
import { sdlOf, seed, signInBenchViewer, signUpBenchViewer } from '../gateway/subgraphs';
import { type TargetKind } from '../gateway/targets';
import { benchAnalytics } from './analytics';
import { benchWebhooks } from './webhooks';
import { percentile, table } from '../report';

/**
 * bench/partner (issue 15): what the public API's protections cost and what its parts sustain.
 *
 * 1. Cost computation and budget check per request, in µs (p50, p99), against graphql-js's own
 *    validation of the same document (which every request pays anyway), in process.
 * 2. Gateway RPS with cost and budgets on against off (the same gateway, `cost.enabled`), under
 *    autocannon, over the real users and videos subgraphs (bench/gateway's set-up).
 * 3. `analytics.viewsByDay` for a year over 1,000,000 view events, p95, against the same figures
 *    computed from the raw events with SQL.
 * 4. Webhook deliveries per second to a local receiver, against signed POSTs sent straight.
 *
 *   npm run bench:partner -w @vp/bench    (PARTS=cost,rps,analytics,webhooks; DURATION=10)
 */
const PARTS = new Set((process.env.PARTS ?? 'cost,rps,analytics,webhooks').split(','));
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const ROOT = join(__dirname, '../../..');

export { percentile, table };

const fixed = (value: number, digits = 1) => value.toFixed(digits);

async function benchCost() {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema/api.graphql'), 'utf8'));
  const manifest = JSON.parse(
    readFileSync(join(ROOT, 'clients/shared/src/gql/persisted-documents.json'), 'utf8'),
  ) as Record<string, string>;
  const documents: { name: string; document: DocumentNode; variables: Record<string, unknown> }[] =
    [
      {
        name: 'video+owner',
        document: parse('query ($id: ID!) { video(id: $id) { id title owner { handle } } }'),
        variables: { id: 'v' },
      },
      {
        name: 'comments+replies',
        document: parse(`query ($id: ID!) { video(id: $id) { id title owner { handle displayName }
        comments(first: 20) { edges { node { id body likeCount author { handle }
          replies(first: 10) { edges { node { id body author { handle } } } } } } pageInfo { hasNextPage endCursor } } } }`),
        variables: { id: 'v' },
      },
      {
        name: 'the cost bomb',
        document: parse(`query ($n: Int!) { titles(first: $n) { edges { node { id name
        seasons(first: $n) { edges { node { id episodes(first: $n) { edges { node { id name } } } } } } } } } }`),
        variables: { n: 100 },
      },
    ];
  const firstParty = Object.values(manifest).map(text => parse(text));
  const limits: BucketLimits = { maximumAvailable: 1_000_000_000, restoreRate: 1_000_000_000 };
  const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let redisClient: Redis | undefined;
  try {
    redisClient = new Redis(redis, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    await redisClient.connect();
  } catch {
    redisClient = undefined;
  }
  const bucketsOf: [string, CostBuckets | undefined][] = [
    ['in process', createMemoryCostBuckets()],
    ['Redis', redisClient ? createRedisCostBuckets(redisClient) : undefined],
  ];
  const ITERATIONS = Number(process.env.COST_ITERATIONS ?? 5000);
  const lines = [
    [
      'document',
      'validate p50 µs',
      'p99',
      'cost p50 µs',
      'p99',
      'cost+bucket (in process) p99',
      'cost+bucket (Redis) p99',
      '(cost+bucket) / validate p99',
    ],
  ];
  for (const { name, document, variables } of documents) {
    const time = async (work: () => unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const started = process.hrtime.bigint();
        await work();
        samples.push(Number(process.hrtime.bigint() - started) / 1000);
      }
      return samples.slice(ITERATIONS / 10); // after a warm-up tenth
    };
    const validation = await time(() => validate(schema, document, specifiedRules));
    const cost = await time(() => operationCost({ schema, document, variables }));
    const withBuckets: number[][] = [];
    for (const [, buckets] of bucketsOf) {
      withBuckets.push(
        buckets
          ? await time(async () => {
              const value = operationCost({ schema, document, variables });
              await buckets.take('bench', Math.min(value, 1_000_000), limits);
            })
          : [],
      );
    }
    lines.push([
      name,
      fixed(percentile(validation, 50)),
      fixed(percentile(validation, 99)),
      fixed(percentile(cost, 50)),
      fixed(percentile(cost, 99)),
      fixed(percentile(withBuckets[0], 99)),
      withBuckets[1].length ? fixed(percentile(withBuckets[1], 99)) : 'no Redis',
      fixed(percentile(withBuckets[0], 99) / percentile(validation, 99), 2),
    ]);
  }
  const all = firstParty.map(document => () => operationCost({ schema, document, variables: {} }));
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = process.hrtime.bigint();
    try {
      all[i % all.length]();
    } catch {
      // required variables left out: the error path is timed too
    }
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  table(
    `1. cost computation and budget check per request (${ITERATIONS} runs each, one process; the first tenth is warm-up). The ${firstParty.length} first-party documents of the manifest: cost p50 ${fixed(percentile(samples, 50))} µs, p99 ${fixed(percentile(samples, 99))} µs`,
    lines,
  );
  await redisClient?.quit();
}

async function benchRps() {
  process.env.LOG_LEVEL ??= 'warn';
  const db = await createTestDatabase('bench_partner');
  try {
    const keys = await testKeys();
    const urls = {
      users: (await spawn<{ url: string }>({ role: 'users', databaseUrl: db.url, keys })).url,
      videos: (await spawn<{ url: string }>({ role: 'videos', databaseUrl: db.url, keys })).url,
    };
    const videoIds = await seed(db.url);
    await signUpBenchViewer(urls.users);
    const composed = composeServices([
      { name: 'users', url: urls.users, typeDefs: parse(await sdlOf(urls.users)) },
      { name: 'videos', url: urls.videos, typeDefs: parse(await sdlOf(urls.videos)) },
    ]);
    if (!composed.supergraphSdl) {
      throw new Error(composed.errors?.map(error => error.message).join('; '));
    }
    const queries: [string, string, () => Record<string, unknown>][] = [
      [
        'video+owner*',
        'query V($id: ID!) { video(id: $id) { id title owner { handle } } }',
        () => ({ id: videoIds[Math.floor(Math.random() * videoIds.length)] }),
      ],
      [
        'videos(first: 20)',
        'query L { videos(first: 20) { edges { node { id title owner { handle } } } } }',
        () => ({}),
      ],
    ];
    const lines = [['query', 'cost off RPS', 'p99 ms', 'cost on RPS', 'p99 ms', 'on / off']];
    const results: Record<string, Record<string, { rps: number; p99: number }>> = {};
    for (const kind of ['ours-no-cost', 'ours'] as TargetKind[]) {
      const child = spawned().length;
      const { url } = await spawn<{ url: string }>({
        role: kind,
        supergraphSdl: composed.supergraphSdl,
        jwks: keys.jwks,
      });
      const token = await signInBenchViewer(urls.users);
      for (const [name, query, variables] of queries) {
        const run = (seconds: number) =>
          autocannon({
            url,
            method: 'POST',
            connections: CONNECTIONS,
            duration: seconds,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            requests: [
              {
                setupRequest: request => ({
                  ...request,
                  body: JSON.stringify({ query, variables: variables() }),
                }),
              },
            ],
          });
        await run(2);
        const result = await run(DURATION);
        if (result.non2xx || result.errors) {
          throw new Error(`${kind} ${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        }
        (results[name] ??= {})[kind] = {
          rps: Math.round(result.requests.average),
          p99: result.latency.p99,
        };
        process.stderr.write(
          `  ${kind.padEnd(14)} ${name.padEnd(18)} ${Math.round(result.requests.average)} rps\n`,
        );
      }
      stop(spawned()[child]);
    }
    for (const [name] of queries) {
      const off = results[name]['ours-no-cost'];
      const on = results[name].ours;
      lines.push([
        name,
        String(off.rps),
        String(off.p99),
        String(on.rps),
        String(on.p99),
        fixed(on.rps / off.rps, 2),
      ]);
    }
    table(
      `2. our gateway, cost and budgets on against off — autocannon -c ${CONNECTIONS} -d ${DURATION}s, a signed-in user (in-process buckets)`,
      lines,
    );
  } finally {
    stopAll();
    await db.drop();
  }
}

async function main() {
  const started = Date.now();
  if (PARTS.has('cost')) {
    await benchCost();
  }
  if (PARTS.has('rps')) {
    await benchRps();
  }
  if (PARTS.has('analytics')) {
    await benchAnalytics();
  }
  if (PARTS.has('webhooks')) {
    await benchWebhooks();
  }
  console.log(`\n(${Math.round((Date.now() - started) / 1000)} s in all)`);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
