import { randomUUID } from 'node:crypto';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { type Logger, type MikroORM } from '@vp/kit';
import { type PaymentProviderName, type TipSettlement } from '../contracts';
import { syncEntitlement } from '../entitlements/entitlement.service';
import { type PaymentsRuntime } from '../providers/runtime';
import { ProviderEvent } from './provider-event.entity';

/** What a handler may use besides its transaction. */
export interface HandlerDeps {
  tipSettlement: TipSettlement;
  graceDays: number;
  now: () => Date;
  /** The providers' APIs: an upgrade across providers cancels the subscription it replaced. */
  providers?: PaymentsRuntime['providers'];
  /** Payouts to creators: a failed payout takes its transfer back. */
  payouts?: PaymentsRuntime['payouts'];
}

/** What handling one event did. */
export interface HandlerResult {
  outcome: string;
  /** Users whose entitlement may have changed: recomputed (and published) in the same transaction. */
  users?: string[];
  /** With outcome DEFERRED: the provider object it waits for. */
  waitingFor?: string;
  /** Provider objects that became known: events waiting for them are replayed now. */
  known?: string[];
}

/** An authentic event, parsed, with the key that makes it unique at its provider. */
export interface ProviderEventInput {
  provider: PaymentProviderName;
  key: string;
  type: string;
  rawBody: string;
  handle(em: EntityManager, deps: HandlerDeps): Promise<HandlerResult>;
}

/** Turns a stored event back into a handler (for replaying deferred ones). */
export type StoredEventParser = (stored: ProviderEvent) => ProviderEventInput;

/**
 * Stores the event and applies its effect in one transaction, exactly once: the insert of its
 * unique key is the first statement, so a duplicate (even a concurrent one, which waits on the
 * index) does nothing. Any failure rolls both back and the provider retries.
 */
export async function intakeProviderEvent(
  orm: MikroORM,
  deps: HandlerDeps,
  event: ProviderEventInput,
  parseStored: StoredEventParser,
  log: Logger,
): Promise<'processed' | 'duplicate'> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await intakeOnce(orm, deps, event, parseStored, log);
    } catch (error) {
      // Two different events creating the same thing at once: the loser retries and finds it.
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) {
        throw error;
      }
    }
  }
}

async function intakeOnce(
  orm: MikroORM,
  deps: HandlerDeps,
  event: ProviderEventInput,
  parseStored: StoredEventParser,
  log: Logger,
): Promise<'processed' | 'duplicate'> {
  const em = orm.em.fork() as EntityManager;
  return em.transactional(async tx => {
    const inserted = (await tx
      .createQueryBuilder(ProviderEvent)
      .insert({
        id: randomUUID(),
        provider: event.provider,
        eventKey: event.key,
        eventType: event.type,
        rawBody: event.rawBody,
        outcome: 'RECEIVED',
        receivedAt: deps.now(),
      })
      .onConflict(['provider', 'event_key'])
      .ignore()
      .execute('run')) as { affectedRows?: number };
    if (inserted.affectedRows === 0) {
      return 'duplicate';
    }
    await runHandler(tx, deps, event, parseStored, log, 0);
    return 'processed';
  });
}

async function runHandler(
  tx: EntityManager,
  deps: HandlerDeps,
  event: ProviderEventInput,
  parseStored: StoredEventParser,
  log: Logger,
  depth: number,
) {
  const result = await event.handle(tx, deps);
  await tx.nativeUpdate(
    ProviderEvent,
    { provider: event.provider, eventKey: event.key },
    {
      outcome: result.outcome.slice(0, 100),
      waitingFor: result.outcome === 'DEFERRED' ? (result.waitingFor ?? null) : null,
    },
  );
  log.info(
    { provider: event.provider, type: event.type, key: event.key, outcome: result.outcome },
    'provider event',
  );
  for (const userId of new Set(result.users ?? [])) {
    await syncEntitlement(tx, userId, deps.graceDays, deps.now());
  }
  if (result.known?.length && depth < 3) {
    const waiting = await tx.find(
      ProviderEvent,
      { provider: event.provider, outcome: 'DEFERRED', waitingFor: { $in: result.known } },
      { orderBy: { receivedAt: 'asc', id: 'asc' } },
    );
    for (const stored of waiting) {
      await runHandler(tx, deps, parseStored(stored), parseStored, log, depth + 1);
    }
  }
}
