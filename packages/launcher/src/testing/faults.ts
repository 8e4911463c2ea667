import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@vp/kit/testing';
import { Client } from 'pg';
import { PLATFORM_NODE_FLAGS } from '../node-flags';
import { type ExternalSubgraphSetup, type Person, type TestPlatform } from './test-platform';

/*
 * Real faults for the fault tests: a Redis of the test's own to stop and start, child processes
 * to SIGKILL, PostgreSQL backends to terminate, and a chat load that remembers every message the
 * platform acknowledged so that the test can look for each one in the database afterwards.
 */

const ROOT = join(__dirname, '../../../..');

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Milliseconds since `start`, rounded, for the recovery lines the tests print. */
export const since = (start: number) => Math.round(performance.now() - start);

/** A process started by a test, with its output kept for the failure message. */
export class TestProcess {
  output = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', chunk => (this.output += chunk));
    child.stderr?.on('data', chunk => (this.output += chunk));
    this.exited = new Promise(resolve => child.once('exit', code => resolve(code)));
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` to this process only (by its pid) and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    if (this.running) {
      this.child.kill(signal);
      await this.exited;
    }
  }

  async waitFor(text: string | RegExp, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(typeof text === 'string' ? this.output.includes(text) : text.test(this.output))) {
      if (!this.running) {
        throw new Error(`the process exited before "${text}":\n${this.output.slice(-3000)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no "${text}" within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      }
      await sleep(50);
    }
  }
}

/**
 * A redis-server of the test's own on a free port (never the machine's shared one): the fault test
 * kills and restarts it. Nothing is persisted, as a Redis that crashed without AOF would come back.
 */
