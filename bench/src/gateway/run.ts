import { composeServices } from '@apollo/composition';
import { createTestDatabase, graphql, testKeys } from '@vp/kit/testing';
import autocannon from 'autocannon';
import { parse } from 'graphql';
import { type ChildProcess } from 'node:child_process';
import { cpuOf, spawn, spawned, stop, stopAll, waitAll } from './processes';
import { sdlOf, seed, signInBenchViewer, signUpBenchViewer } from './subgraphs';
import { type TargetKind } from './targets';

/**
 * bench/gateway: the same queries served four ways — straight at the users subgraph (`me` only),
 * through a bare @apollo/gateway, through Hive Gateway, and through our gateway (with its response
 * and entity caches off, then on) — each under autocannon, printing RPS, p50 and p99 and the ratio
 * to the bare @apollo/gateway.
 *
 * The subgraphs are the platform's real users and videos subgraphs (runSubgraph, each in its own
 * process) on a scratch database: 1,000 users and 100,000 published PUBLIC videos inserted with SQL,
 * plus one account signed up through `signUp` whose token asks `me`. The real `me` checks the
 * token's session in the database on every request.
 *
 *   npm run bench:gateway -w @vp/bench        (CONNECTIONS=50 DURATION=10 by default)
 */
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const WARMUP = Number(process.env.WARMUP ?? 2);
/** Videos seeded: more than all the targets' video+owner* requests together (see anyVideo). */
const VIDEOS = Number(process.env.VIDEOS ?? 100_000);
/** How long each measurement first watches the processes idle, to subtract their idle CPU. */
const IDLE_MS = 2000;
/** TARGETS=direct,bare-me,apollo,hive,ours (default all): run only some, e.g. while profiling. */
const TARGETS = new Set(
  (process.env.TARGETS ?? 'bare-me,direct,apollo,hive,ours-no-cache,ours')
    .split(',')
    .map(t => t.trim()),
);
const BARE_ME = 'bare Apollo Server + pg';
/** QUERIES=me,video+owner,video+owner* (default all): e.g. one query per profiled run. */
const QUERIES = new Set(
  (process.env.QUERIES ?? 'me,video+owner,video+owner*').split(',').map(q => q.trim()),
);

const ME = 'query Me { me { id handle } }';
const VIDEO = 'query VideoWithOwner($id: ID!) { video(id: $id) { id title owner { handle } } }';

interface Row {
  target: string;
  query: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU µs per request, per process that served it (the machine's load does not change it much). */
  cpu: [string, number][];
}

/** The processes whose CPU a measurement counts: the one answering and the subgraphs behind it. */
type Served = [string, ChildProcess][];

/** Variables of each request: one fixed set, or a different one per request. */
type Variables = Record<string, unknown> | (() => Record<string, unknown>);

async function load(
  url: string,
  query: string,
  variables: Variables,
  token: string,
  seconds: number,
) {
  const body = (vars: Record<string, unknown>) => JSON.stringify({ query, variables: vars });
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(typeof variables === 'function'
      ? { requests: [{ setupRequest: request => ({ ...request, body: body(variables()) }) }] }
      : { body: body(variables) }),
  });
}

async function measure(
  target: string,
  url: string,
  name: string,
  query: string,
  variables: Variables,
  token: string,
  served: Served,
): Promise<Row> {
  const check = await graphql(
    url,
    query,
    typeof variables === 'function' ? variables() : variables,
    { token },
  );
  if (check.errors || !check.data) {
    throw new Error(`${target} answered ${name} wrongly: ${JSON.stringify(check)}`);
  }
  await load(url, query, variables, token, WARMUP);
  // what the processes spend with no load (timers, job polling) is not the requests' cost
  const cpu = () => Promise.all(served.map(([, child]) => cpuOf(child)));
  const idleStart = await cpu();
  const idleStarted = performance.now();
  await new Promise(resolve => setTimeout(resolve, IDLE_MS));
  const idleEnd = await cpu();
  const idlePerMs = idleEnd.map(
    (end, i) => (end - idleStart[i]) / (performance.now() - idleStarted),
  );
  const cpuBefore = await cpu();
  const loadStarted = performance.now();
  const result = await load(url, query, variables, token, DURATION);
  const cpuAfter = await cpu();
  const loadMs = performance.now() - loadStarted;
  const answered = Math.max(1, result.requests.total);
  const row: Row = {
    target,
    query: name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    cpu: served.map(([name], i) => [
      name,
      Math.max(0, Math.round((cpuAfter[i] - cpuBefore[i] - idlePerMs[i] * loadMs) / answered)),
    ]),
  };
  process.stderr.write(`  ${target.padEnd(24)} ${name.padEnd(14)} ${row.rps} rps\n`);
  return row;
}

