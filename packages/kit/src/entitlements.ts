import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type EntitlementChanged } from '@vp/contracts';
import { Audience, PlanTier, tierAtLeast } from './domain';
import { forbidden, paymentRequired } from './errors';
import { isUuid, loaderFor } from './loaders';
import { preparedRead } from './prepared';
import { type EventOf } from './messaging';
import { type BaseContext } from './server';

/**
 * The plan and age rule of playback, shared by every subgraph that serves paid or adult media
 * (videos, live). Each keeps its own read model of payments' `EntitlementChanged` events (the
 * event's shape is in @vp/contracts); the rule and the read model live here so they cannot drift.
 */

export interface Entitlement {
  tier: PlanTier;
  ageVerified: boolean;
}

/** A user payments never told us about: FREE and not age-verified. */
export const NO_ENTITLEMENT: Entitlement = { tier: PlanTier.FREE, ageVerified: false };

/**
 * Why a viewer with this entitlement (null: anonymous) may not play content needing `requiredPlan`
 * for `audience`, or null when they may: ADULT needs an age-verified adult (FORBIDDEN), then the
 * plan must reach the required one (PAYMENT_REQUIRED). Owners and admins are the caller's business.
 */
export function entitlementRefusal(
  entitlement: Entitlement | null,
  content: { requiredPlan: PlanTier; audience: Audience },
  noun = 'This video',
): Error | null {
  if (content.audience === Audience.ADULT && !entitlement?.ageVerified) {
    return forbidden(`${noun} is for age-verified adults only.`);
  }
  if (!tierAtLeast(entitlement?.tier ?? PlanTier.FREE, content.requiredPlan)) {
    return paymentRequired(`${noun} needs the ${content.requiredPlan} plan or higher.`);
  }
  return null;
}

/**
 * What payments last told this subgraph about a user's plan and age check. Each subgraph that
 * serves media lists this entity, so the table lives in its own schema; playback decisions read
 * only this row and never wait on payments. A user without a row is FREE and not age-verified.
 */
@Entity({ tableName: 'viewer_entitlement' })
export class ViewerEntitlement {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => PlanTier })
  tier: PlanTier = PlanTier.FREE;

  @Property({ type: 'boolean' })
  ageVerified: boolean = false;

  /** The event's `changedAt`: only a newer change replaces the row, so late duplicates converge. */
  @Property({ type: 'datetime' })
  changedAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

/**
 * Applies one EntitlementChanged event (register it with `messaging.onEvent(EntitlementChanged,
 * applyEntitlementChange)`; the payload arrives validated). Delivery is at least once and in any
 * order: the row only moves forward in `changedAt`, so an old event after a newer one changes
 * nothing and a duplicate is a no-op.
 */
export async function applyEntitlementChange(
  event: EventOf<typeof EntitlementChanged>,
  em: EntityManager,
): Promise<void> {
  const change = event.payload;
  const table = `"${em.config.get('schema')}"."viewer_entitlement"`;
  await em.execute(
    `insert into ${table} ("user_id", "tier", "age_verified", "changed_at", "updated_at")
     values (?, ?, ?, ?, now())
     on conflict ("user_id") do update
       set "tier" = excluded."tier", "age_verified" = excluded."age_verified",
           "changed_at" = excluded."changed_at", "updated_at" = now()
       where "viewer_entitlement"."changed_at" < excluded."changed_at"`,
    [change.userId, change.tier, change.ageVerified, new Date(change.changedAt)],
  );
}

/** The read model's rows of a request, by user id: one query per request however many ask. */
function entitlementLoader(context: BaseContext) {
  return loaderFor<string, Entitlement>(context, 'entitlement', async ids => {
    // each subgraph keeps its own copy, in its own schema; prepared once per connection, as
    // every playback decision asks it
    const schema = String(context.em.config.get('schema'));
    const rows = (await preparedRead(
      context.em,
      `kit.entitlements.${schema}`,
      `select "user_id", "tier", "age_verified" from "${schema}"."viewer_entitlement" where "user_id" = any($1::uuid[])`,
      [ids.filter(isUuid)],
    )) as { user_id: string; tier: PlanTier; age_verified: boolean }[];
    const found = new Map(rows.map(row => [row.user_id, row]));
    return ids.map(id => {
      const row = found.get(id);
      return row ? { tier: row.tier, ageVerified: row.age_verified } : NO_ENTITLEMENT;
    });
  });
}

/** The viewer's plan and age check from the read model; one query per request however many ask. */
export async function entitlementOf(context: BaseContext, userId: string): Promise<Entitlement> {
  return (await entitlementLoader(context).load(userId)) ?? NO_ENTITLEMENT;
}

/**
 * Hands `entitlementOf` a row this request already read with another statement (a join on the
 * read model: `tier` null when the user has none), so that no statement of its own is needed.
 * Only for what a request reads: a change of the row arrives as an event, never within a query.
 */
export function primeEntitlement(
  context: BaseContext,
  userId: string,
  row: { tier: PlanTier | null; age_verified: boolean | null },
): void {
  entitlementLoader(context).prime(
    userId,
    row.tier === null ? NO_ENTITLEMENT : { tier: row.tier, ageVerified: !!row.age_verified },
  );
}
