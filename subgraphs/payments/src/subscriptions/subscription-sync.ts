import { addRevenue } from '../analytics/revenue';
import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type PaymentProviderName } from '../contracts';
import { Plan } from '../plans/plan.entity';
import { DAY_MS } from '../ledger/ledger.service';
import { mailCancellationConfirmed } from '../money-emails/money-emails';
import { CURRENT_STATUSES, PlanSubscription, SubscriptionStatus } from './subscription.entity';

/**
 * What one provider event says about one provider subscription, in provider-neutral terms. The
 * webhook handlers translate Stripe and CCBill payloads into this; `applySubscriptionFacts` turns
 * it into state so that any order and any number of deliveries converge:
 * - ended (deleted, expired, refunded, charged back) is final: nothing reopens it;
 * - paidThrough / failedThrough / the period end only grow; PAST_DUE = a failure newer than the
 *   last payment;
 * - cancelAtPeriodEnd and the plan take the value of the newest event (`at`), never an older one.
 */
export interface SubscriptionFacts {
  provider: PaymentProviderName;
  providerSubscriptionId: string;
  providerCustomerId?: string | null;
  /** Who and what: needed only to create the row (Stripe metadata, CCBill's checkout id). */
  userId?: string | null;
  planId?: string | null;
  /** The provider's time of this state. */
  at: Date;
  paidThrough?: Date;
  failedThrough?: Date;
  /** The provider's own current period end. */
  periodEnd?: Date;
  /** Our guess before the provider has said (checkout completed): replaced by the first real one. */
  estimatedPeriodEnd?: Date;
  cancelAtPeriodEnd?: boolean;
  ended?: { status: SubscriptionStatus.CANCELED | SubscriptionStatus.EXPIRED; reason: string };
}

export type FactsOutcome =
  | {
      outcome: 'APPLIED';
      subscription: PlanSubscription;
      created: boolean;
      replaced: string | null;
    }
  | { outcome: 'ENDED' | 'DEFERRED' | 'UNKNOWN_PLAN'; subscription: PlanSubscription | null };

const later = (a: Date | null | undefined, b: Date | null | undefined) =>
  !a ? (b ?? null) : !b ? a : a.getTime() >= b.getTime() ? a : b;

const isEnded = (status: SubscriptionStatus) => !CURRENT_STATUSES.includes(status);