function print(rows: Row[]) {
  const baseline = (target: string, query: string) =>
    rows.find(r => r.target === target && r.query === query)?.rps;
  const ratio = (row: Row, target: string) => {
    const base = baseline(target, row.query);
    return base && row.target !== target ? (row.rps / base).toFixed(2) : '-';
  };
  const lines = [
    [
      'target',
      'query',
      'RPS',
      'p50 ms',
      'p99 ms',
      'errors',
      '× bare gateway',
      '× bare server',
      'CPU µs/req',
      'CPU by process',
    ],
    ...rows.map(row => [
      row.target,
      row.query,
      String(row.rps),
      String(row.p50),
      String(row.p99),
      String(row.errors),
      ratio(row, 'bare @apollo/gateway'),
      ratio(row, BARE_ME),
      String(row.cpu.reduce((sum, [, us]) => sum + us, 0)),
      row.cpu.map(([name, us]) => `${name} ${us}`).join(' · '),
    ]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map(line => line[i].length)));
  const format = (line: string[]) =>
    line
      .map((cell, i) => (i < 2 || i === 9 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  console.log(
    `\nbench/gateway — autocannon -c ${CONNECTIONS} -d ${DURATION}s (after ${WARMUP}s warm-up), one box\n`,
  );
  console.log(format(lines[0]));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  lines.slice(1).forEach(line => console.log(format(line)));
}

async function main() {
  const started = Date.now();
  process.env.LOG_LEVEL ??= 'warn';
  const db = await createTestDatabase('bench_gateway');
  try {
    const keys = await testKeys();
    const jwks = keys.jwks;
    // one after the other: both migrate the same database when they start
    const urls = {
      users: (await spawn<{ url: string }>({ role: 'users', databaseUrl: db.url, keys })).url,
      videos: (await spawn<{ url: string }>({ role: 'videos', databaseUrl: db.url, keys })).url,
    };
    const [usersChild, videosChild] = spawned();
    const subgraphs: Served = [
      ['users', usersChild],
      ['videos', videosChild],
    ];
    const videoIds = await seed(db.url, VIDEOS);
    const videoId = videoIds[0];
    // Each video once in the whole bench (the ids come shuffled): a video asked again may be
    // answered from our gateway's response cache, and video+owner* measures answers that cannot.
    let asked = 0;
    const anyVideo = () => ({ id: videoIds[asked++ % videoIds.length] });
    const viewerId = await signUpBenchViewer(urls.users);
    const composed = composeServices([
      { name: 'users', url: urls.users, typeDefs: parse(await sdlOf(urls.users)) },
      { name: 'videos', url: urls.videos, typeDefs: parse(await sdlOf(urls.videos)) },
    ]);
    if (!composed.supergraphSdl) {
      throw new Error(composed.errors?.map(e => e.message).join('; '));
    }
    const rows: Row[] = [];
    if (TARGETS.has('bare-me')) {
      const child = spawned().length;
      const { url } = await spawn<{ url: string }>({
        role: 'bare-me',
        supergraphSdl: '',
        jwks,
        databaseUrl: db.url,
        userId: viewerId,
      });
      rows.push(await measure(BARE_ME, url, 'me', ME, {}, '', [['bare', spawned()[child]]]));
      stop(spawned()[child]);
    }
    if (TARGETS.has('direct')) {
      rows.push(
        await measure(
          'users subgraph direct',
          urls.users,
          'me',
          ME,
          {},
          await signInBenchViewer(urls.users),
          [['users', usersChild]],
        ),
      );
    }
    const targets = (
      [
        ['apollo', 'bare @apollo/gateway'],
        ['hive', 'Hive Gateway'],
        ['ours-no-cache', 'ours, caches off'],
        ['ours', 'our gateway'],
      ] as [TargetKind, string][]
    ).filter(([kind]) => TARGETS.has(kind));
    for (const [kind, label] of targets) {
      const child = spawned().length;
      const { url } = await spawn<{ url: string }>({
        role: kind,
        supergraphSdl: composed.supergraphSdl,
        jwks,
      });
      // access tokens last 10 minutes: a fresh one per target
      const token = await signInBenchViewer(urls.users);
      const served: Served = [[kind, spawned()[child]], ...subgraphs];
      if (QUERIES.has('me')) {
        rows.push(await measure(label, url, 'me', ME, {}, token, served));
      }
      if (QUERIES.has('video+owner')) {
        rows.push(await measure(label, url, 'video+owner', VIDEO, { id: videoId }, token, served));
      }
      if (QUERIES.has('video+owner*')) {
        rows.push(await measure(label, url, 'video+owner*', VIDEO, anyVideo, token, served));
      }
      stop(spawned()[child]);
    }
    print(rows);
    console.log(`(${Math.round((Date.now() - started) / 1000)} s in all)`);
    console.log(
      `\n* a video not asked before in this bench, per request (of ${VIDEOS.toLocaleString('en')}` +
        (asked > videoIds.length
          ? `; ${asked - videoIds.length} requests repeated one: raise VIDEOS)`
          : ')'),
    );
    console.log(
      'subgraphs: the real users and videos subgraphs; `me` checks the session in PostgreSQL on each request',
    );
  } finally {
    stopAll();
    await waitAll();
    await db.drop();
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
