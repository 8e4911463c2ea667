import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, PlanTier, unauthenticated } from '@vp/kit';
import { assertMaySubscribeTo, offeredPlan, openCheckout } from '../checkout/checkout.service';
import { grantsPlan, syncEntitlement } from '../entitlements/entitlement.service';
import { type PaymentsContext } from '../providers/runtime';
import { CURRENT_STATUSES, PlanSubscription, SubscriptionStatus } from './subscription.entity';

const DAY_MS = 24 * 3600 * 1000;
/** The billing month proration is measured against (CCBill bills every 30 days). */
export const PRORATION_PERIOD_DAYS = 30;

async function currentOf(context: PaymentsContext): Promise<PlanSubscription> {
  if (!context.viewer) {
    throw unauthenticated('Sign in to manage your subscription.');
  }
  const subscription = await context.em.findOne(
    PlanSubscription,
    { userId: context.viewer.id, status: { $in: CURRENT_STATUSES } },
    { populate: ['plan', 'scheduledPlan'], lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (
    !subscription ||
    !grantsPlan(subscription, context.payments.now(), context.payments.settings.graceDays)
  ) {
    throw badInput('You have no current subscription.');
  }
  return subscription;
}

const inTransaction = <T>(
  context: PaymentsContext,
  work: (context: PaymentsContext) => Promise<T>,
) => context.em.transactional(em => work({ ...context, em: em as EntityManager }));

/** Ends at the period end instead of renewing; the plan applies until then. */
export function cancelSubscription(context: PaymentsContext) {
  return inTransaction(context, async tx => {
    const subscription = await currentOf(tx);
    subscription.cancelAtPeriodEnd = true;
    // The provider's own update (older than this) must not turn it back.
    subscription.providerStateAt = tx.payments.now();
    await tx.em.flush();
    return subscription;
  });
}

/** Undoes cancelSubscription (or a scheduled downgrade) before the period ends. */
export function resumeSubscription(context: PaymentsContext) {
  return inTransaction(context, async tx => {
    const subscription = await currentOf(tx);
    if (!subscription.cancelAtPeriodEnd) {
      throw badInput('Your subscription is not cancelled.');
    }
    subscription.cancelAtPeriodEnd = false;
    subscription.scheduledPlan = null;
    subscription.providerStateAt = tx.payments.now();
    await tx.em.flush();
    return subscription;
  });
}

/**
 * The credit for the unused part of the current period, in whole yen, rounded down (the
 * platform never credits more than was paid): price × remaining time ÷ a 30-day period.
 */
export function prorationCreditJpy(priceJpy: number, periodEnd: Date, now: Date): number {
  const remaining = Math.max(
    0,
    Math.min(periodEnd.getTime() - now.getTime(), PRORATION_PERIOD_DAYS * DAY_MS),
  );
  return Math.floor((priceJpy * remaining) / (PRORATION_PERIOD_DAYS * DAY_MS));
}

export interface PlanChangeResult {
  subscription: PlanSubscription;
  checkoutUrl: string | null;
  prorationCreditJpy: number;
  amountDueNowJpy: number;
  effectiveAt: Date;
}

/**
 * Upgrade now, prorated: the new plan's first charge is its price minus the unused part of the
 * current one; the current subscription ends when the provider confirms that payment. Downgrade
 * (or FREE) at the period end: the current plan runs to its end and does not renew.
 */
export async function changePlan(
  context: PaymentsContext,
  planId: string,
): Promise<PlanChangeResult> {
  const plan = await offeredPlan(context.em, planId);
  return inTransaction(context, async tx => {
    const subscription = await currentOf(tx);
    const now = tx.payments.now();
    if (subscription.plan.id === plan.id) {
      throw badInput(`You are already on ${plan.name}.`, [
        { field: 'planId', message: 'This is your current plan.' },
      ]);
    }
    if (plan.priceJpy > subscription.plan.priceJpy) {
      await assertMaySubscribeTo(tx, plan, subscription.userId);
      const credit = prorationCreditJpy(
        subscription.plan.priceJpy,
        subscription.currentPeriodEnd,
        now,
      );
      const due = plan.priceJpy - credit;
      const { url } = await openCheckout(tx.em, tx.payments, {
        purpose: { kind: 'subscription', userId: subscription.userId, planId: plan.id },
        plan,
        initialAmountJpy: due,
      });
      return {
        subscription,
        checkoutUrl: url,
        prorationCreditJpy: credit,
        amountDueNowJpy: due,
        effectiveAt: now,
      };
    }
    subscription.cancelAtPeriodEnd = true;
    subscription.scheduledPlan = plan.tier === PlanTier.FREE ? null : plan;
    subscription.providerStateAt = now;
    await tx.em.flush();
    return {
      subscription,
      checkoutUrl: null,
      prorationCreditJpy: 0,
      amountDueNowJpy: 0,
      effectiveAt: subscription.currentPeriodEnd,
    };
  });
}

/**
 * Ends current subscriptions that no longer grant their plan (period over after a cancellation,
 * grace over after a failed or unconfirmed renewal) and publishes the entitlement change. Runs
 * every minute as a durable job; reads apply the same rule meanwhile.
 */
export async function expireLapsedSubscriptions(
  em: EntityManager,
  graceDays: number,
  now = new Date(),
) {
  const candidates = await em.find(PlanSubscription, {
    status: { $in: CURRENT_STATUSES },
    currentPeriodEnd: { $lte: now },
  });
  let expired = 0;
  for (const candidate of candidates) {
    await em.transactional(async tx => {
      const subscription = await tx.findOne(
        PlanSubscription,
        { id: candidate.id, status: { $in: CURRENT_STATUSES } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!subscription || grantsPlan(subscription, now, graceDays)) {
        return;
      }
      subscription.status = SubscriptionStatus.EXPIRED;
      subscription.endReason = subscription.cancelAtPeriodEnd ? 'PERIOD_END' : 'GRACE_ENDED';
      await tx.flush();
      await syncEntitlement(tx as EntityManager, subscription.userId, graceDays, now);
      expired += 1;
    });
  }
  return expired;
}
