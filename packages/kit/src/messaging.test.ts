import { type MikroORM } from '@mikro-orm/postgresql';
import { audience, defineEvent, planTier, role } from '@vp/contracts';
import { z } from 'zod';
import { Role } from './auth';
import { Audience, PlanTier } from './domain';
import {
  emitEvent,
  enqueueJob,
  type EventOf,
  InboxEntry,
  type JobRun,
  OutboxMessage,
} from './messaging';
import { messagingTestBed } from './messaging-test-bed';
import { eventually } from './testing';

/** The pg-boss states of the jobs of one queue. */
const jobStates = async (orm: MikroORM, queue: string) =>
  (
    (await orm.em
      .getConnection()
      .execute(`select state from pgboss.job where name = ?`, [queue])) as { state: string }[]
  ).map(row => row.state);
const allDone = (states: string[]) => states.every(state => state === 'completed');

// Events of this test only; the platform's own are in @vp/contracts.
const probeEvent = <S extends z.ZodTypeAny>(name: string, schema: S, example: z.input<S>) =>
  defineEvent({
    name,
    version: 1,
    summary: 'test',
    producer: 'users',
    consumers: ['search'],
    schema,
    example,
  });
const NumberChosen = probeEvent('NumberChosen', z.object({ n: z.number().int() }), { n: 1 });
const Duplicated = probeEvent('Duplicated', z.object({}), {});
const Survived = probeEvent('Survived', z.object({ ok: z.boolean() }), { ok: true });
const Scored = probeEvent(
  'Scored',
  z.object({ playerId: z.string().uuid(), points: z.number().int() }),
  { playerId: '4b0a0f4e-3b61-4a7e-9a57-5b8e3a1f0c11', points: 3 },
);

