import { type EntityManager } from '@mikro-orm/postgresql';
import { openDatabase, type Role } from '@vp/kit';
import { startTestPlatform, type TestPlatform } from '@vp/launcher/testing';
import { seedDemo } from '@vp/launcher/seed';
import { BENCH_BUDGET } from '../gateway/targets';
import { changeRoleOf, users } from '@vp/users';
import { seedBulk, type Seeded } from './seed';
import { countStatements, startProbe, stopProbe } from './probe';

if (process.env.SQL) {
  countStatements();
}

/**
 * bench/ops's platform, in a process of its own so that the load generator does not share its event
 * loop: every subgraph and our gateway (startTestPlatform, as `npm start` runs them: one process),
 * seeded, then reporting what the requests need. `{ stop: true }` stops it and drops its database.
 */
process.on('message', async (message: { cpu?: boolean; probe?: 'start' | string }) => {
  if (message.cpu) {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
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

process.once('message', async (request: { role: 'platform'; viewers: number; videos: number }) => {
  let platform: TestPlatform | undefined;
  try {
    platform = await startTestPlatform({
      // budgets that never refuse the bench (the cost is still computed and charged per request)
      gatewayConfig: () => ({
        cost: { key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
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
});
