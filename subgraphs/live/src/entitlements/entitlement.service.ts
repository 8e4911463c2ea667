import { type EntityManager } from '@mikro-orm/postgresql';
import {
  type BaseContext,
  type Entitlement,
  entitlementChangedSchema,
  type EventEnvelope,
  loaderFor,
  NO_ENTITLEMENT,
} from '@vp/kit';
import { ViewerEntitlement } from './viewer-entitlement.entity';

/**
 * Applies one EntitlementChanged event. Delivery is at least once and in any order: the row only
 * moves forward in `changedAt`, so an old event arriving after a newer one changes nothing, and a
 * duplicate is a no-op. A malformed payload throws (dead-letter queue).
 */
export async function applyEntitlementChange(
  event: EventEnvelope<unknown>,
  em: EntityManager,
): Promise<void> {
  const change = entitlementChangedSchema.parse(event.payload);
  await em.execute(
    `insert into "live"."viewer_entitlement" ("user_id", "tier", "age_verified", "changed_at", "updated_at")
     values (?, ?, ?, ?, now())
     on conflict ("user_id") do update
       set "tier" = excluded."tier", "age_verified" = excluded."age_verified",
           "changed_at" = excluded."changed_at", "updated_at" = now()
       where "viewer_entitlement"."changed_at" < excluded."changed_at"`,
    [change.userId, change.tier, change.ageVerified, change.changedAt],
  );
}

/** The viewer's plan and age check, from this subgraph's read model; one query per request. */
export async function entitlementOf(context: BaseContext, userId: string): Promise<Entitlement> {
  const loader = loaderFor<string, Entitlement>(context, 'live.entitlement', async ids => {
    const rows = await context.em.find(ViewerEntitlement, { userId: { $in: [...ids] } });
    const found = new Map(rows.map(row => [row.userId, row]));
    return ids.map(id => {
      const row = found.get(id);
      return row ? { tier: row.tier, ageVerified: row.ageVerified } : NO_ENTITLEMENT;
    });
  });
  return (await loader.load(userId)) ?? NO_ENTITLEMENT;
}
