import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@vp/kit/testing';
import { sleep, spawnEntry, type TestProcess } from '@vp/launcher/testing/faults';
import { type Backend, RoundRobinProxy } from './proxy';

/** The subgraphs as docker-compose runs them, each its own process (subgraphs/<name>/src/main.ts). */
export const SUBGRAPH_NAMES = ['users', 'videos', 'live', 'payments', 'catalog', 'search'] as const;
export type Kind = (typeof SUBGRAPH_NAMES)[number] | 'gateway' | 'videos-worker';

const ENTRIES: Record<Kind, string> = {
  users: 'subgraphs/users/src/main.ts',
  videos: 'subgraphs/videos/src/main.ts',
  live: 'subgraphs/live/src/main.ts',
  payments: 'subgraphs/payments/src/main.ts',
  catalog: 'subgraphs/catalog/src/main.ts',
  search: 'subgraphs/search/src/main.ts',
  gateway: 'gateway/src/main.ts',
  'videos-worker': 'subgraphs/videos/src/worker.ts',
};

/** One instance: its process (replaced on restart), its port (kept, so its proxy finds it again). */
export class Instance {
  process!: TestProcess;
  startedMs = 0;

  constructor(
    readonly kind: Kind,
    readonly name: string,
    readonly port: number | undefined,
    private readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The output of the processes this instance had before (a killed one's last words). */
  readonly earlier: string[] = [];

  async start() {
    if (this.process) {
      this.earlier.push(this.process.output);
    }
    const started = performance.now();
    this.process = spawnEntry(ENTRIES[this.kind], {
      ...this.env,
      ...(this.port ? { PORT: String(this.port) } : {}),
    });
    if (this.port) {
      await waitForHealth(this.url, this.process);
    } else {
      await this.process.waitFor('videos transcode worker running', 600_000);
    }
    this.startedMs = performance.now() - started;
  }

  /** SIGKILL, as an OOM kill or a lost node would; a worker's ffmpeg goes with it, as in a container. */
  async kill() {
    const pid = this.process.child.pid!;
    const children = childrenOf(pid);
    await this.process.kill('SIGKILL');
    for (const child of children) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Whether this process has a child (a worker's ffmpeg) right now. */
  get busy() {
    return this.process.running && childrenOf(this.process.child.pid!).length > 0;
  }
}

function childrenOf(pid: number) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function waitForHealth(url: string, process: TestProcess, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await fetch(`${url}/health`).catch(() => undefined);
    if (health?.ok) {
      return;
    }
    if (!process.running) {
      throw new Error(`${url} exited while starting:\n${process.output.slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${url} did not start within ${timeoutMs} ms:\n${process.output.slice(-3000)}`,
      );
    }
    await sleep(200);
  }
}

const STARTING_AT_ONCE = Number(process.env.STARTING_AT_ONCE ?? 3);

/** Starts the instances, `atOnce` at a time. */
export async function inBatches(instances: Instance[], atOnce: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(atOnce, instances.length) }, async () => {
      while (next < instances.length) {
        await instances[next++].start();
      }
    }),
  );
}

export interface ClusterOptions {
  databaseUrl: string;
  redisUrl: string;
  dataDir: string;
  keys: { privateJwk: unknown; jwks: unknown };
  instances: number;
  /** Settings for every process (the bench's lifted limits, the transcode lease). */
  env: Record<string, string>;
}

/**
 * The platform scaled out on one machine: `instances` processes of each subgraph behind one
 * round-robin proxy per subgraph, as many transcode workers, and as many gateways (each sending a
 * subgraph's traffic to that subgraph's proxy) behind a front proxy, which is the public origin.
 * All on one PostgreSQL and one Redis.
 */
