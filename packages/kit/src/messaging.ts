import { randomUUID } from 'node:crypto';
import { Entity, Index, LockMode, PrimaryKey, Property } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  describeProblems,
  type EventContract,
  type EventInput,
  type EventPayload,
  eventTopic,
} from '@vp/contracts';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { type MikroORM } from './db';
import { type Logger } from './logger';
import { listenForWakes, WAKE_CHANNEL, wakePayload } from './messaging-wake';
import { STOP_TIMEOUT_MS } from './stopping';

/**
 * The transactional outbox: an event or a job is a row written by the same flush (so the same
 * transaction) as the change it describes. A relay moves rows to pg-boss and deletes them; a
 * process that dies in between leaves the row, and the next relay delivers it again. Consumers
 * therefore see each message at least once and dedupe through the inbox.
 */
@Entity({ tableName: 'outbox' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 10 })
  kind!: 'event' | 'job';

  /** The event type (VideoPublished) or the job queue (videos.transcode). */
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'json' })
  payload!: object;

  @Index()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** One row per event a consumer has handled, written in the handler's transaction. */
@Entity({ tableName: 'inbox' })
export class InboxEntry {
  @PrimaryKey({ type: 'string', length: 150 })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'datetime' })
  processedAt: Date = new Date();
}

/** Add these to a subgraph's entities when it emits events, queues jobs or consumes events. */
export const MESSAGING_ENTITIES = [OutboxMessage, InboxEntry];

export interface EventEnvelope<T = unknown> {
  id: string;
  /** The event's topic: its name, with `.v<N>` from version 2 on. */
  type: string;
  occurredAt: string;
  payload: T;
}

/** What a consumer of `contract` receives: the envelope with its payload validated. */
export type EventOf<C extends EventContract> = EventEnvelope<EventPayload<C>>;

/** Outbox rows one relay pass moves. */
const RELAY_BATCH = 100;

/** Tries of a job's complete() or fail() (see retryUnawaitedSettles). */
const SETTLE_TRIES = 5;

/**
 * pg-boss 10 settles a fetched job with complete() or fail() without awaiting it (manager.js,
 * onFetch): a connection PostgreSQL ended at that moment was an unhandled rejection, which ended
 * the process, and a settle simply lost would leave the job active until its expiry (15 minutes
 * for events). So a settle that fails is tried again on a fresh connection, 5 tries over about
 * 3 s (a second complete() of a completed job changes nothing); only then is it reported as a
 * pg-boss error, and the job is handed out again after its expiry or lease, as when a worker dies.
 * pg-boss 11+ awaits its settles but needs Node 22.
 */
function retryUnawaitedSettles() {
  type Settle = (...args: unknown[]) => Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prototype } = require('pg-boss/src/manager') as {
    prototype: Record<'complete' | 'fail', Settle> & { retried?: true };
  };
  if (prototype.retried) {
    return;
  }
  prototype.retried = true;
  for (const method of ['complete', 'fail'] as const) {
    const settle = prototype[method];
    prototype[method] = async function (
      this: { emit(event: string, error: unknown): boolean },
      ...args
    ) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await settle.apply(this, args);
        } catch (error) {
          if (attempt >= SETTLE_TRIES) {
            this.emit('error', error);
            return undefined;
          }
          await new Promise(resolve => setTimeout(resolve, 100 * 2 ** attempt).unref());
        }
      }
    };
  }
}
retryUnawaitedSettles();

const envelopeSchema = z.object({
  id: z.string().uuid(),
  occurredAt: z.string().datetime({ offset: true }),
});

/**
 * Records an event (defined in @vp/contracts) to publish once the caller's flush commits. The
 * payload is checked against the contract here too, so a producer cannot write a malformed
 * event even past the type checker: it throws, and the caller's transaction writes nothing.
 */
export function emitEvent<C extends EventContract>(
  em: EntityManager,
  contract: C,
  payload: EventInput<C>,
) {
  em.persist(
    Object.assign(new OutboxMessage(), {
      kind: 'event',
      name: eventTopic(contract),
      payload: checkedPayload(contract, payload),
    }),
  );
}

