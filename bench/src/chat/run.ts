import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, graphql } from '@vp/kit/testing';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { PLATFORM_NODE_FLAGS } from '@vp/launcher/node-flags';

/**
 * bench/chat: chat fan-out. SUBSCRIBERS anonymous graphql-ws clients (one socket each, all in
 * this process) follow one stream's `chatMessageAdded { id body createdAt author { handle } }`;
 * one message a second for MESSAGES seconds. Two targets in one run, one after the other:
 *
 * - ours: our gateway in one child process, the users and live subgraphs in another (as they are
 *   deployed); each message is a real `sendChatMessage` through the gateway (stored, published,
 *   resolved once with its author's handle from users, fanned out by the gateway's hub);
 * - bare: graphql-ws `useServer` over a tiny schema and an in-process pub/sub in another child,
 *   given the same message (with the handle already in it) over IPC.
 *
 * Latency is from just before the send to the arrival at each subscriber (same clock); memory
 * per connection is each server process's RSS after the connections minus before (both after a
 * GC), divided by the connections: the gateway's and the subgraphs' apart, and their sum. CPU
 * per message is each process's CPU time while the messages were sent, over their number; this
 * process's too, since reading 10,000 deliveries (a read per socket, the frame, the JSON) takes
 * the machine's cores from the servers: 260 ms of it per message at 10,000 subscribers, whether
 * read by graphql-ws clients or by bare sockets.
 * Subscribers connect at CONNECT_RATE a second (a crowd arriving, not a SYN flood).
 *
 *   npm run bench:chat -w @vp/bench      (SUBSCRIBERS=2000 MESSAGES=20 CONNECT_RATE=500;
 *                                         PostgreSQL at DATABASE_URL or 127.0.0.1:5432)
 *
 * Each subscriber is a socket in this process and one in the server's: the open files limit
 * (`ulimit -n`) must exceed SUBSCRIBERS by some hundreds. The npm script raises the soft limit
 * to the hard one; where the hard one is lower, raise it (limits.conf, systemd LimitNOFILE, or
 * `--ulimit nofile=65536` for a container).
 *
 * CPU_PROF=<dir> writes a V8 CPU profile of each server process there (node --cpu-prof): the
 * children are then ended with an exit request instead of SIGKILL, so that they write it.
 */
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 2000);
const MESSAGES = Number(process.env.MESSAGES ?? 20);
const CONNECT_RATE = Number(process.env.CONNECT_RATE ?? 500);
const CPU_PROF = process.env.CPU_PROF;
const SENDERS = 4;
/** Open files besides the subscribers' sockets: modules, database pools, pipes. */
const SPARE_FILES = 500;

const QUERY =
  'subscription ($s: ID!) { chatMessageAdded(streamId: $s) { id body createdAt author { handle } } }';

interface Ready {
  type: 'ready';
  url: string;
  streamId: string;
}

interface SubgraphsReady {
  supergraphSdl: string;
  jwks: unknown;
  subgraphUrls: Record<string, string>;
}

const children: ChildProcess[] = [];

function spawn<T = Ready>(
  request: Record<string, unknown>,
): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(join(__dirname, 'child.ts'), [], {
    execArgv: [
      ...PLATFORM_NODE_FLAGS,
      '-r',
      '@swc-node/register',
      '--expose-gc',
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
    ],
    env: {
      ...process.env,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', ready => resolve({ child, ready: ready as T }));
    child.once('exit', code => reject(new Error(`${request.role} exited with ${code}`)));
    child.send(request);
  });
}

/** Asks a server process for a figure of its own: its RSS after a GC, or its CPU time so far (µs). */
const ask = (child: ChildProcess, type: 'rss' | 'cpu') =>
  new Promise<number>(resolve => {
    const onMessage = (message: { type: string; rss?: number; micros?: number }) => {
      if (message.type === type) {
        child.off('message', onMessage);
        resolve(message.rss ?? message.micros!);
      }
    };
    child.on('message', onMessage);
    child.send({ type });
  });

const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Ends a server process; with CPU_PROF, asks it to exit so that it writes its profile. */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null) {
    return;
  }
  if (!CPU_PROF) {
    child.kill('SIGKILL');
    return;
  }
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.send({ type: 'exit' });
  await Promise.race([exited, sleep(30_000)]);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN;