describe('messaging (outbox, inbox, jobs on pg-boss)', () => {
  const bed = messagingTestBed('kit_messaging');
  const log = bed.log;
  let orm: MikroORM;
  const start = (consumer: string, relayIntervalMs = 50, onCommitted?: (type: string) => void) =>
    bed.start(consumer, { relayIntervalMs, onCommitted });

  beforeAll(async () => {
    await bed.open();
    orm = bed.orm;
  });
  afterAll(() => bed.close());

  it('delivers an event written in a transaction, only if that transaction commits', async () => {
    const messaging = await start('listener');
    const seen: EventOf<typeof NumberChosen>[] = [];
    await messaging.onEvent(NumberChosen, async event => {
      seen.push(event);
    });
    await orm.em.fork().transactional(async em => emitEvent(em, NumberChosen, { n: 1 }));
    await expect(
      orm.em.fork().transactional(async em => {
        emitEvent(em, NumberChosen, { n: 2 });
        await em.flush();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await orm.em.fork().transactional(async em => emitEvent(em, NumberChosen, { n: 3 }));
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

  it('tells onCommitted of an event once it is relayed, then once a consumer has committed it', async () => {
    // every running Messaging relays the one outbox: only this test's may take the row
    await bed.stopStarted();
    const committed: string[] = [];
    let handled = 0;
    let consumerReady = false;
    await start('committer', 50, type => type === 'Survived' && committed.push('relayed'));
    // the consumer relays too (a commit on this ORM wakes every relay on it): what it announces
    // before its handler has run is a relay, after it the commit of what it consumed
    const consumer = await start(
      'committed-listener',
      60_000,
      type =>
        type === 'Survived' && committed.push(consumerReady && handled ? 'consumed' : 'relayed'),
    );
    await consumer.onEvent(Survived, async () => {
      handled += 1;
    });
    consumerReady = true;
    await expect(
      orm.em.fork().transactional(async em => {
        emitEvent(em, Survived, { ok: false });
        await em.flush();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(committed).toEqual([]);
    await orm.em.fork().transactional(async em => emitEvent(em, Survived, { ok: true }));
    await eventually(() => committed.includes('consumed'), { what: 'the consumer commit' });
    expect(committed).toEqual(['relayed', 'consumed']);
    expect(handled).toBe(1);
  });

  it('delivers at once what this process commits, without waiting for a poll', async () => {
    // nothing polls within the test: a commit wakes the relay, the relay wakes the workers, and a
    // worker that found a job fetches again at once
    const quiet = { relayIntervalMs: 60_000, pollingIntervalSeconds: 60 };
    const producer = await bed.start('prompt-producer', quiet);
    const consumer = await bed.start('prompt-listener', quiet);
    const seen: number[] = [];
    await consumer.onEvent(NumberChosen, async event => {
      seen.push(event.payload.n);
    });
    const ran: number[] = [];
    await producer.defineJob<{ n: number }>('prompt.job', async data => {
      ran.push(data.n);
    });
    // the workers' first fetches (at start, finding nothing) are behind them
    await new Promise(resolve => setTimeout(resolve, 500));
    await orm.em.fork().transactional(async em => {
      emitEvent(em, NumberChosen, { n: 7 });
      for (const n of [1, 2, 3, 4, 5]) {
        enqueueJob(em, 'prompt.job', { n });
      }
    });
    await eventually(() => seen.includes(7) && ran.length === 5, {
      what: 'the event and the five jobs, long before a poll',
      timeoutMs: 10_000,
    });
  });

  it("wakes its workers on another process's delivery (NOTIFY), without waiting for a poll", async () => {
    const worker = await bed.start('woken', {
      relayIntervalMs: 60_000,
      pollingIntervalSeconds: 60,
    });
    const ran: number[] = [];
    await worker.defineJob<{ n: number }>('woken.job', async data => {
      ran.push(data.n);
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    // queued as another process would, and that process's relay notifying at its commit
    await worker.queue.send('woken.job', { n: 1 });
    await orm.em
      .getConnection()
      .execute(`select pg_notify('vp_messaging_wake', ?)`, ['another-process\njob woken.job']);
    await eventually(() => ran.length === 1, {
      what: 'the job, long before a poll',
      timeoutMs: 10_000,
    });
  });

  it('handles a redelivered event once (the inbox)', async () => {
    const messaging = await start('deduper');
    let handled = 0;
    await messaging.onEvent(Duplicated, async () => {
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

  it('takes frequent events in batches, each in its own transaction; a failing one is retried without re-applying the others', async () => {
    const messaging = await start('batcher');
    const applied: number[] = [];
    let failOnce = true;
    await messaging.onEvent(
      NumberChosen,
      async event => {
        if (event.payload.n === 7 && failOnce) {
          failOnce = false;
          throw new Error('flaky');
        }
        applied.push(event.payload.n);
      },
      { retryDelay: 1, retryBackoff: false },
      { batchSize: 50 },
    );
    // pg-boss fetches once per half second: with batches of one, 40 events would take 20 s.
    for (let n = 0; n < 40; n += 1) {
      await messaging.publish(NumberChosen, { n });
    }
    await eventually(() => applied.length, { until: count => count === 40, timeoutMs: 15_000 });
    // Each applied once: those handled before the failure were skipped by the inbox on the retry.
    expect([...applied].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it('hands frequent events to one handler per batch, each event once, in one transaction', async () => {
    const messaging = await start('summer');
    let total = 0;
    const batches: number[] = [];
    let failOnce = true;
    await messaging.onEventBatch(
      NumberChosen,
      async events => {
        if (failOnce && events.some(event => event.payload.n === 13)) {
          failOnce = false;
          throw new Error('flaky');
        }
        batches.push(events.length);
        total += events.reduce((sum, event) => sum + event.payload.n, 0);
      },
      { retryDelay: 1, retryBackoff: false },
      { batchSize: 100 },
    );
    const ids: string[] = [];
    for (let n = 1; n <= 30; n += 1) {
      ids.push((await messaging.publish(NumberChosen, { n })).id);
    }
    // The same event delivered again: skipped by the inbox.
    await messaging.publish(NumberChosen, { n: 1 }, { id: ids[0] });
    await eventually(() => total, { until: sum => sum === (30 * 31) / 2, timeoutMs: 20_000 });
    await eventually(() => jobStates(orm, 'summer.NumberChosen'), {
      until: states => states.length === 31 && allDone(states),
    });
    expect(total).toBe((30 * 31) / 2);
    expect(batches.length).toBeLessThan(30);
  });

  it('refuses to emit a payload that does not match its contract, and writes nothing', async () => {
    const before = await orm.em.fork().count(OutboxMessage);
    await expect(
      orm.em.fork().transactional(async em => {
        // Past the type checker (data from elsewhere), the contract still holds at emit time.
        emitEvent(em, Scored, { playerId: 'nobody', points: 1.5 } as never);
      }),
    ).rejects.toThrow(
      'Scored v1 not emitted: its payload does not match the contract (playerId: Invalid uuid; points: Expected integer, received float).',
    );
    expect(await orm.em.fork().count(OutboxMessage)).toBe(before);
  });

  it('dead-letters a malformed event at once, says why, and applies none of it', async () => {
    const errorLog = jest.spyOn(log, 'error');
    const messaging = await start('strict');
    const applied: unknown[] = [];
    await messaging.onEvent(Scored, async event => {
      applied.push(event.payload);
    });
    const malformed = {
      id: '7d1c9a53-2f4e-4b8a-9c6d-0e1f2a3b4c5d',
      type: 'Scored',
      occurredAt: new Date().toISOString(),
      payload: { playerId: 'not-a-uuid', points: '3' },
    };
    await messaging.queue.publish('Scored', malformed);
    await eventually(async () => (await messaging.queue.getQueueSize('strict.Scored.dead')) === 1);

    const [dead] = await messaging.queue.fetch<typeof malformed>('strict.Scored.dead');
    expect(dead.data).toEqual(malformed);
    expect(applied).toEqual([]);
    expect(await orm.em.fork().count(InboxEntry, { consumer: { $like: 'strict.%' } })).toBe(0);
    expect(errorLog).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'Scored', version: 1, eventId: malformed.id }),
      'Malformed Scored v1 event 7d1c9a53-2f4e-4b8a-9c6d-0e1f2a3b4c5d dead-lettered to strict.Scored.dead, not applied: playerId: Invalid uuid; points: Expected number, received string',
    );

    // A well-formed event on the same queue, with a field added by a newer producer, is applied.
    await messaging.queue.publish('Scored', {
      ...malformed,
      id: '8e2d0b64-3a5f-4c9b-8d7e-1f2a3b4c5d6e',
      payload: { ...Scored.example, addedLater: true },
    });
    await eventually(() => applied.length === 1);
    expect(applied).toEqual([Scored.example]);
    errorLog.mockRestore();
  });

  it("uses the same vocabulary in events as in the kit's enums", () => {
    expect(planTier.options).toEqual(Object.values(PlanTier));
    expect(audience.options).toEqual(Object.values(Audience));
    expect(role.options).toEqual(Object.values(Role));
  });

  it('keeps an undelivered row when its process dies, and a later relay delivers it', async () => {
    await bed.stopStarted(); // only the processes of this test relay from here on
    const consumer = await start('survivor', 60_000);
    const seen: unknown[] = [];
    await consumer.onEvent(Survived, async event => {
      seen.push(event.payload);
    });
    // The writer committed the row and died before any relay ran: here, no relay runs at all.
    await orm.em.fork().transactional(async em => emitEvent(em, Survived, { ok: true }));
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
    await eventually(async () => (attempts.recovers ?? 0) >= 3 && (attempts.hopeless ?? 0) >= 3, {
      timeoutMs: 30_000,
    });
    await eventually(async () => (await messaging.queue.getQueueSize('probe.flaky.dead')) === 1, {
      timeoutMs: 15_000,
    });
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
