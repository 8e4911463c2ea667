import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase } from '@vp/kit/testing';
import { Client } from 'pg';
import { migrateAll } from './migrate';
import { SUBGRAPHS } from './subgraphs';

jest.setTimeout(120_000);

const cli = join(__dirname, 'migrate-cli.ts');

/** Runs the migration Job's command with `env`; resolves with its exit code and output. */
function runCli(env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>(resolve => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', cli], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.once('exit', code => resolve({ code, output }));
  });
}

async function appliedMigrations(url: string, schema: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from "${schema}".mikro_orm_migrations`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('the migration Job (migrate-cli.ts, run before a Kubernetes rollout)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase('migrate');
  });
  afterAll(() => database?.drop());

  it('migrates every subgraph schema of an empty database and exits 0, then finds nothing to do', async () => {
    const first = await runCli({ DATABASE_URL: database.url, PLATFORM_ENV: 'production' });
    expect({ code: first.code, tail: first.output.slice(-400) }).toEqual({
      code: 0,
      tail: expect.stringContaining('every schema is up to date'),
    });
    for (const { definition } of SUBGRAPHS) {
      expect({
        subgraph: definition.name,
        applied: await appliedMigrations(database.url, definition.dbSchema),
      }).toEqual({ subgraph: definition.name, applied: definition.migrations.length });
    }
    const again = await migrateAll(database.url);
    expect(again.map(run => run.subgraph)).toEqual(
      SUBGRAPHS.map(({ definition }) => definition.name),
    );
    expect(again.flatMap(run => run.applied)).toEqual([]);
  });

  it('exits 1 and names the problem when production gives it no database', async () => {
    const run = await runCli({ DATABASE_URL: '', PLATFORM_ENV: 'production' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('DATABASE_URL');
  });

  it('exits 1 when the database cannot be reached', async () => {
    const run = await runCli({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('failed to start');
  });
});