function checkedPayload<C extends EventContract>(contract: C, payload: EventInput<C>) {
  const parsed = contract.schema.safeParse(payload);
  if (!parsed.success) {
    throw new Error(
      `${contract.name} v${contract.version} not emitted: its payload does not match the contract (${describeProblems(parsed.error)}).`,
    );
  }
  return parsed.data as EventPayload<C>;
}

/** The envelope with its payload parsed by the contract, or what is wrong with it. */
function validated<C extends EventContract>(
  contract: C,
  data: EventEnvelope | undefined,
): { event: EventOf<C>; problems?: never } | { event?: never; problems: string } {
  const envelope = envelopeSchema.safeParse(data);
  const payload = contract.schema.safeParse(data?.payload);
  if (envelope.success && payload.success) {
    return { event: { ...data!, payload: payload.data } };
  }
  const problems = [
    ...(envelope.success ? [] : [`envelope ${describeProblems(envelope.error)}`]),
    ...(payload.success ? [] : [describeProblems(payload.error)]),
  ];
  return { problems: problems.join('; ') };
}

/** Records a job to queue once the caller's flush commits. */
/** The outbox payload's key that carries a job's `startAfter` (removed before the job is sent). */
const START_AFTER = '__startAfter';

/**
 * Queues a job in the caller's transaction (through the outbox). `startAfter`: pg-boss holds it
 * until then (a scheduled job, durable across restarts).
 */
export function enqueueJob<T extends object>(
  em: EntityManager,
  queue: string,
  data: T,
  options: { startAfter?: Date } = {},
) {
  const payload = options.startAfter
    ? { ...data, [START_AFTER]: options.startAfter.toISOString() }
    : data;
  em.persist(Object.assign(new OutboxMessage(), { kind: 'job', name: queue, payload }));
}

export interface JobPolicy {
  /** Tries after the first; then the job goes to `<queue>.dead`. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time (with jitter) when backoff is on. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A job whose worker died is handed out again after this long. */
  expireInSeconds?: number;
  /**
   * A lease shorter than `expireInSeconds`, for long jobs: the worker renews it every third of it
   * while the job runs, so a job whose worker died (SIGKILL, OOM, a lost node) is handed out again
   * once the lease lapses (at pg-boss's next maintenance) rather than after the whole expiry,
   * which stays the longest one live try may run. Off when unset.
   */
  leaseSeconds?: number;
}

