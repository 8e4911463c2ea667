import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type EntityManager } from '@mikro-orm/postgresql';
import { openDatabase, type Role } from '@vp/kit';
import { freePort } from '@vp/kit/testing';
import {
  type ExternalSubgraph,
  type ExternalSubgraphSetup,
  startTestPlatform,
  type TestPlatform,
} from '@vp/launcher/testing';
import { subgraphProcess } from '@vp/launcher/testing/faults';
import { seedDemo } from '@vp/launcher/seed';
import { BENCH_BUDGET } from '../gateway/targets';
import { SUBGRAPH_NAMES } from '../scale/cluster';
import { changeRoleOf, users } from '@vp/users';
import { seedBulk, type Seeded } from './seed';
import { countStatements, startProbe, stopProbe } from './probe';

if (process.env.SQL) {
  countStatements();
}

/**
 * How the platform runs: `one-process`, every subgraph and the gateway in this process, as `npm
 * start` runs them (subgraph fetches without a socket); `one-process-http`, the same over loopback
 * HTTP; `processes`, each subgraph in its own process (subgraphs/<name>/src/main.ts, as
 * docker-compose.yml runs them) with our gateway in this one.
 */
export type PlatformMode = 'one-process' | 'one-process-http' | 'processes';

const subgraphProcesses: Awaited<ReturnType<typeof subgraphProcess>>[] = [];

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** Another process's CPU time so far (user + system, µs), from /proc/<pid>/stat. */
function cpuOfPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // after "pid (name) ": state is field 3 of stat, utime and stime are fields 14 and 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** A subgraph of the platform as its own process, with the settings `npm start` gives it. */
async function ownProcess(name: string, setup: ExternalSubgraphSetup): Promise<ExternalSubgraph> {
  const env: Record<string, string> = { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' };
  if (name === 'live') {
    env.LIVE_RTMP_PORT = String(await freePort());
  }
  const running = await subgraphProcess(name, setup, env);
  subgraphProcesses.push(running);
  return running;
}

/**
 * bench/ops's platform, in a process of its own so that the load generator does not share its event
 * loop: our gateway, and every subgraph in a process of its own or in this one (PlatformMode),
 * seeded, then reporting what the requests need. `{ stop: true }` stops it and drops its database.
 */
process.on('message', async (message: { cpu?: boolean; probe?: 'start' | string }) => {
  if (message.cpu) {
    const { user, system } = process.cpuUsage();
    const subgraphs = subgraphProcesses.reduce(
      (sum, { process: { child } }) => sum + cpuOfPid(child.pid!),
      0,
    );
    process.send!({ cpuMicros: user + system + subgraphs });
  }
  // a measured run's profile and SQL statements (probe.ts), when run.ts asks
  if (message.probe === 'start') {
    await startProbe();
    process.send!({ probed: 'started' });
  } else if (message.probe) {
    process.send!({ probed: await stopProbe(message.probe) });
  }
});

const log = (line: string) => process.stderr.write(`  seed: ${line}\n`);

async function grantRoleOn(platform: TestPlatform, email: string, role: Role) {
  const orm = await openDatabase({
    schema: users.dbSchema,
    databaseUrl: platform.database.url,
    entities: users.entities,
    migrations: users.migrations,
    migrate: false,
  });
  try {
    await changeRoleOf(orm.em.fork() as EntityManager, email, role, 'grant', {
      operator: 'bench/ops',
    });
  } finally {
    await orm.close();
  }
}

process.once(
  'message',
  async (request: { role: 'platform'; viewers: number; videos: number; mode: PlatformMode }) => {
    let platform: TestPlatform | undefined;
    try {
      platform = await startTestPlatform({
        external:
          request.mode === 'processes'
            ? Object.fromEntries(
                SUBGRAPH_NAMES.map(name => [name, setup => ownProcess(name, setup)]),
              )
            : undefined,
        local: request.mode === 'one-process',
        // budgets that never refuse the bench (the cost is still computed and charged per request)
        gatewayConfig: () => ({
          cost: { key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
          // RESPONSE_CACHE=off: every answer computed, with no entity kept either (the gateway's
          // two caches go together): at most what a cache miss costs
          ...(process.env.RESPONSE_CACHE === 'off' ? { responseCache: { enabled: false } } : {}),
        }),
      });
      const started = Date.now();
      // the demo seed: accounts, public videos and catalog titles through the real upload and
      // transcode pipeline (what `npm run seed` loads)
      const running = platform;
      await seedDemo({
        gatewayUrl: running.url,
        clipSeconds: 2,
        log,
        grantRole: (email, role) => grantRoleOn(running, email, role),
      });
      log(`demo seed in ${Math.round((Date.now() - started) / 1000)} s`);
      const seeded: Seeded = await seedBulk(running, {
        viewers: request.viewers,
        videos: request.videos,
        log,
      });
      log(`all seeded in ${Math.round((Date.now() - started) / 1000)} s`);
      process.on('message', async (message: { stop?: boolean }) => {
        if (message.stop) {
          await running.stop().catch(() => undefined);
          process.exit(0);
        }
      });
      process.send!({ url: running.url, seeded });
    } catch (error) {
      console.error(error);
      await platform?.stop().catch(() => undefined);
      process.exit(1);
    }
  },
);
