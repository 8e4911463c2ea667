import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase, graphql } from '@vp/kit/testing';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * bench/chat: chat fan-out. SUBSCRIBERS anonymous graphql-ws clients (one socket each, all in
 * this process) follow one stream's `chatMessageAdded { id body createdAt author { handle } }`;
 * one message a second for MESSAGES seconds. Two targets in one run, one after the other:
 *
 * - ours: users + live subgraphs + our gateway in one child process (as `npm start` runs them);
 *   each message is a real `sendChatMessage` through the gateway (stored, published, resolved
 *   once with its author's handle from users, fanned out by the gateway's hub);
 * - bare: graphql-ws `useServer` over a tiny schema and an in-process pub/sub in another child,
 *   given the same message (with the handle already in it) over IPC.
 *
 * Latency is from just before the send to the arrival at each subscriber (same clock); memory
 * per connection is the server process's RSS after the connections minus before (both after a
 * GC), divided by the connections.
 *
 *   npm run bench:chat -w @vp/bench      (SUBSCRIBERS=2000 MESSAGES=20; needs `ulimit -n` ≥ 4500,
 *                                         PostgreSQL at DATABASE_URL or 127.0.0.1:5432)
 */
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 2000);
const MESSAGES = Number(process.env.MESSAGES ?? 20);
const SENDERS = 4;

const QUERY =
  'subscription ($s: ID!) { chatMessageAdded(streamId: $s) { id body createdAt author { handle } } }';

interface Ready {
  type: 'ready';
  url: string;
  streamId: string;
  tokens: string[];
}

const children: ChildProcess[] = [];

function spawn(request: Record<string, unknown>): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(__dirname, 'child.ts'), [], {
    execArgv: ['-r', '@swc-node/register', '--expose-gc'],
    env: {
      ...process.env,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', ready => resolve({ child, ready: ready as Ready }));
    child.once('exit', code => reject(new Error(`${request.role} exited with ${code}`)));
    child.send(request);
  });
}

const rssOf = (child: ChildProcess) =>
  new Promise<number>(resolve => {
    const onMessage = (message: { type: string; rss: number }) => {
      if (message.type === 'rss') {
        child.off('message', onMessage);
        resolve(message.rss);
      }
    };
    child.on('message', onMessage);
    child.send({ type: 'rss' });
  });

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
  bytesPerConnection: number;
}

/**
 * Connects the subscribers, then sends messages with `send(body)`; `body` carries the send time.
 * Warm-up messages (not measured) confirm every subscriber hears the stream before the clock runs.
 */
async function measure(
  target: string,
  child: ChildProcess,
  ready: Ready,
  send: (body: string) => Promise<void>,
): Promise<Result> {
  const before = await rssOf(child);
  const clients: Client[] = [];
  const latencies: number[] = [];
  const warmed = new Set<number>();
  let measuring = false;
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = createClient({
      url: ready.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
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
        error: error => console.error(`${target} subscriber ${i}:`, error),
        complete: () => {},
      },
    );
    if (i % 100 === 99) {
      await sleep(50); // connect in batches, as a crowd arriving would
    }
  }
  for (let attempt = 0; warmed.size < SUBSCRIBERS; attempt++) {
    if (attempt === 60) {
      throw new Error(
        `${target}: only ${warmed.size} of ${SUBSCRIBERS} subscribers heard the warm-up`,
      );
    }
    await send(`warmup ${Date.now()}`);
    await sleep(1_000);
  }
  const after = await rssOf(child);
  measuring = true;
  for (let i = 0; i < MESSAGES; i++) {
    const started = Date.now();
    await send(`bench ${started}`);
    await sleep(Math.max(0, 1_000 - (Date.now() - started)));
  }
  await sleep(2_000);
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
    bytesPerConnection: (after - before) / SUBSCRIBERS,
  };
}

async function main() {
  const started = Date.now();
  const database = await createTestDatabase('bench_chat');
  try {
    const ours = await spawn({ role: 'platform', databaseUrl: database.url, senders: SENDERS });
    let turn = 0;
    const oursResult = await measure(
      'our gateway (users + live + gateway)',
      ours.child,
      ours.ready,
      async body => {
        const token = ours.ready.tokens[turn++ % ours.ready.tokens.length];
        const response = await graphql(
          ours.ready.url,
          'mutation ($s: ID!, $b: String!) { sendChatMessage(streamId: $s, body: $b) { id } }',
          { s: ours.ready.streamId, b: body },
          { token },
        );
        if (response.errors) {
          throw new Error(JSON.stringify(response.errors));
        }
      },
    );
    ours.child.kill('SIGKILL');

    const bare = await spawn({ role: 'bare' });
    const bareResult = await measure(
      'bare graphql-ws server',
      bare.child,
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
    bare.child.kill('SIGKILL');

    console.log(
      `\nchat fan-out: ${SUBSCRIBERS} subscribers, ${MESSAGES} messages at 1/s (node ${process.version}, ${Math.round((Date.now() - started) / 1000)} s)\n`,
    );
    console.table(
      [oursResult, bareResult].map(result => ({
        target: result.target,
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        'max ms': result.max,
        delivered: `${result.delivered}/${result.expected}`,
        'KiB / connection': (result.bytesPerConnection / 1024).toFixed(1),
      })),
    );
    console.log(
      `ratios (ours / bare): p50 ${(oursResult.p50 / bareResult.p50).toFixed(2)}×, p99 ${(oursResult.p99 / bareResult.p99).toFixed(2)}×, ` +
        `memory per connection ${(oursResult.bytesPerConnection / bareResult.bytesPerConnection).toFixed(2)}×`,
    );
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
