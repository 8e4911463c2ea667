import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, PlanTier, unauthenticated } from '@vp/kit';
import { assertMaySubscribeTo, offeredPlan, openCheckout } from '../checkout/checkout.service';
import { grantsPlan, syncEntitlement } from '../entitlements/entitlement.service';
import { createLogger } from '@vp/kit';
import { mailCancellationConfirmed } from '../money-emails/money-emails';
import { type Plan } from '../plans/plan.entity';
import {
  type BilledSubscription,
  type ProviderChange,
  type SubscriptionBilling,
} from '../providers/provider';
import { type PaymentsContext, type PaymentsRuntime } from '../providers/runtime';
import { CURRENT_STATUSES, PlanSubscription, SubscriptionStatus } from './subscription.entity';

const log = createLogger('payments-lifecycle');

/** The provider's view of a subscription row, for its API calls. */
export const billedOf = (subscription: PlanSubscription): BilledSubscription => ({
  id: subscription.id,
  userId: subscription.userId,
  providerSubscriptionId: subscription.providerSubscriptionId!,
  providerCustomerId: subscription.providerCustomerId,
  currentPeriodEnd: subscription.currentPeriodEnd,
  plan: subscription.plan,
});

/** Who bills it; null for rows no provider knows (admin grants, fixtures): those change here only. */
export function billingOf(
  runtime: PaymentsRuntime,
  subscription: PlanSubscription,
): SubscriptionBilling | null {
  if (subscription.provider === 'NONE' || !subscription.providerSubscriptionId) {
    return null;
  }
  return runtime.providers[subscription.provider];
}

/**
 * The idempotency key of one change: the action and the state it changes from. A retry of the
 * same request (ours, the SDK's, the user's second click after a timeout) carries the same key,
 * so the provider applies it once; the next change starts from a newer state, with a new key.
 */
export const lifecycleKey = (action: string, subscription: PlanSubscription) =>
  `vp-sub-${action}-${subscription.id}-${(subscription.providerStateAt ?? subscription.createdAt).getTime()}`;

/** Provider times have whole seconds: a webhook of the same second as our call must still apply. */
const wholeSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** What the provider now holds, applied in the transaction of the call (its webhooks say it again). */
async function applyChange(
  tx: PaymentsContext,
  subscription: PlanSubscription,
  change: ProviderChange,
  plan?: Plan,
) {
  if (change.cancelAtPeriodEnd !== undefined) {
    subscription.cancelAtPeriodEnd = change.cancelAtPeriodEnd;
  }
  if (plan && change.planId === plan.id) {
    subscription.plan = plan;
    subscription.scheduledPlan = null;
  }
  subscription.providerStateAt = wholeSecond(tx.payments.now());
  await tx.em.flush();
}

/** Runs what the provider does after the call (the sandbox's webhooks), once the change committed. */
async function afterCommit(changes: (ProviderChange | null)[]) {
  for (const change of changes) {
    try {
      await change?.afterCommit?.();
    } catch (error) {
      log.error({ err: error }, 'provider follow-up after a lifecycle change failed');
    }
  }
}

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
export async function cancelSubscription(context: PaymentsContext) {
  let change: ProviderChange | null = null;
  const subscription = await inTransaction(context, async tx => {
    const subscription = await currentOf(tx);
    if (subscription.cancelAtPeriodEnd) {
      // Already told: cancelling again changes nothing and calls no one.
      return subscription;
    }
    // The row stays locked during the call: a failure rolls back and nothing changed here.
    const billing = billingOf(tx.payments, subscription);
    change = billing
      ? await billing.setCancelAtPeriodEnd(
          billedOf(subscription),
          true,
          lifecycleKey('cancel', subscription),
        )
      : { cancelAtPeriodEnd: true };
    await applyChange(tx, subscription, { ...change, cancelAtPeriodEnd: true });
    mailCancellationConfirmed(
      tx.em,
      subscription,
      subscription.plan,
      subscription.providerStateAt ?? tx.payments.now(),
    );
    await tx.em.flush();
    return subscription;
  });
  await afterCommit([change]);
  return subscription;
}

