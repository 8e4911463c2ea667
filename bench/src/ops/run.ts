import { type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import {
  BrowseDocument,
  ChannelPageDocument,
  HomeDocument,
  NewestVideosDocument,
  RelatedVideosDocument,
  SearchDocument,
  VideoCommentsDocument,
  ViewerDocument,
  WatchPageDocument,
  NotificationsDocument,
} from '@vp/client/src/gql/graphql';
import { graphql } from '@vp/kit/testing';
import { RESPONSE_CACHE_HEADER } from '@vp/gateway/src/response-cache';
import { type DocumentNode, print as printDocument } from 'graphql';
import { percentile, table } from '../report';
import { cpuOf, spawn, spawned, stopAll, waitAll } from '../gateway/processes';
import { type PlatformMode } from './child';
import { type Seeded } from './seed';

/**
 * bench/ops: the ten operations the web app issues most, each at a fixed RATE (100) requests a
 * second for DURATION (60) s through our gateway, with a signed-in viewer's token as the web app
 * sends it, printing requests, errors, p50/p95/p99 and whether p99 ≤ 50 ms (issue 17).
 *
 * Which ten: the operations clients/web sends while a page loads (server components through
 * `serverGraphql`, exactly the printed generated document): every page's layout asks `Viewer`
 * (the header's unread notifications count) for a signed-in viewer; /watch asks `WatchPage`,
 * then streams `RelatedVideos` and `VideoComments`; / asks `Home`; /search `Search`; /<handle>
 * `ChannelPage`; /shorts `NewestVideos(kind: SHORT)`; /browse `Browse`; and the bell in the header
 * asks `Notifications` when opened. (Pages seen less often — a title, a playlist, a live stream,
 * the account page — and the mutations are left out.)
 *
 * Baseline: `{ __typename }` through the same gateway at the same rate, with the same token: the
 * floor of the stack (HTTP, token check, parse, the gateway's plugins); "× floor" is each
 * operation's p99 over the floor's p99.
 *
 * The platform (PLATFORM): `one-process` (the default), every subgraph and our gateway in one child
 * process, as `npm start` runs them (the gateway calls the subgraphs without a socket); or
 * `one-process-http`, the same with every subgraph fetch over loopback HTTP (as before the gateway
 * called them in process); or `processes`, each subgraph in a process of its own and the gateway in
 * another, as docker-compose.yml runs them. On a scratch database, seeded by `npm run seed`'s demo seed (real transcoded
 * videos, the catalog) and seed.ts (creators, copies of the demo videos announced to search and
 * users, comments, viewers who follow creators). Latency is measured from each request's
 * scheduled start (so a stalled platform cannot slow the sender and hide its own stall).
 *
 *   npm run bench:ops -w @vp/bench    (RATE=100 DURATION=60 VIEWERS=20 VIDEOS=1000;
 *                                      OPS=Home,WatchPage to run only some;
 *                                      PLATFORM=processes for docker-compose's processes,
 *                                      PLATFORM=one-process-http for HTTP hops in one process;
 *                                      RESPONSE_CACHE=off to compute every answer;
 *                                      SQL=1 to list each run's statements per request;
 *                                      OPS_PROFILE_DIR=<dir> for a CPU profile of each run alone;
 *                                      these two probe one process: they need one-process)
 */
const RATE = Number(process.env.RATE ?? 100);
const DURATION = Number(process.env.DURATION ?? 60);
const WARMUP = Number(process.env.WARMUP ?? 3);
const VIEWERS = Number(process.env.VIEWERS ?? 20);
const VIDEOS = Number(process.env.VIDEOS ?? 1000);
const AIM_P99_MS = 50;
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 10);
const ONLY = process.env.OPS?.split(',').map(name => name.trim());

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

interface Operation {
  name: string;
  /** What page asks it, for the table. */
  page: string;
  document: DocumentNode | string;
  variables: (seeded: Seeded) => Record<string, unknown>;
}

const OPERATIONS: Operation[] = [
  { name: 'Viewer', page: 'every page (header)', document: ViewerDocument, variables: () => ({}) },
  { name: 'Home', page: '/', document: HomeDocument, variables: () => ({}) },
  {
    name: 'WatchPage',
    page: '/watch/<id>',
    document: WatchPageDocument,
    variables: seeded => ({ id: pick(seeded.watched).id }),
  },
  {
    name: 'RelatedVideos',
    page: '/watch/<id>',
    document: RelatedVideosDocument,
    variables: seeded => {
      const video = pick(seeded.watched);
      return { id: video.id, handle: video.handle };
    },
  },
  {
    name: 'VideoComments',
    page: '/watch/<id>',
    document: VideoCommentsDocument,
    variables: seeded => ({ id: pick(seeded.watched).id, sort: 'NEWEST', after: null }),
  },
  {
    name: 'Search',
    page: '/search?q=',
    document: SearchDocument,
    variables: seeded => ({ query: pick(seeded.words), first: 30, after: null }),
  },
  {
    name: 'ChannelPage',
    page: '/<handle>',
    document: ChannelPageDocument,
    variables: seeded => ({ handle: pick(seeded.handles) }),
  },
  {
    name: 'NewestVideos',
    page: '/shorts',
    document: NewestVideosDocument,
    variables: () => ({ first: 20, kind: 'SHORT' }),
  },
  {
    name: 'Browse',
    page: '/browse',
    document: BrowseDocument,
    variables: () => ({ kind: pick([null, 'SERIES', 'FILM']), after: null }),
  },
  {
    name: 'Notifications',
    page: 'header bell',
    document: NotificationsDocument,
    variables: () => ({ first: 20 }),
  },
];