export async function startPrivateRedis(
  binary = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server',
) {
  const port = await freePort();
  let current: TestProcess | undefined;
  const start = async () => {
    current = new TestProcess(
      spawn(
        binary,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    );
    await current.waitFor('Ready to accept connections', 10_000);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** Kills it outright (SIGKILL), as a crash or an OOM kill would. */
    kill: () => current!.kill('SIGKILL'),
    start,
    stop: () => current?.kill('SIGTERM') ?? Promise.resolve(),
  };
}

export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;

/** A platform process entry (as docker-compose runs it) in its own node, through swc. */
export function spawnEntry(entry: string, env: Record<string, string | undefined>) {
  return new TestProcess(
    spawn(
      process.execPath,
      [...PLATFORM_NODE_FLAGS, '-r', '@swc-node/register', join(ROOT, entry)],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'info', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
}

/**
 * A subgraph as its own process (subgraphs/<name>/src/main.ts) for `startTestPlatform({ external })`,
 * on a fixed free port so that a restart comes back where the gateway looks. `restart()` starts it
 * again after a kill; the environment is what `npm start` would give it.
 */
export async function subgraphProcess(
  name: string,
  setup: ExternalSubgraphSetup,
  env: Record<string, string> = {},
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const environment = {
    DATABASE_URL: setup.databaseUrl,
    REDIS_URL: setup.redisUrl,
    AUTH_JWKS: JSON.stringify(setup.jwks),
    ...(name === 'users' ? { AUTH_SIGNING_KEY: JSON.stringify(setup.signingKey) } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    PLATFORM_DATA_DIR: setup.dataDir,
    PUBLIC_URL: setup.publicUrl,
    ...env,
  };
  let current: TestProcess;
  const start = async () => {
    current = spawnEntry(`subgraphs/${name}/src/main.ts`, environment);
    await waitUntilHealthy(url, current);
  };
  await start();
  return {
    url,
    get process() {
      return current;
    },
    restart: start,
    stop: () => current.kill('SIGTERM'),
  };
}

async function waitUntilHealthy(url: string, process: TestProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await fetch(new URL('/health', url)).catch(() => undefined);
    if (health?.ok) {
      return;
    }
    if (!process.running) {
      throw new Error(`the subgraph exited while starting:\n${process.output.slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the subgraph did not start within ${timeoutMs} ms:\n${process.output.slice(-3000)}`,
      );
    }
    await sleep(100);
  }
}

/**
 * Terminates every other backend of the test's own database (pg_terminate_backend), whatever it
 * is doing; says how many there were and how many were inside a transaction at that moment.
 */
export async function terminateBackends(databaseUrl: string, { onlyInTransaction = false } = {}) {
  const client = new Client({ connectionString: databaseUrl, application_name: 'fault-test' });
  await client.connect();
  try {
    const { rows } = await client.query<{ terminated: boolean; in_transaction: boolean }>(
      `select pg_terminate_backend(pid) as terminated, xact_start is not null as in_transaction
         from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and backend_type = 'client backend'
          and ($1::boolean is false or (xact_start is not null and state <> 'idle'))`,
      [onlyInTransaction],
    );
    return {
      terminated: rows.filter(row => row.terminated).length,
      inTransaction: rows.filter(row => row.in_transaction).length,
    };
  } finally {
    await client.end();
  }
}

/**
 * For `ms`, terminates each backend of the test's database caught inside a transaction (a
 * statement running, or a transaction open between statements), checking as fast as one
 * connection can: the kills land mid-transaction. Returns how many were terminated.
 *
 * pg-boss's own connections (application_name `<subgraph>-messaging`) are spared: pg-boss 10's
 * `work()` does not await the complete()/fail() that follows each job, so a connection killed at
 * that moment is an unhandled rejection (which ends a Node process by default) and the job waits
 * for its expiry (15 min by default) before it is retried: a known gap, left to a pg-boss upgrade.
 */
export async function terminateMidTransaction(databaseUrl: string, ms: number) {
  const client = new Client({ connectionString: databaseUrl, application_name: 'fault-test' });
  await client.connect();
  let terminated = 0;
  try {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const { rows } = await client.query<{ terminated: boolean }>(
        `select pg_terminate_backend(pid) as terminated from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and backend_type = 'client backend' and xact_start is not null
            and state in ('active', 'idle in transaction')
            and application_name not like '%-messaging'`,
      );
      terminated += rows.filter(row => row.terminated).length;
    }
    return terminated;
  } finally {
    await client.end();
  }
}

/** One SQL query on the test's database (stored rows to check). */
export async function sql<T extends object = Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
) {
  const client = new Client({ connectionString: databaseUrl, application_name: 'fault-test' });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const SEND_CHAT = `mutation ($streamId: ID!, $body: String!) { sendChatMessage(streamId: $streamId, body: $body) { id } }`;

/**
 * Chat traffic through the gateway: each sender says a numbered line every `everyMs` (under the
 * chat's 5 per 10 s), and a spammer sends as fast as it can to keep the rate limiter busy. Every
 * acknowledged message and every error code is kept, with the time it came.
 */
export class ChatLoad {
  /** Bodies the platform acknowledged with an id, and those ids. */
  readonly acknowledged = new Map<string, string>();
  readonly errors: { at: number; code: string; message: string }[] = [];
  /** When each acknowledgement came (performance.now()). */
  readonly acknowledgedAt: number[] = [];
  private readonly acknowledgedTimes = new Map<string, number>();
  spammerRefusals = 0;
  spammerAccepted = 0;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly platform: TestPlatform,
    private readonly streamId: string,
    private readonly senders: Person[],
    private readonly spammer?: Person,
    private readonly everyMs = 2_100,
  ) {}

  start() {
    this.running = true;
    this.loops = this.senders.map((sender, i) => this.sendLoop(sender, i));
    if (this.spammer) {
      this.loops.push(this.spamLoop(this.spammer));
    }
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Sends one message now and says whether it was acknowledged. */
  async sendOnce(sender: Person, body: string): Promise<boolean> {
    const response = await this.platform
      .query(SEND_CHAT, { streamId: this.streamId, body }, sender.token)
      .catch((error: Error) => ({
        status: 0,
        errors: [{ message: error.message, extensions: { code: 'NETWORK' } }],
        data: undefined,
      }));
    const id = response.data?.sendChatMessage?.id as string | undefined;
    if (id) {
      this.acknowledged.set(body, id);
      this.acknowledgedAt.push(performance.now());
      this.acknowledgedTimes.set(body, performance.now());
      return true;
    }
    for (const error of response.errors ?? []) {
      this.errors.push({
        at: performance.now(),
        code: String(error.extensions?.code ?? `HTTP ${response.status}`),
        message: error.message,
      });
    }
    return false;
  }

  private async sendLoop(sender: Person, index: number) {
    // spread the senders over the interval
    await sleep((this.everyMs / this.senders.length) * index);
    for (let n = 0; this.running; n++) {
      await this.sendOnce(sender, `load ${index} #${n}`);
      await sleep(this.everyMs);
    }
  }

  private async spamLoop(spammer: Person) {
    for (let n = 0; this.running; n++) {
      const response = await this.platform
        .query(SEND_CHAT, { streamId: this.streamId, body: `spam #${n}` }, spammer.token)
        .catch(() => undefined);
      if (response?.data?.sendChatMessage) {
        this.spammerAccepted += 1;
      } else if (response?.errors?.[0]?.extensions?.code === 'RATE_LIMITED') {
        this.spammerRefusals += 1;
      }
      await sleep(50);
    }
  }

  /** When the message with this body was acknowledged (performance.now()), if it was. */
  acknowledgedTime(body: unknown) {
    return typeof body === 'string' ? this.acknowledgedTimes.get(body) : undefined;
  }

  /** The first acknowledgement after `start` (performance.now()), once there is one. */
  firstAcknowledgedAfter(start: number) {
    return this.acknowledgedAt.find(at => at > start);
  }
}

/**
 * The stored chat lines of a stream whose bodies start with `prefix`: every acknowledged one must be
 * there exactly once, and nothing else.
 */
export async function storedChat(databaseUrl: string, streamId: string, prefix = 'load ') {
  return sql<{ id: string; body: string }>(
    databaseUrl,
    `select id, body from live.chat_message where stream_id = $1 and body like $2`,
    [streamId, `${prefix}%`],
  );
}

/** Acknowledged messages missing from the database, and bodies stored more than once. */
export function compareChat(
  acknowledged: Map<string, string>,
  stored: { id: string; body: string }[],
) {
  const storedIds = new Set(stored.map(row => row.id));
  const counts = new Map<string, number>();
  stored.forEach(row => counts.set(row.body, (counts.get(row.body) ?? 0) + 1));
  return {
    lost: [...acknowledged].filter(([, id]) => !storedIds.has(id)).map(([body]) => body),
    duplicated: [...counts].filter(([, count]) => count > 1).map(([body]) => body),
  };
}
