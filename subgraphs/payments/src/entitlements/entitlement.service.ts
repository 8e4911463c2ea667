import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { EntitlementChanged, type EventInput } from '@vp/contracts';
import { emitEvent, PlanTier } from '@vp/kit';
import {
  CURRENT_STATUSES,
  PlanSubscription,
  SubscriptionStatus,
} from '../subscriptions/subscription.entity';
import { AccountAge } from './account-age.entity';
import { Entitlement } from './entitlement.entity';

export const ADULT_AGE = 18;
const DAY_MS = 24 * 3600 * 1000;

/** Whether someone born on `birthDate` (YYYY-MM-DD) is 18 or older on `today` (UTC). */
export function isAdultOn(birthDate: string | null | undefined, today: Date): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const years = today.getUTCFullYear() - year;
  const hadBirthday =
    today.getUTCMonth() + 1 > month ||
    (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return (hadBirthday ? years : years - 1) >= ADULT_AGE;
}

/** Unknown age counts as not adult: payments has only what the users subgraph's events told it. */
export async function isAdult(em: EntityManager, userId: string, now = new Date()) {
  const age = await em.findOne(AccountAge, { userId });
  return isAdultOn(age?.birthDate, now);
}

/**
 * Whether a current subscription still grants its plan at `now`. A renewal the provider has not
 * confirmed yet, and a failed one (PAST_DUE), keep the plan for the grace period; a subscription
 * cancelled at period end stops exactly at its end.
 */
export function grantsPlan(subscription: PlanSubscription, now: Date, graceDays: number): boolean {
  if (!CURRENT_STATUSES.includes(subscription.status)) {
    return false;
  }
  const grace = graceDays * DAY_MS;
  const end = subscription.currentPeriodEnd.getTime();
  if (subscription.cancelAtPeriodEnd) {
    return now.getTime() < end;
  }
  if (subscription.status === SubscriptionStatus.PAST_DUE) {
    const since = subscription.pastDueSince?.getTime() ?? end;
    return now.getTime() < since + grace;
  }
  return now.getTime() < end + grace;
}

/** The tier and age verification a user has now, from this subgraph's own tables. */
export async function currentEntitlement(
  em: EntityManager,
  userId: string,
  now: Date,
  graceDays: number,
): Promise<{ tier: PlanTier; ageVerified: boolean }> {
  const subscription = await em.findOne(
    PlanSubscription,
    { userId, status: { $in: CURRENT_STATUSES } },
    { populate: ['plan'] },
  );
  const tier =
    subscription && grantsPlan(subscription, now, graceDays)
      ? subscription.plan.tier
      : PlanTier.FREE;
  const age = await em.findOne(AccountAge, { userId });
  const ageVerified = !!age?.ageVerifiedAt && isAdultOn(age.birthDate, now);
  return { tier, ageVerified };
}

/**
 * Recomputes a user's entitlement and, when it differs from the last one published, records it and
 * emits EntitlementChanged in the caller's transaction (flushed with the change that caused it).
 * The row lock makes two concurrent changes for one user publish in turn, each at most once.
 */
export async function syncEntitlement(
  em: EntityManager,
  userId: string,
  graceDays: number,
  now = new Date(),
): Promise<EventInput<typeof EntitlementChanged> | null> {
  await em.flush();
  await em
    .createQueryBuilder(Entitlement)
    .insert({ userId, tier: PlanTier.FREE, ageVerified: false, changedAt: new Date(0) })
    .onConflict('user_id')
    .ignore()
    .execute('run');
  const published = await em.findOneOrFail(
    Entitlement,
    { userId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  const next = await currentEntitlement(em, userId, now, graceDays);
  if (published.tier === next.tier && published.ageVerified === next.ageVerified) {
    return null;
  }
  published.tier = next.tier;
  published.ageVerified = next.ageVerified;
  published.changedAt = now;
  const payload = { userId, ...next, changedAt: now.toISOString() };
  emitEvent(em, EntitlementChanged, payload);
  await em.flush();
  return payload;
}
