import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type MikroORM } from '@mikro-orm/postgresql';
import { messagingTestBed } from './messaging-test-bed';
import { eventually } from './testing';

/*
 * Job leases (JobPolicy.leaseSeconds): a job whose worker process was SIGKILLed is handed out
 * again once its short lease lapses, not after its hour-long expiry; a live worker that runs a job
 * for several leases keeps it, and the job runs once.
 */
describe('job leases', () => {
  const bed = messagingTestBed('kit_lease', { maintenanceIntervalSeconds: 1 });
  const start = (consumer: string) => bed.start(consumer);
  let orm: MikroORM;
  const jobs = async (queue: string) =>
    (await orm.em
      .getConnection()
      .execute(`select id, state, retry_count from pgboss.job where name = ? order by created_on`, [
        queue,
      ])) as { id: string; state: string; retry_count: number }[];

  beforeAll(async () => {
    await bed.open();
    orm = bed.orm;
  });
  afterAll(() => bed.close());

  it('hands out the job of a SIGKILLed worker again once its lease lapses, long before its expiry', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, '../test/fixtures/lease-worker.ts'),
        bed.databaseUrl,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    try {
      await eventually(() => output.includes('ready'), { timeoutMs: 120_000, what: 'the worker' });
      const producer = await start('lease-producer');
      await producer.send('probe.leased', { n: 1 });
      await eventually(() => output.includes('running'), { timeoutMs: 30_000, what: 'the job' });
      // several renewals go by while the worker lives: the job stays with it
      await new Promise(resolve => setTimeout(resolve, 5_000));
      expect((await jobs('probe.leased')).map(job => [job.state, job.retry_count])).toEqual([
        ['active', 0],
      ]);
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const ran: string[] = [];
      const rescuer = await start('lease-rescuer');
      await rescuer.defineJob<{ n: number }>(
        'probe.leased',
        async (_data, run) => void ran.push(run.id),
        { leaseSeconds: 2, expireInSeconds: 3600, retryDelay: 1, retryBackoff: false },
      );
      // lease 2 s + maintenance every 1 s + retry delay 1 s; without the lease, an hour
      await eventually(() => ran.length > 0, {
        timeoutMs: 20_000,
        what: 'the job handed out again',
      });
      await eventually(async () => (await jobs('probe.leased'))[0]?.state === 'completed', {
        what: 'the job completed',
      });
      expect(await jobs('probe.leased')).toEqual([
        expect.objectContaining({ state: 'completed', retry_count: 1 }),
      ]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 240_000);

  it('lets a live worker keep a job for several leases: it runs once', async () => {
    const messaging = await start('lease-keeper');
    const runs: string[] = [];
    await messaging.defineJob<{ n: number }>(
      'probe.long',
      async (_data, run) => {
        runs.push(run.id);
        await new Promise(resolve => setTimeout(resolve, 6_000));
      },
      { leaseSeconds: 1, expireInSeconds: 3600, retryDelay: 1, retryBackoff: false },
    );
    await messaging.send('probe.long', { n: 1 });
    await eventually(async () => (await jobs('probe.long'))[0]?.state === 'completed', {
      timeoutMs: 30_000,
      what: 'the long job completed',
    });
    expect(runs).toHaveLength(1);
    expect((await jobs('probe.long'))[0].retry_count).toBe(0);
  }, 60_000);
});