interface Result {
  target: string;
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
  /** RSS growth per connection of each server process, and their sum. */
  bytesPerConnection: number;
  byProcess: [string, number][];
  /**
   * CPU ms per message of each server process, and of this one (the subscribers: reading and
   * parsing every delivery), which shares the machine's two cores with the servers.
   */
  cpuPerMessage: [string, number][];
  /** The 1-minute load average while the messages were sent (highest seen). */
  load: number;
  /** Connections that dropped and were opened again (while connecting or during the run). */
  reconnects: number;
  failed: number;
}

/** The open files limit of this process (children inherit it). */
function openFilesLimit() {
  try {
    return Number(execFileSync('/bin/sh', ['-c', 'ulimit -n']).toString().trim());
  } catch {
    return Infinity;
  }
}

/**
 * Connects the subscribers, then sends messages with `send(body)`; `body` carries the send time.
 * Warm-up messages (not measured) confirm every subscriber hears the stream before the clock runs.
 */
async function measure(
  target: string,
  processes: [string, ChildProcess][],
  ready: { url: string; streamId: string },
  send: (body: string) => Promise<void>,
): Promise<Result> {
  const rss = () => Promise.all(processes.map(([, child]) => ask(child, 'rss')));
  const cpu = async () => [
    ...(await Promise.all(processes.map(([, child]) => ask(child, 'cpu')))),
    ownCpu(),
  ];
  const before = await rss();
  const clients: Client[] = [];
  const latencies: number[] = [];
  const warmed = new Set<number>();
  let measuring = false;
  // clients reconnect (graphql-ws's randomised backoff), as browsers do; each reconnect is counted
  let reconnects = 0;
  const failures = new Map<string, number>();
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = createClient({
      url: ready.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 5,
      shouldRetry: () => true,
      lazy: false,
      on: {
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) {
            reconnects += 1;
          }
        },
      },
    });
    clients.push(client);
    client.subscribe<{ chatMessageAdded: { body: string } }>(
      { query: QUERY, variables: { s: ready.streamId } },
      {
        next: ({ data }) => {
          const [kind, sentAt] = (data?.chatMessageAdded.body ?? '').split(' ');
          if (kind === 'warmup') {
            warmed.add(i);
          } else if (kind === 'bench' && measuring) {
            latencies.push(Date.now() - Number(sentAt));
          }
        },
        error: error => {
          const reason =
            (error as { message?: string }).message ??
            (error as { code?: number }).code?.toString() ??
            String(error);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        },
        complete: () => {},
      },
    );
    if (i % 50 === 49) {
      // connect in small batches at CONNECT_RATE, as a crowd arriving would
      await sleep((50 / CONNECT_RATE) * 1000);
    }
  }
  for (let attempt = 0; warmed.size < SUBSCRIBERS; attempt++) {
    if (attempt === 60) {
      throw new Error(
        `${target}: only ${warmed.size} of ${SUBSCRIBERS} subscribers heard the warm-up ` +
          `(${reconnects} reconnects; failed: ${JSON.stringify([...failures])})`,
      );
    }
    await send(`warmup ${Date.now()}`);
    await sleep(1_000);
  }
  const after = await rss();
  measuring = true;
  let load = 0;
  const cpuBefore = await cpu();
  for (let i = 0; i < MESSAGES; i++) {
    const started = Date.now();
    await send(`bench ${started}`);
    await sleep(Math.max(0, 1_000 - (Date.now() - started)));
    load = Math.max(load, loadavg()[0]);
  }
  await sleep(2_000);
  const cpuAfter = await cpu();
  measuring = false;
  await Promise.all(clients.map(client => client.dispose()));
  latencies.sort((a, b) => a - b);
  return {
    target,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    delivered: latencies.length,
    expected: SUBSCRIBERS * MESSAGES,
    bytesPerConnection: after.reduce((sum, value, i) => sum + value - before[i], 0) / SUBSCRIBERS,
    byProcess: processes.map(([name], i) => [name, (after[i] - before[i]) / SUBSCRIBERS]),
    cpuPerMessage: [...processes.map(([name]) => name), 'subscribers'].map((name, i) => [
      name,
      (cpuAfter[i] - cpuBefore[i]) / 1000 / MESSAGES,
    ]),
    load,
    reconnects,
    failed: [...failures.values()].reduce((sum, n) => sum + n, 0),
  };
}