const DEFAULT_POLICY: Required<Omit<JobPolicy, 'leaseSeconds'>> = {
  retryLimit: 4,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

/** What a job handler learns about the try it runs. */
export interface JobRun {
  id: string;
  /** Tries already made before this one (0 on the first). */
  retryCount: number;
  /** Retries allowed after the first try: this is the last try when retryCount >= retryLimit. */
  retryLimit: number;
  /** Aborted when this process stops: a long job gives up so it can be retried from scratch. */
  signal: AbortSignal;
}

export interface MessagingOptions {
  /** Names this process's consumers (`<consumer>.<EventType>` queues). */
  consumer: string;
  databaseUrl: string;
  orm: MikroORM;
  log: Logger;
  /**
   * How often the outbox relay looks for rows when nothing woke it: a commit in this process that
   * wrote outbox rows wakes it at once, so this only bounds rows left by a process that died
   * before relaying them (or written past the ORM).
   */
  relayIntervalMs?: number;
  /**
   * How often each worker asks pg-boss for jobs when nothing woke it. A relay wakes the workers
   * its events and jobs are for (in this process directly, in others through NOTIFY: see
   * messaging-wake.ts), and a worker that found jobs asks again at once; polling is what finds
   * the rest: retries and `startAfter` jobs coming due, wake-ups lost with a connection.
   */
  pollingIntervalSeconds?: number;
  /**
   * How often pg-boss's maintenance runs (once across all processes): it is what hands out again
   * a job whose worker died (SIGKILL, OOM) once the job's expiry has passed, so it bounds how
   * late that happens. pg-boss's own default is 120 s; the queries are cheap.
   */
  maintenanceIntervalSeconds?: number;
  /**
   * Told the type of each event once it is committed for others to see: relayed from this
   * process's outbox (the producer's change is committed), and handled by one of its consumers
   * (the consumer's change is committed). The subgraphs invalidate the gateway's response cache
   * with it (subgraph.ts).
   */
  onCommitted?: (eventType: string) => void;
}

/** Relayed outbox rows and jobs sent wake a worker at once rather than at its next poll. */
const DEFAULT_POLLING_INTERVAL_SECONDS = 2;
const DEFAULT_RELAY_INTERVAL_MS = 2_000;

/**
 * The workers of every Messaging in this process (every subgraph, when one process runs them
 * all), by what they take: `event <topic>` or `job <queue>`. Waking one makes it fetch now.
 */
const localWorkers = new Map<string, Set<() => void>>();

function wakeWorkers(key: string) {
  for (const wake of localWorkers.get(key) ?? []) {
    wake();
  }
}

/** The relays' own transactions (their EntityManagers), which must not wake a relay. */
const relayTransactions = new WeakSet<object>();

/** Every running Messaging in this process: a queue created wakes their relays (rows waiting). */
const localMessagings = new Set<Messaging>();

/**
 * Events between domains and durable jobs, on pg-boss (PostgreSQL). Each subgraph process has one:
 * it relays its own outbox, runs its consumers and its job workers.
 */
export class Messaging {
  private relayTimer?: NodeJS.Timeout;
  private relaying?: Promise<number>;
  /** Set while the relay runs when a commit asks for another pass right after it. */
  private relayAgain = false;
  private relayIntervalMs = 0;
  private readonly wakers: [key: string, wake: () => void][] = [];
  private stopListening?: () => Promise<void>;
  private stopped = false;
  private readonly stopping = new AbortController();
  /** Handler runs not yet settled: stop() waits for them. */
  private readonly running = new Set<Promise<unknown>>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: MessagingOptions,
  ) {}

  static async start(options: MessagingOptions): Promise<Messaging> {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: `${options.consumer}-messaging`,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    });
    boss.on('error', err => options.log.error({ err }, 'pg-boss error'));
    await boss.start();
    const messaging = new Messaging(boss, options);
    messaging.stopListening = await listenForWakes(options.databaseUrl, options.log, wakeWorkers);
    localMessagings.add(messaging);
    if (options.orm.getMetadata().find(OutboxMessage.name)) {
      messaging.relayIntervalMs = options.relayIntervalMs ?? DEFAULT_RELAY_INTERVAL_MS;
      messaging.relayOnCommit();
      messaging.wakeRelay();
    }
    return messaging;
  }

  /**
   * Wakes the relay once a transaction that wrote outbox rows commits (its EntityManager holds
   * them), so an event leaves as soon as its change is visible, without polling often. The
   * relay's own transactions are left out: rows it skipped (a queue not created yet) stay in them.
   */
  private relayOnCommit() {
    this.options.orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: ({ em }) => {
        const outbox = em.getMetadata().find(OutboxMessage.name);
        if (
          outbox &&
          !relayTransactions.has(em) &&
          em.getUnitOfWork().getIdentityMap().getStore(outbox).size > 0
        ) {
          this.wakeRelay();
        }
      },
    });
  }

  /** Relays now (or right after the pass under way), then again after the interval. */
  private wakeRelay() {
    if (this.stopped || !this.relayIntervalMs) {
      return;
    }
    if (this.relaying) {
      this.relayAgain = true;
      return;
    }
    clearTimeout(this.relayTimer);
    this.relayTimer = setTimeout(() => void this.relayTick(), 0);
  }

  private async relayTick() {
    if (this.stopped || this.relaying) {
      return;
    }
    clearTimeout(this.relayTimer);
    this.relayAgain = false;
    let relayed = 0;
    try {
      this.relaying = this.relayOnce();
      relayed = await this.relaying;
    } catch (err) {
      this.options.log.warn({ err }, 'outbox relay failed; retrying');
    } finally {
      this.relaying = undefined;
    }
    if (!this.stopped) {
      // a full batch may have left more rows behind it
      const soon = this.relayAgain || relayed >= RELAY_BATCH;
      this.relayTimer = setTimeout(() => void this.relayTick(), soon ? 0 : this.relayIntervalMs);
    }
  }

  /** Moves up to RELAY_BATCH outbox rows to pg-boss; rows locked by another relay are skipped. */
  async relayOnce(): Promise<number> {
    const em = this.options.orm.em.fork() as EntityManager;
    const relayed = await em.transactional(async tx => {
      relayTransactions.add(tx);
      const messages = await tx.find(
        OutboxMessage,
        {},
        {
          orderBy: { createdAt: 'asc' },
          limit: RELAY_BATCH,
          lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        },
      );
      const relayed: OutboxMessage[] = [];
      for (const message of messages) {
        if (message.kind === 'job' && !(await this.queueExists(message.name))) {
          // pg-boss silently drops a job sent to a queue nobody has created: the row waits here
          // until a worker defines the queue (a worker started after its producer).
          continue;
        }
        relayed.push(message);
        if (message.kind === 'event') {
          const envelope: EventEnvelope = {
            id: message.id,
            type: message.name,
            occurredAt: message.createdAt.toISOString(),
            payload: message.payload,
          };
          await this.boss.publish(message.name, envelope);
        } else {
          // The outbox id is the job id: delivering the same row twice queues one job.
          const { [START_AFTER]: startAfter, ...payload } = message.payload as Record<
            string,
            unknown
          >;
          await this.boss.send(message.name, payload, {
            id: message.id,
            ...(typeof startAfter === 'string' ? { startAfter: new Date(startAfter) } : {}),
          });
        }
      }
      tx.remove(relayed);
      if (relayed.length) {
        // other processes' workers of these wake at this commit (messaging-wake.ts)
        await tx.execute('select pg_notify(?, ?)', [
          WAKE_CHANNEL,
          wakePayload(relayed.map(message => `${message.kind} ${message.name}`)),
        ]);
      }
      return relayed;
    });
    // committed: this process's workers of these events and jobs fetch them now
    for (const message of relayed) {
      wakeWorkers(`${message.kind} ${message.name}`);
    }
    // the outbox names an event by its topic (`VideoUpdated`, `VideoUpdated.v2`)
    this.announce(
      relayed.filter(message => message.kind === 'event').map(m => m.name.replace(/\.v\d+$/, '')),
    );
    return relayed.length;
  }

  private announce(types: Iterable<string>) {
    if (!this.options.onCommitted) {
      return;
    }
    for (const type of new Set(types)) {
      try {
        this.options.onCommitted(type);
      } catch (err) {
        this.options.log.error({ err, type }, 'onCommitted failed');
      }
    }
  }

  private readonly knownQueues = new Set<string>();

  private async queueExists(name: string): Promise<boolean> {
    if (!this.knownQueues.has(name) && (await this.boss.getQueue(name))) {
      this.knownQueues.add(name);
    }
    return this.knownQueues.has(name);
  }

  private async createQueue(name: string, { leaseSeconds: _lease, ...policy }: JobPolicy) {
    const settings = { ...DEFAULT_POLICY, ...policy };
    await retryOnDeadlock(() => this.boss.createQueue(`${name}.dead`));
    await retryOnDeadlock(() =>
      this.boss.createQueue(name, { name, ...settings, deadLetter: `${name}.dead` }),
    );
    // createQueue keeps an existing queue's policy; the worker's own policy is the one that holds.
    await retryOnDeadlock(() =>
      this.boss.updateQueue(name, { name, ...settings, deadLetter: `${name}.dead` }),
    );
    // outbox rows may have waited for this queue (relayOnce)
    for (const messaging of localMessagings) {
      messaging.wakeRelay();
    }
  }

  /**
   * Handles every event of a contract, at least once, in a transaction that also records it in
   * the inbox: an event already there is skipped, so redelivery changes nothing. The payload is
   * validated before anything is written: a malformed event goes straight to the queue's dead
   * letters (retrying cannot fix it) with one error line saying what is wrong, and is not applied.
   */
  async onEvent<C extends EventContract>(
    contract: C,
    handler: (event: EventOf<C>, em: EntityManager) => Promise<void>,
    policy: JobPolicy = {},
    { batchSize = 1 }: { batchSize?: number } = {},
  ) {
    const topic = eventTopic(contract);
    const queue = `${this.options.consumer}.${topic}`;
    await this.createQueue(queue, policy);
    await this.boss.subscribe(topic, queue);
    // A worker takes up to `batchSize` events per fetch: frequent events (views) need a batch.
    // Each event still gets its own transaction and inbox row; if one throws, the batch's jobs
    // are retried and those already handled are skipped by the inbox.
    await this.work<EventEnvelope>(queue, `event ${topic}`, { batchSize }, async jobs => {
      for (const job of jobs) {
        const { event, problems } = validated(contract, job.data);
        if (!event) {
          await this.deadLetter(queue, contract, job, problems);
          continue;
        }
        await (this.options.orm.em.fork() as EntityManager).transactional(async em => {
          const inserted = await em
            .createQueryBuilder(InboxEntry)
            .insert({ consumer: queue, eventId: event.id, processedAt: new Date() })
            .onConflict(['consumer', 'event_id'])
            .ignore()
            .execute('run');
          if ((inserted as { affectedRows?: number }).affectedRows === 0) {
            return; // handled before
          }
          await handler(event, em);
        });
        this.announce([contract.name]);
      }
    });
  }

  /** A malformed event goes to `<queue>.dead` at once (never retried), and the log says why. */
  private async deadLetter(
    queue: string,
    contract: EventContract,
    job: { id: string; data?: EventEnvelope },
    problems: string | undefined,
  ) {
    await this.boss.send(`${queue}.dead`, job.data ?? {}, { id: job.id });
    this.options.log.error(
      { event: contract.name, version: contract.version, eventId: job.data?.id, queue, problems },
      `Malformed ${contract.name} v${contract.version} event ${job.data?.id ?? '(no id)'} dead-lettered to ${queue}.dead, not applied: ${problems}`,
    );
  }

  /**
   * Like `onEvent`, for frequent events whose effects add up (counters, scores): up to `batchSize`
   * events at a time go to one handler call in one transaction, with one inbox row each (events
   * already in the inbox, and repeats within the batch, are left out). Malformed ones are
   * dead-lettered one by one, as by `onEvent`. If the handler throws, the transaction rolls back
   * and pg-boss retries the whole batch.
   */
  async onEventBatch<C extends EventContract>(
    contract: C,
    handler: (events: EventOf<C>[], em: EntityManager) => Promise<void>,
    policy: JobPolicy = {},
    { batchSize = 100 }: { batchSize?: number } = {},
  ) {
    const topic = eventTopic(contract);
    const queue = `${this.options.consumer}.${topic}`;
    await this.createQueue(queue, policy);
    await this.boss.subscribe(topic, queue);
    await this.work<EventEnvelope>(queue, `event ${topic}`, { batchSize }, async jobs => {
      const valid: EventOf<C>[] = [];
      for (const job of jobs) {
        const { event, problems } = validated(contract, job.data);
        if (event) {
          valid.push(event);
          continue;
        }
        await this.deadLetter(queue, contract, job, problems);
      }
      if (!valid.length) {
        return;
      }
      await (this.options.orm.em.fork() as EntityManager).transactional(async em => {
        const schema = em.config.get('schema');
        const inserted: { event_id: string }[] = await em.execute(
          `insert into "${schema}"."inbox" ("consumer", "event_id", "processed_at")
           select ?, ids.id::uuid, now() from jsonb_array_elements_text(?::jsonb) as ids(id)
           on conflict ("consumer", "event_id") do nothing
           returning "event_id"`,
          [queue, JSON.stringify(valid.map(event => event.id))],
        );
        const fresh = new Set(inserted.map(row => row.event_id.toLowerCase()));
        const events = valid.filter(event => fresh.delete(event.id.toLowerCase()));
        if (events.length) {
          await handler(events, em);
        }
      });
      this.announce([contract.name]);
    });
  }

  /**
   * Runs a durable job queue: retried with backoff, dead-lettered after its last try. With
   * `batchSize` > 1 each worker takes up to that many jobs per fetch and runs them at once; each
   * job still succeeds or fails (and is retried) on its own. pg-boss waits its polling interval
   * between fetches, so a queue of many short jobs (webhook deliveries) wants batches.
   */
  async defineJob<T extends object>(
    queue: string,
    handler: (data: T, job: JobRun) => Promise<void>,
    policy: JobPolicy = {},
    concurrency = 1,
    options: { batchSize?: number } = {},
  ) {
    await this.createQueue(queue, policy);
    const batchSize = options.batchSize ?? 1;
    for (let worker = 0; worker < concurrency; worker += 1) {
      await this.work<T>(
        queue,
        `job ${queue}`,
        { batchSize, includeMetadata: true },
        async jobs => {
          const run = (job: (typeof jobs)[number]) =>
            this.underLease(queue, job.id, policy, () =>
              handler(job.data, {
                id: job.id,
                retryCount: job.retryCount,
                retryLimit: job.retryLimit,
                signal: this.stopping.signal,
              }),
            );
          if (batchSize === 1) {
            for (const job of jobs) {
              await run(job);
            }
            return;
          }
          const results = await Promise.allSettled(jobs.map(run));
          await Promise.all(
            results.map((result, i) =>
              result.status === 'rejected'
                ? this.boss.fail(queue, jobs[i].id, {
                    message: String((result.reason as Error)?.message ?? result.reason),
                  })
                : undefined,
            ),
          );
          // the rest are completed by pg-boss when this returns (only jobs still active)
        },
      );
    }
  }

  /**
   * Runs one job under its lease (`JobPolicy.leaseSeconds`): pg-boss expires an active job at
   * `started_on + expire_in`, so the lease is that expiry brought down to now + the lease (never
   * past the policy's expiry), renewed every third of it until the job ends. A renewal that fails
   * (the database away for a moment) is logged; the next one may still land in time.
   */
  private async underLease(
    queue: string,
    jobId: string,
    policy: JobPolicy,
    run: () => Promise<void>,
  ) {
    const lease = policy.leaseSeconds;
    if (!lease) {
      return run();
    }
    const ceiling = policy.expireInSeconds ?? DEFAULT_POLICY.expireInSeconds;
    const renew = () =>
      this.boss
        .getDb()
        .executeSql(
          `update pgboss.job
              set expire_in = least(make_interval(secs => $3), now() - started_on + make_interval(secs => $4))
            where name = $1 and id = $2 and state = 'active'`,
          [queue, jobId, ceiling, lease],
        )
        .catch(err => this.options.log.warn({ err, queue, jobId }, 'job lease not renewed'));
    await renew();
    const timer = setInterval(() => void renew(), (lease * 1000) / 3);
    try {
      return await run();
    } finally {
      clearInterval(timer);
    }
  }

  /** A fresh EntityManager on this process's database, for job handlers (events get theirs). */
  em(): EntityManager {
    return this.options.orm.em.fork() as EntityManager;
  }

  /** Sends a job now, outside any transaction (tests, admin retries). */
  async send<T extends object>(queue: string, data: T) {
    const id = await this.boss.send(queue, data);
    await this.wakeEverywhere(`job ${queue}`);
    return id;
  }

  /**
   * Publishes an event now, outside any transaction and checked like `emitEvent`: for tests that
   * stand in for another subgraph's producer. Production code emits through the outbox.
   */
  async publish<C extends EventContract>(
    contract: C,
    payload: EventInput<C>,
    envelope: { id?: string; occurredAt?: Date } = {},
  ): Promise<EventOf<C>> {
    const event: EventOf<C> = {
      id: envelope.id ?? randomUUID(),
      type: eventTopic(contract),
      occurredAt: (envelope.occurredAt ?? new Date()).toISOString(),
      payload: checkedPayload(contract, payload),
    };
    await this.boss.publish(event.type, event);
    await this.wakeEverywhere(`event ${event.type}`);
    return event;
  }

  /** Wakes the workers of `key` in this process and, through NOTIFY, in the others. */
  private async wakeEverywhere(key: string) {
    wakeWorkers(key);
    await this.boss
      .getDb()
      .executeSql('select pg_notify($1, $2)', [WAKE_CHANNEL, wakePayload([key])]);
  }

  /** The pg-boss instance, for inspection in tests (dead letters, job states). */
  get queue(): PgBoss {
    return this.boss;
  }

  /**
   * pg-boss's work(), with each run of the handler tracked for stop(). Jobs a worker fetched while
   * this process was stopping are refused (thrown back) rather than run against a closing pool:
   * they stay in their queue and are retried.
   */
  private async work<T>(
    queue: string,
    wakeKey: string,
    options: PgBoss.WorkOptions & { includeMetadata?: boolean },
    handler: (jobs: PgBoss.JobWithMetadata<T>[]) => Promise<void>,
  ) {
    const worker: { id?: string } = {};
    const wake = () => worker.id && this.boss.notifyWorker(worker.id);
    worker.id = await this.boss.work<T>(
      queue,
      {
        pollingIntervalSeconds:
          this.options.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS,
        ...options,
        includeMetadata: true,
      },
      jobs => {
        if (this.stopped) {
          return Promise.reject(new Error(`${queue}: this process is stopping`));
        }
        // pg-boss 10 waits its polling interval after a fetch that found jobs too: woken now, the
        // worker fetches again as soon as these are done, until the queue is empty
        wake();
        const run = handler(jobs);
        this.running.add(run);
        void run.catch(() => undefined).finally(() => this.running.delete(run));
        return run;
      },
    );
    const wakers = localWorkers.get(wakeKey) ?? new Set();
    localWorkers.set(wakeKey, wakers.add(wake));
    this.wakers.push([wakeKey, wake]);
  }

  async stop() {
    this.stopped = true;
    this.stopping.abort();
    localMessagings.delete(this);
    for (const [key, wake] of this.wakers) {
      localWorkers.get(key)?.delete(wake);
    }
    clearTimeout(this.relayTimer);
    await this.stopListening?.();
    await this.relaying?.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS / 2 });
    // pg-boss resolves stop() before every worker loop has ended: a handler past the timeout may
    // still run, and the monitors that retire stopped workers look again once a second. Wait for
    // both, so nothing of this process runs on once stop() has returned: two of the monitors'
    // ticks, since a worker ending just after one tick is seen only at the next, and a busy event
    // loop runs that tick late (a tick after a test's end fails the test file). A handler stuck on
    // a database that is already gone is not waited for past pg-boss's own timeout.
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise(resolve => setTimeout(resolve, STOP_TIMEOUT_MS / 2).unref()),
    ]);
    await new Promise(resolve => setTimeout(resolve, 2_100));
  }
}

/**
 * pg-boss creates each queue's partition of its job table (ATTACH PARTITION locks the parent):
 * processes starting together (replicas, or every subgraph of a rollout) deadlock on it now and
 * then, and PostgreSQL aborts one of them (40P01). Its transaction rolled back, so running it
 * again is safe, which is what PostgreSQL advises; without this the process failed to start.
 */
export async function retryOnDeadlock<T>(action: () => Promise<T>, tries = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= tries) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