/** Undoes cancelSubscription (or a scheduled downgrade) before the period ends. */
export async function resumeSubscription(context: PaymentsContext) {
  let change: ProviderChange | null = null;
  const subscription = await inTransaction(context, async tx => {
    const subscription = await currentOf(tx);
    if (!subscription.cancelAtPeriodEnd) {
      throw badInput('Your subscription is not cancelled.');
    }
    const billing = billingOf(tx.payments, subscription);
    change = billing
      ? await billing.setCancelAtPeriodEnd(
          billedOf(subscription),
          false,
          lifecycleKey('resume', subscription),
        )
      : {};
    subscription.scheduledPlan = null;
    await applyChange(tx, subscription, { ...change, cancelAtPeriodEnd: false });
    return subscription;
  });
  await afterCommit([change]);
  return subscription;
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
  let change: ProviderChange | null = null;
  const result = await inTransaction(context, async (tx): Promise<PlanChangeResult> => {
    const subscription = await currentOf(tx);
    const now = tx.payments.now();
    if (subscription.plan.id === plan.id) {
      throw badInput(`You are already on ${plan.name}.`, [
        { field: 'planId', message: 'This is your current plan.' },
      ]);
    }
    const billing = billingOf(tx.payments, subscription);
    const upgrade = plan.priceJpy > subscription.plan.priceJpy;
    if (upgrade) {
      await assertMaySubscribeTo(tx, plan, subscription.userId);
    }
    const credit = upgrade
      ? prorationCreditJpy(subscription.plan.priceJpy, subscription.currentPeriodEnd, now)
      : 0;
    if (billing?.changePlan && (plan.provider as string) === subscription.provider) {
      // The same provider moves the subscription itself: Stripe prorates an upgrade on the
      // spot and schedules a downgrade for the period end.
      change = await billing.changePlan(
        billedOf(subscription),
        plan,
        upgrade ? 'now' : 'period_end',
        lifecycleKey(`plan-${plan.id}`, subscription),
      );
      if (!upgrade) {
        subscription.scheduledPlan = plan;
      }
      await applyChange(tx, subscription, change, plan);
      return {
        subscription,
        checkoutUrl: null,
        prorationCreditJpy: credit,
        amountDueNowJpy: upgrade ? plan.priceJpy - credit : 0,
        effectiveAt: upgrade ? now : subscription.currentPeriodEnd,
      };
    }
    if (upgrade) {
      // Another provider: the new plan is a new checkout; the old subscription is cancelled at
      // its provider when the new one is paid (webhooks, `endReplacedAtProvider`).
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
    // A downgrade to another provider's plan (or FREE): this one stops renewing at its provider.
    if (!subscription.cancelAtPeriodEnd) {
      change = billing
        ? await billing.setCancelAtPeriodEnd(
            billedOf(subscription),
            true,
            lifecycleKey('cancel', subscription),
          )
        : {};
    }
    subscription.scheduledPlan = plan.tier === PlanTier.FREE ? null : plan;
    await applyChange(tx, subscription, { ...(change ?? {}), cancelAtPeriodEnd: true });
    return {
      subscription,
      checkoutUrl: null,
      prorationCreditJpy: 0,
      amountDueNowJpy: 0,
      effectiveAt: subscription.currentPeriodEnd,
    };
  });
  await afterCommit([change]);
  return result;
}

/**
 * An upgrade to another provider's plan was paid: the subscription it replaced (ended here in
 * the same transaction) must stop billing at its own provider at once. Called by the webhook
 * handlers; a failure fails the webhook, which the provider then delivers again (same key).
 */
export async function endReplacedAtProvider(
  em: EntityManager,
  runtime: Pick<PaymentsRuntime, 'providers'>,
  replacedId: string,
) {
  const replaced = await em.findOneOrFail(
    PlanSubscription,
    { id: replacedId },
    { populate: ['plan'] },
  );
  if (replaced.provider === 'NONE' || !replaced.providerSubscriptionId) {
    return;
  }
  // The sandbox's follow-up webhook is not sent: the row is already ended (it would change nothing).
  await runtime.providers[replaced.provider].cancelNow(
    billedOf(replaced),
    `vp-sub-replaced-${replaced.id}`,
  );
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