const FLOOR: Operation = {
  name: '{ __typename }',
  page: 'baseline',
  document: '{ __typename }',
  variables: () => ({}),
};

interface Measured {
  operation: Operation;
  requests: number;
  errors: number;
  /** Error codes seen, with how often. */
  codes: Map<string, number>;
  latencies: number[];
  /** Answers the gateway's response cache gave (its x-response-cache header said `hit`). */
  hits: number;
  load: number;
  /** The platform's CPU time over the run (its processes' together): µs per request, and the cores it kept busy. */
  cpuPerRequest: number;
  cpuShare: number;
  /** The platform's CPU share of a core with no requests (measured once, before the runs). */
  idleShare: number;
}

/** Asks the platform's probe (probe.ts) to start, or to stop and report the statements it counted. */
function probe(platform: ChildProcess, what: 'start' | string): Promise<[string, number][]> {
  return new Promise(resolve => {
    const onMessage = (message: { probed?: 'started' | [string, number][] }) => {
      if (message.probed) {
        platform.off('message', onMessage);
        resolve(message.probed === 'started' ? [] : message.probed);
      }
    };
    platform.on('message', onMessage);
    platform.send({ probe: what });
  });
}

const PROBING = Boolean(process.env.SQL || process.env.OPS_PROFILE_DIR);

/** The statement counter and the profiler live in the platform's process: they need all of it there. */
const PLATFORM_MODES: PlatformMode[] = ['one-process', 'one-process-http', 'processes'];
const ASKED = (process.env.PLATFORM ?? 'one-process') as PlatformMode;
if (!PLATFORM_MODES.includes(ASKED)) {
  throw new Error(`PLATFORM: one of ${PLATFORM_MODES.join(', ')}`);
}
const MODE: PlatformMode = PROBING && ASKED === 'processes' ? 'one-process' : ASKED;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Sends `RATE` requests a second for `seconds`, each at its scheduled time whether or not the
 * earlier ones have been answered (an open loop, as independent page loads arrive).
 */
