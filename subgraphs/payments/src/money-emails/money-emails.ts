import { type EntityManager } from '@mikro-orm/postgresql';
import { MoneyEmailDue, type EventInput } from '@vp/contracts';
import { emitEvent } from '@vp/kit';

export type MoneyEmailKind = EventInput<typeof MoneyEmailDue>['kind'];

/** What one money email says; the key is made here from the kind and its source. */
export interface MoneyEmail {
  kind: MoneyEmailKind;
  userId: string;
  /** What caused it, unique for the kind: an invoice, tip or withdrawal id, a subscription period. */
  source: string;
  amountJpy: number;
  at: Date;
  planName?: string | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
  counterpartId?: string | null;
  referenceId?: string | null;
}

/**
 * Asks users (which keeps the addresses, the languages and the mailer) to mail a money email, in
 * the caller's transaction: the `MoneyEmailDue` event leaves through the outbox only if the money
 * movement it tells of commits. Callers emit on a state change that happens once (a provider event
 * is stored once; a tip succeeds once; a withdrawal is requested, paid or failed once), and users
 * mails each key once, so a replayed webhook or a redelivered event mails nothing twice.
 */
export function emitMoneyEmail(em: EntityManager, mail: MoneyEmail) {
  emitEvent(em, MoneyEmailDue, {
    key: `${mail.kind}:${mail.source}`,
    kind: mail.kind,
    userId: mail.userId,
    amountJpy: mail.amountJpy,
    planName: mail.planName ?? null,
    periodStart: mail.periodStart?.toISOString() ?? null,
    periodEnd: mail.periodEnd?.toISOString() ?? null,
    counterpartId: mail.counterpartId ?? null,
    referenceId: mail.referenceId ?? null,
    at: mail.at.toISOString(),
  });
}

/**
 * The cancellation confirmation, when a subscription turns to end at its period end (our
 * cancelSubscription, or a cancellation made at the provider). Keyed by the state's time, so
 * cancelling, resuming and cancelling again confirms twice, and the provider's webhook repeating
 * a cancellation we already applied confirms nothing.
 */
export function mailCancellationConfirmed(
  em: EntityManager,
  subscription: { id: string; userId: string; currentPeriodEnd: Date },
  plan: { name: string; priceJpy: number },
  at: Date,
) {
  emitMoneyEmail(em, {
    kind: 'CANCELLATION_CONFIRMED',
    userId: subscription.userId,
    source: `${subscription.id}:${at.getTime()}`,
    amountJpy: plan.priceJpy,
    planName: plan.name,
    periodEnd: subscription.currentPeriodEnd,
    referenceId: subscription.id,
    at,
  });
}