export async function startCluster(options: ClusterOptions) {
  const front = new RoundRobinProxy('front', []);
  await front.listen();
  const publicUrl = front.url;
  const common = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    AUTH_JWKS: JSON.stringify(options.keys.jwks),
    HOST: '127.0.0.1',
    PLATFORM_DATA_DIR: options.dataDir,
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  const own: Partial<Record<Kind, Record<string, string>>> = {
    users: { AUTH_SIGNING_KEY: JSON.stringify(options.keys.privateJwk) },
    videos: { VIDEOS_WORKER: 'off' },
    live: { LIVE_INGEST: 'off' },
    // the worker says it is running at info level
    'videos-worker': { LOG_LEVEL: 'info' },
  };
  const instances: Instance[] = [];
  const proxies = new Map<string, RoundRobinProxy>();
  const make = async (kind: Kind, n: number, env: Record<string, string>, withPort = true) => {
    const made: Instance[] = [];
    for (let i = 0; i < n; i++) {
      const port = withPort ? await freePort() : undefined;
      made.push(new Instance(kind, `${kind}-${i + 1}`, port, { ...common, ...own[kind], ...env }));
    }
    instances.push(...made);
    return made;
  };
  const bySubgraph = new Map<string, Instance[]>();
  for (const name of SUBGRAPH_NAMES) {
    const made = await make(name, options.instances, {});
    bySubgraph.set(name, made);
    const proxy = new RoundRobinProxy(name, made.map(toBackend));
    proxies.set(name, await proxy.listen());
  }
  // Each first instance migrates its schema on start (a rollout runs migrations once, before the
  // new replicas): users first, alone, as it also installs pg-boss's schema; then the others, a
  // few at a time (this box has 2 shared cores, and each process compiles its TypeScript).
  const stopAll = async () => {
    await Promise.allSettled(instances.map(instance => instance.process?.kill('SIGKILL')));
    await Promise.allSettled([front, ...proxies.values()].map(proxy => proxy.close()));
  };
  try {
    await startAll();
  } catch (error) {
    await stopAll();
    throw error;
  }
  async function startAll() {
    const [first, ...others] = SUBGRAPH_NAMES;
    await bySubgraph.get(first)![0].start();
    await inBatches(
      others.map(name => bySubgraph.get(name)![0]),
      STARTING_AT_ONCE,
    );
    const workers = await make('videos-worker', options.instances, {}, false);
    const gatewayEnv = Object.fromEntries(
      SUBGRAPH_NAMES.map(name => [
        `SUBGRAPH_${name.toUpperCase()}_URL`,
        `${proxies.get(name)!.url}/graphql`,
      ]),
    );
    const gateways = await make('gateway', options.instances, gatewayEnv);
    await inBatches(
      [...SUBGRAPH_NAMES.flatMap(name => bySubgraph.get(name)!.slice(1)), ...workers, ...gateways],
      STARTING_AT_ONCE,
    );
  }
  const workers = instances.filter(instance => instance.kind === 'videos-worker');
  const gateways = instances.filter(instance => instance.kind === 'gateway');
  front.backends.push(...gateways.map(toBackend));
  front.healthy.push(...gateways.map(() => true));
  proxies.set('gateway', front);
  return {
    publicUrl,
    graphqlUrl: `${publicUrl}/graphql`,
    instances,
    gateways,
    workers,
    bySubgraph,
    proxies,
    /** Writes each instance's output (every process it had) to `dir`/<name>.log. */
    writeLogs(dir: string) {
      mkdirSync(dir, { recursive: true });
      for (const instance of instances) {
        const outputs = [...instance.earlier, instance.process?.output ?? ''];
        writeFileSync(join(dir, `${instance.name}.log`), outputs.join('\n----- restarted -----\n'));
      }
    },
    /** Kills every process (the bench's database and Redis are thrown away after it). */
    stop: stopAll,
  };
}

const toBackend = (instance: Instance): Backend => ({
  name: instance.name,
  host: '127.0.0.1',
  port: instance.port!,
});

export type Cluster = Awaited<ReturnType<typeof startCluster>>;