async function main() {
  const started = Date.now();
  const files = openFilesLimit();
  if (files < SUBSCRIBERS + SPARE_FILES) {
    throw new Error(
      `${SUBSCRIBERS} subscribers need an open files limit of at least ${SUBSCRIBERS + SPARE_FILES}; ` +
        `this process has ${files} (ulimit -n; see the comment at the top of bench/src/chat/run.ts)`,
    );
  }
  const database = await createTestDatabase('bench_chat');
  try {
    const subgraphs = await spawn<SubgraphsReady>({
      role: 'subgraphs',
      databaseUrl: database.url,
    });
    const gateway = await spawn({
      role: 'gateway',
      ...subgraphs.ready,
      connections: SUBSCRIBERS + SPARE_FILES,
    });
    // Several senders: one user may say 5 messages per 10 s, and the bench says one a second.
    const tokens: string[] = [];
    for (let i = 0; i < SENDERS; i++) {
      const handle = `bench_${Date.now().toString(36)}_${i}`;
      const response = await graphql(
        gateway.ready.url,
        'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
        {
          input: {
            email: `${handle}@example.com`,
            password: 'correct horse battery staple',
            handle,
            displayName: 'Bench',
            birthDate: '1990-01-01',
          },
        },
      );
      tokens.push(response.data.signUp.accessToken);
    }
    const created = await graphql(
      gateway.ready.url,
      'mutation { createLiveStream(input: { title: "Bench" }) { id } }',
      {},
      { token: tokens[0] },
    );
    const streamId = created.data.createLiveStream.id as string;
    let turn = 0;
    const oursResult = await measure(
      'our gateway (+ users, live)',
      [
        ['gateway', gateway.child],
        ['users + live', subgraphs.child],
      ],
      { url: gateway.ready.url, streamId },
      async body => {
        const token = tokens[turn++ % tokens.length];
        const response = await graphql(
          gateway.ready.url,
          'mutation ($s: ID!, $b: String!) { sendChatMessage(streamId: $s, body: $b) { id } }',
          { s: streamId, b: body },
          { token },
        );
        if (response.errors) {
          throw new Error(JSON.stringify(response.errors));
        }
      },
    );
    await Promise.all([stop(gateway.child), stop(subgraphs.child)]);
    const kib = (bytes: number) => (bytes / 1024).toFixed(1);
    const row = (result: Result) => ({
      target: result.target,
      'p50 ms': result.p50,
      'p99 ms': result.p99,
      'max ms': result.max,
      delivered: `${result.delivered}/${result.expected}`,
      'KiB / connection': kib(result.bytesPerConnection),
      'by process': result.byProcess.map(([name, bytes]) => `${name} ${kib(bytes)}`).join(' · '),
      'CPU ms / message': result.cpuPerMessage
        .map(([name, ms]) => `${name} ${Math.round(ms)}`)
        .join(' · '),
      reconnects: result.reconnects,
      failed: result.failed,
      'load 1m': result.load.toFixed(2),
    });
    // ours first, so that its figures stand even when the baseline does not get through
    console.log(`\nours: ${JSON.stringify(row(oursResult))}`);
    console.log(
      `aims: p99 fan-out ≤ 250 ms ${oursResult.p99 <= 250 ? 'met' : 'MISSED'}, ≤ 50 KiB per connection ` +
        `${oursResult.bytesPerConnection <= 50 * 1024 ? 'met' : 'MISSED'}`,
    );

    const bare = await spawn({ role: 'bare' });
    let bareResult: Result | undefined;
    try {
      bareResult = await measure(
        'bare graphql-ws server',
        [['bare', bare.child]],
        bare.ready,
        async body => {
          bare.child.send({
            type: 'publish',
            streamId: bare.ready.streamId,
            payload: {
              id: randomUUID(),
              body,
              createdAt: new Date().toISOString(),
              author: { handle: 'bench_sender' },
            },
          });
        },
      );
    } catch (error) {
      console.log(`\nthe baseline did not get through: ${(error as Error).message}`);
    }
    await stop(bare.child);

    console.log(
      `\nchat fan-out: ${SUBSCRIBERS} subscribers, ${MESSAGES} messages at 1/s (node ${process.version}, ` +
        `connecting at ${CONNECT_RATE}/s, open files limit ${files}, ${Math.round((Date.now() - started) / 1000)} s)\n`,
    );
    console.table([oursResult, ...(bareResult ? [bareResult] : [])].map(row));
    if (bareResult) {
      console.log(
        `ratios (ours / bare): p50 ${(oursResult.p50 / bareResult.p50).toFixed(2)}×, p99 ${(oursResult.p99 / bareResult.p99).toFixed(2)}×, ` +
          `memory per connection ${(oursResult.bytesPerConnection / bareResult.bytesPerConnection).toFixed(2)}×`,
      );
    }
  } finally {
    for (const child of children) {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
