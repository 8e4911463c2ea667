import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './db';
import { createLogger } from './logger';
import {
  emitEvent,
  enqueueJob,
  type EventEnvelope,
  type JobRun,
  MESSAGING_ENTITIES,
  Messaging,
  OutboxMessage,
} from './messaging';
import { createTestDatabase, eventually } from './testing';

/** The pg-boss states of the jobs of one queue. */
const jobStates = async (orm: MikroORM, queue: string) =>
  (
    (await orm.em
      .getConnection()
      .execute(`select state from pgboss.job where name = ?`, [queue])) as { state: string }[]
  ).map(row => row.state);
const allDone = (states: string[]) => states.every(state => state === 'completed');

describe('messaging (outbox, inbox, jobs on pg-boss)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;
  const log = createLogger('messaging-test', 'silent');
  const started: Messaging[] = [];
  const start = async (consumer: string, relayIntervalMs = 50) => {
    const messaging = await Messaging.start({
      consumer,
      databaseUrl: database.url,
      orm,
      log,
      relayIntervalMs,
    });
    started.push(messaging);
    return messaging;
  };

  beforeAll(async () => {
    database = await createTestDatabase('kit_messaging');
    orm = await MikroORM.init(
      ormConfig({
        schema: 'probe',
        databaseUrl: database.url,
        entities: MESSAGING_ENTITIES,
        migrations: [],
      }),
    );
    await orm.getSchemaGenerator().createSchema();
  });

  afterAll(async () => {
    for (const messaging of started) {
      await messaging.stop();
    }
    await orm.close();
    await database.drop();
  });

  it('delivers an event written in a transaction, only if that transaction commits', async () => {
    const messaging = await start('listener');
    const seen: EventEnvelope<{ n: number }>[] = [];
    await messaging.onEvent<{ n: number }>('NumberChosen', async event => {
      seen.push(event);
    });
    await orm.em.fork().transactional(async em => emitEvent(em, 'NumberChosen', { n: 1 }));
    await expect(
      orm.em.fork().transactional(async em => {
        emitEvent(em, 'NumberChosen', { n: 2 });
        await em.flush();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await orm.em.fork().transactional(async em => emitEvent(em, 'NumberChosen', { n: 3 }));
    await eventually(() => seen.length >= 2);
    // Once the outbox is empty and every delivery handled, a rolled-back event would have shown.
    await eventually(async () => (await orm.em.fork().count(OutboxMessage)) === 0);
    await eventually(() => jobStates(orm, 'listener.NumberChosen'), { until: allDone });
    expect(seen.map(event => event.payload.n).sort()).toEqual([1, 3]);
    expect(seen[0]).toMatchObject({
      type: 'NumberChosen',
      id: expect.any(String),
      occurredAt: expect.any(String),
    });
    expect(await orm.em.fork().count(OutboxMessage)).toBe(0);
  });

  it('handles a redelivered event once (the inbox)', async () => {
    const messaging = await start('deduper');
    let handled = 0;
    await messaging.onEvent('Duplicated', async () => {
      handled += 1;
    });
    const envelope = {
      id: '4b0a0f4e-3b61-4a7e-9a57-5b8e3a1f0c11',
      type: 'Duplicated',
      occurredAt: new Date().toISOString(),
      payload: {},
    };
    await messaging.queue.publish('Duplicated', envelope);
    await messaging.queue.publish('Duplicated', envelope);
    await messaging.queue.publish('Duplicated', envelope);
    await eventually(() => jobStates(orm, 'deduper.Duplicated'), {
      until: states => states.length === 3 && allDone(states),
      what: 'all three deliveries handled',
    });
    expect(handled).toBe(1);
  });

  it('keeps an undelivered row when its process dies, and a later relay delivers it', async () => {
    for (const messaging of started.splice(0)) {
      await messaging.stop(); // only the processes of this test relay from here on
    }
    const consumer = await start('survivor', 60_000);
    const seen: unknown[] = [];
    await consumer.onEvent('Survived', async event => {
      seen.push(event.payload);
    });
    // The writer committed the row and died before any relay ran: here, no relay runs at all.
    await orm.em.fork().transactional(async em => emitEvent(em, 'Survived', { ok: true }));
    expect(await orm.em.fork().count(OutboxMessage, { name: 'Survived' })).toBe(1);
    expect(seen).toEqual([]);

    await start('restarted-writer');
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([{ ok: true }]);
    expect(await orm.em.fork().count(OutboxMessage)).toBe(0);
  });

  it('retries a failing job with backoff and succeeds; a job that keeps failing is dead-lettered', async () => {
    const messaging = await start('jobs');
    const attempts: Record<string, number> = {};
    await messaging.defineJob<{ key: string; failTimes: number }>(
      'probe.flaky',
      async ({ key, failTimes }) => {
        attempts[key] = (attempts[key] ?? 0) + 1;
        if (attempts[key] <= failTimes) {
          throw new Error(`failure ${attempts[key]}`);
        }
      },
      { retryLimit: 2, retryDelay: 1, retryBackoff: false },
    );
    await orm.em.fork().transactional(async em => {
      enqueueJob(em, 'probe.flaky', { key: 'recovers', failTimes: 2 });
      enqueueJob(em, 'probe.flaky', { key: 'hopeless', failTimes: 99 });
    });
    await eventually(async () => (attempts.recovers ?? 0) >= 3 && (attempts.hopeless ?? 0) >= 3, { timeoutMs: 30_000 });
    await eventually(async () => (await messaging.queue.getQueueSize('probe.flaky.dead')) === 1, { timeoutMs: 15_000 });
    expect(attempts).toEqual({ recovers: 3, hopeless: 3 });
  }, 60_000);
  it('keeps a job queued before any worker defined its queue, and runs it once one does', async () => {
    const producer = await start('early-producer');
    await orm.em.fork().transactional(async em => enqueueJob(em, 'probe.late-worker', { n: 7 }));
    await producer.relayOnce(); // a relay that finds no queue for the job leaves its row
    expect(await orm.em.fork().count(OutboxMessage, { name: 'probe.late-worker' })).toBe(1);

    const ran: unknown[] = [];
    const worker = await start('late-worker');
    await worker.defineJob<{ n: number }>('probe.late-worker', async data => {
      ran.push(data);
    });
    await eventually(() => ran.length === 1);
    expect(ran).toEqual([{ n: 7 }]);
    expect(await orm.em.fork().count(OutboxMessage, { name: 'probe.late-worker' })).toBe(0);
    await producer.stop();
  });

  it('tells a job handler its try, its retry limit and a signal aborted when the process stops', async () => {
    const messaging = await start('stoppable');
    let run: JobRun | undefined;
    await messaging.defineJob<{ n: number }>(
      'probe.stoppable',
      async (_data, job) => {
        run = job;
        await new Promise<void>(resolve => job.signal.addEventListener('abort', () => resolve()));
        throw new Error('given up');
      },
      { retryLimit: 3 },
    );
    await messaging.send('probe.stoppable', { n: 1 });
    await eventually(() => run !== undefined);
    expect(run).toMatchObject({ retryCount: 0, retryLimit: 3 });
    expect(run!.signal.aborted).toBe(false);
    await messaging.stop();
    expect(run!.signal.aborted).toBe(true);
  });
});