export async function applySubscriptionFacts(
  em: EntityManager,
  facts: SubscriptionFacts,
): Promise<FactsOutcome> {
  // Events for one provider subscription apply one after another, even the first two at once
  // (both would otherwise create it).
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [
    `${facts.provider}:${facts.providerSubscriptionId}`,
  ]);
  let subscription = await em.findOne(
    PlanSubscription,
    { providerSubscriptionId: facts.providerSubscriptionId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  let created = false;
  let replaced: string | null = null;
  if (!subscription) {
    if (!facts.userId || !facts.planId) {
      // CCBill renewals and cancellations name only the subscription: keep the event until the
      // sale that creates it arrives, then replay it.
      return { outcome: 'DEFERRED', subscription: null };
    }
    const plan = await em.findOne(Plan, { id: facts.planId });
    if (!plan) {
      return { outcome: 'UNKNOWN_PLAN', subscription: null };
    }
    const current = await em.findOne(
      PlanSubscription,
      { userId: facts.userId, status: { $in: CURRENT_STATUSES } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    // A late event of an older subscription must not displace the newer current one.
    // Compared to the second: provider timestamps (Stripe, CCBill) have no milliseconds.
    const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
    const stale =
      !!current && seconds(facts.at) < seconds(current.providerStateAt ?? current.createdAt);
    if (current && !stale) {
      // An upgrade: the new subscription is paid, so the one it replaces ends now.
      current.status = SubscriptionStatus.CANCELED;
      current.endReason = 'REPLACED';
      replaced = current.id;
      await em.flush();
    }
    const periodEnd = facts.periodEnd ?? facts.paidThrough ?? facts.estimatedPeriodEnd ?? facts.at;
    subscription = em.create(PlanSubscription, {
      userId: facts.userId,
      plan,
      provider: facts.provider,
      providerSubscriptionId: facts.providerSubscriptionId,
      providerCustomerId: facts.providerCustomerId ?? null,
      status: stale ? SubscriptionStatus.EXPIRED : SubscriptionStatus.ACTIVE,
      endReason: stale ? 'SUPERSEDED' : null,
      currentPeriodEnd: periodEnd,
      periodEndConfirmed: !!(facts.periodEnd ?? facts.paidThrough),
      createdAt: facts.at,
    });
    created = true;
  } else if (isEnded(subscription.status)) {
    return { outcome: 'ENDED', subscription };
  }

  if (facts.ended) {
    subscription.status = facts.ended.status;
    subscription.endReason = facts.ended.reason;
    await em.flush();
    return { outcome: 'APPLIED', subscription, created, replaced };
  }

  subscription.providerCustomerId ??= facts.providerCustomerId ?? null;
  if (
    facts.paidThrough &&
    (!subscription.paidThrough ||
      facts.paidThrough.getTime() - subscription.paidThrough.getTime() > DAY_MS)
  ) {
    // a payment that carries the subscription a period further (not the same payment told again
    // with a time a little off): one period of its plan, for analysts' revenue
    const plan = await em.findOneOrFail(Plan, { id: subscription.plan.id });
    await addRevenue(em, facts.at, { subscriptionJpy: plan.priceJpy });
  }
  subscription.paidThrough = later(subscription.paidThrough, facts.paidThrough);
  subscription.failedThrough = later(subscription.failedThrough, facts.failedThrough);
  const confirmedEnd = later(facts.periodEnd, facts.paidThrough);
  if (confirmedEnd) {
    subscription.currentPeriodEnd = subscription.periodEndConfirmed
      ? later(subscription.currentPeriodEnd, confirmedEnd)!
      : confirmedEnd;
    subscription.periodEndConfirmed = true;
  } else if (facts.estimatedPeriodEnd && !subscription.periodEndConfirmed) {
    subscription.currentPeriodEnd = later(subscription.currentPeriodEnd, facts.estimatedPeriodEnd)!;
  }

  const newest =
    !subscription.providerStateAt || facts.at.getTime() >= subscription.providerStateAt.getTime();
  // cancelled at the provider (not by our cancelSubscription, which set the flag already)
  let cancelled = false;
  if (newest) {
    if (facts.cancelAtPeriodEnd !== undefined) {
      cancelled = facts.cancelAtPeriodEnd && !subscription.cancelAtPeriodEnd && !created;
      subscription.cancelAtPeriodEnd = facts.cancelAtPeriodEnd;
    }
    if (facts.planId && facts.planId !== subscription.plan.id && !created) {
      const plan = await em.findOne(Plan, { id: facts.planId });
      if (plan) {
        subscription.plan = plan;
        subscription.scheduledPlan = null;
      }
    }
    subscription.providerStateAt = facts.at;
  }

  const failing =
    !!subscription.failedThrough &&
    subscription.failedThrough.getTime() > (subscription.paidThrough?.getTime() ?? 0);
  if (!isEnded(subscription.status)) {
    if (failing) {
      if (subscription.status !== SubscriptionStatus.PAST_DUE) {
        subscription.status = SubscriptionStatus.PAST_DUE;
        subscription.pastDueSince = facts.at;
      }
    } else if (subscription.status === SubscriptionStatus.PAST_DUE) {
      subscription.status = SubscriptionStatus.ACTIVE;
      subscription.pastDueSince = null;
    }
  }
  if (cancelled && !isEnded(subscription.status)) {
    const plan = await em.findOneOrFail(Plan, { id: subscription.plan.id });
    mailCancellationConfirmed(em, subscription, plan, facts.at);
  }
  await em.flush();
  return { outcome: 'APPLIED', subscription, created, replaced };
}
