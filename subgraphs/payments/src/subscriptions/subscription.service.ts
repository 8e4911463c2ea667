import {
  type BaseContext,
  byIds,
  forbidden,
  hasRole,
  isUuid,
  loaderFor,
  PlanTier,
  Role,
  unauthenticated,
} from '@vp/kit';
import { grantsPlan } from '../entitlements/entitlement.service';
import { planLoader } from '../plans/plan.service';
import { type PaymentsContext } from '../providers/runtime';
import { CURRENT_STATUSES, PlanSubscription } from './subscription.entity';

const DEFAULT_GRACE_DAYS = 3;

/**
 * Billing is private: only the user themselves and admins may see a user's subscription or tier,
 * on every path (User fields, PlanSubscription references through `_entities`).
 */
export function assertMayReadBillingOf({ viewer }: BaseContext, userId: string): void {
  if (!viewer) {
    throw unauthenticated('Sign in to see billing details.');
  }
  if (viewer.id !== userId && !hasRole(viewer, Role.ADMIN)) {
    throw forbidden("You may not see another user's billing details.");
  }
}

/** Each user's current (ACTIVE or PAST_DUE) subscription, batched per request. */
export function currentSubscriptionLoader(context: BaseContext) {
  return loaderFor<string, PlanSubscription>(context, 'PlanSubscription.current', async userIds => {
    const valid = userIds.filter(isUuid);
    const rows = valid.length
      ? await context.em.find(PlanSubscription, {
          userId: { $in: valid },
          status: { $in: CURRENT_STATUSES },
        })
      : [];
    // A subscription whose period (and grace) is over counts as ended even before the expiry job
    // has marked it so.
    const runtime = (context as Partial<PaymentsContext>).payments;
    const now = runtime?.now() ?? new Date();
    const graceDays = runtime?.settings.graceDays ?? DEFAULT_GRACE_DAYS;
    const byUser = new Map(
      rows.filter(row => grantsPlan(row, now, graceDays)).map(row => [row.userId, row]),
    );
    return userIds.map(id => byUser.get(id) ?? null);
  });
}

export function subscriptionLoader(context: BaseContext) {
  return loaderFor<string, PlanSubscription>(context, 'PlanSubscription', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await context.em.find(PlanSubscription, { id: { $in: valid } })
      : [];
    return byIds(ids, rows);
  });
}

export async function currentSubscriptionOf(context: BaseContext, userId: string) {
  assertMayReadBillingOf(context, userId);
  return currentSubscriptionLoader(context).load(userId);
}

/** A PAST_DUE subscription keeps its tier while the provider retries the payment. */
export async function planTierOf(context: BaseContext, userId: string): Promise<PlanTier> {
  const subscription = await currentSubscriptionOf(context, userId);
  if (!subscription) {
    return PlanTier.FREE;
  }
  const plan = await planLoader(context).load(subscription.plan.id);
  return plan?.tier ?? PlanTier.FREE;
}

/** Null for an unknown id; a coded error for anyone but the subscriber and admins. */
export async function subscriptionById(context: BaseContext, id: string) {
  if (!context.viewer) {
    throw unauthenticated('Sign in to see billing details.');
  }
  const subscription = await subscriptionLoader(context).load(id);
  if (!subscription) {
    return null;
  }
  assertMayReadBillingOf(context, subscription.userId);
  return subscription;
}