async function drive(
  url: string,
  operation: Operation,
  seconds: number,
  seeded: Seeded,
  tokens: string[],
): Promise<Omit<Measured, 'load' | 'cpuPerRequest' | 'cpuShare' | 'idleShare'>> {
  const query =
    typeof operation.document === 'string' ? operation.document : printDocument(operation.document);
  const interval = 1000 / RATE;
  const total = Math.round(seconds * RATE);
  const latencies: number[] = [];
  const codes = new Map<string, number>();
  let errors = 0;
  let hits = 0;
  const count = (code: string) => {
    errors += 1;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  };
  const inFlight: Promise<void>[] = [];
  const send = async (due: number) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${pick(tokens)}`,
        },
        body: JSON.stringify({ query, variables: operation.variables(seeded) }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      latencies.push(performance.now() - due);
      if (response.headers.get(RESPONSE_CACHE_HEADER) === 'hit') {
        hits += 1;
      }
      if (response.status !== 200) {
        count(`HTTP ${response.status}`);
      } else if (body.errors?.length) {
        count(body.errors[0].extensions?.code ?? 'no code');
      }
    } catch (error) {
      latencies.push(performance.now() - due);
      count((error as Error).message);
    }
  };
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) {
      await sleep(wait);
    }
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  return { operation, requests: total, errors, codes, latencies, hits };
}

async function refreshedTokens(url: string, seeded: Seeded) {
  const tokens: string[] = [];
  for (const [i, refreshToken] of seeded.refreshTokens.entries()) {
    const response = await graphql(
      url,
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
      { t: refreshToken },
    );
    if (!response.data) {
      throw new Error(`refreshSession: ${JSON.stringify(response.errors)}`);
    }
    seeded.refreshTokens[i] = response.data.refreshSession.refreshToken;
    tokens.push(response.data.refreshSession.accessToken);
  }
  return tokens;
}

async function main() {
  const started = Date.now();
  const { url, seeded } = await spawn<{ url: string; seeded: Seeded }>(
    { role: 'platform', viewers: VIEWERS, videos: VIDEOS, mode: MODE },
    join(__dirname, 'child.ts'),
  );
  const platform = spawned().at(-1)!;
  console.log(
    `load average before the run: ${loadavg()
      .map(n => n.toFixed(2))
      .join(' ')}`,
  );
  try {
    // what the platform spends with no requests at all (job queues, outbox and timers): each run's
    // CPU per request is printed above this, so background work is not counted as request work
    const idleBefore = await cpuOf(platform);
    await sleep(IDLE_SECONDS * 1000);
    const idleShare = ((await cpuOf(platform)) - idleBefore) / (IDLE_SECONDS * 1e6);
    console.log(`platform idle: ${(idleShare * 100).toFixed(1)} % of a core`);
    const measured: Measured[] = [];
    for (const operation of [FLOOR, ...OPERATIONS.filter(op => !ONLY || ONLY.includes(op.name))]) {
      // access tokens last 10 minutes, the whole run longer: fresh ones for each operation
      const tokens = await refreshedTokens(url, seeded);
      await drive(url, operation, WARMUP, seeded, tokens);
      if (PROBING) {
        await probe(platform, 'start');
      }
      const cpuBefore = await cpuOf(platform);
      const runStarted = performance.now();
      const result = await drive(url, operation, DURATION, seeded, tokens);
      const cpu = (await cpuOf(platform)) - cpuBefore;
      if (PROBING) {
        printStatements(operation, result.requests, await probe(platform, operation.name));
      }
      measured.push({
        ...result,
        load: loadavg()[0],
        cpuPerRequest: cpu / result.requests,
        cpuShare: cpu / ((performance.now() - runStarted) * 1000),
        idleShare,
      });
      process.stderr.write(
        `  ${operation.name.padEnd(16)} p99 ${percentile(result.latencies, 99).toFixed(1)} ms, ${result.errors} errors\n`,
      );
    }
    print(measured, seeded);
    console.log(`(${Math.round((Date.now() - started) / 1000)} s in all)`);
  } finally {
    platform.send({ stop: true });
    await waitAll(30_000);
    stopAll();
  }
}

/** SQL=1: the statements a run sent, per request, most frequent first (an N+1 stands out). */
function printStatements(operation: Operation, requests: number, statements: [string, number][]) {
  if (!process.env.SQL) {
    return;
  }
  const total = statements.reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `\nSQL of ${operation.name}: ${(total / requests).toFixed(1)} statements per request`,
  );
  // by schema (which subgraph, or pg-boss's own polling), then the most frequent statements
  const bySchema = new Map<string, number>();
  for (const [text, n] of statements) {
    const schema = /"(\w+)"\."\w+"|\b(pgboss)\./.exec(text);
    const name = schema?.[1] ?? schema?.[2] ?? 'other (BEGIN, COMMIT…)';
    bySchema.set(name, (bySchema.get(name) ?? 0) + n);
  }
  console.log(
    `  by schema: ${[...bySchema]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${(n / requests).toFixed(2)}`)
      .join(', ')}`,
  );
  for (const [text, n] of statements.slice(0, 15)) {
    console.log(`  ${(n / requests).toFixed(2).padStart(7)}  ${text.slice(0, 160)}`);
  }
}

function print(measured: Measured[], seeded: Seeded) {
  const floorP99 = percentile(measured[0].latencies, 99);
  const ms = (value: number) => value.toFixed(1);
  table(
    `bench/ops — ${RATE} requests/s for ${DURATION} s each (after ${WARMUP} s warm-up), through our gateway, ` +
      `${VIEWERS} signed-in viewers' tokens; ${
        MODE === 'processes'
          ? 'each subgraph and the gateway in a process of its own'
          : MODE === 'one-process-http'
            ? 'all subgraphs and the gateway in one process, over loopback HTTP'
            : 'all subgraphs and the gateway in one process'
      }; node ${process.version}`,
    [
      [
        'operation',
        'page',
        'requests',
        'errors',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'cached',
        `p99 ≤ ${AIM_P99_MS} ms`,
        '× floor p99',
        'CPU µs/req',
        'above idle',
        'CPU % core',
        'load 1m',
      ],
      ...measured.map(({ operation, requests, errors, latencies, hits, load, ...cpu }, i) => [
        operation.name,
        operation.page,
        String(requests),
        String(errors),
        ms(percentile(latencies, 50)),
        ms(percentile(latencies, 95)),
        ms(percentile(latencies, 99)),
        `${Math.round((hits / requests) * 100)} %`,
        i === 0 ? '-' : percentile(latencies, 99) <= AIM_P99_MS ? 'yes' : 'NO',
        i === 0 ? '1.00' : (percentile(latencies, 99) / floorP99).toFixed(2),
        String(Math.round(cpu.cpuPerRequest)),
        String(Math.round(cpu.cpuPerRequest - (cpu.idleShare * 1e6) / RATE)),
        String(Math.round(cpu.cpuShare * 100)),
        load.toFixed(2),
      ]),
    ],
  );
  const withErrors = measured.filter(result => result.errors > 0);
  for (const { operation, codes } of withErrors) {
    console.log(
      `  errors of ${operation.name}: ${[...codes].map(([code, n]) => `${code} ×${n}`).join(', ')}`,
    );
  }
  console.log(
    `\ndata: ${Object.entries(seeded.counts)
      .map(([what, n]) => `${n.toLocaleString()} ${what}`)
      .join(', ')}`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
