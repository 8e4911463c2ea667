import { z } from 'zod';
import { Audience, PlanTier, tierAtLeast } from './domain';
import { forbidden, paymentRequired } from './errors';

/**
 * The plan and age rule of playback, shared by every subgraph that serves paid or adult media
 * (videos, live). Each keeps its own read model of payments' `EntitlementChanged` events; the
 * rule and the event's shape live here so they cannot drift apart.
 */
export const ENTITLEMENT_CHANGED = 'EntitlementChanged';

export const entitlementChangedSchema = z.object({
  userId: z.string().uuid(),
  tier: z.nativeEnum(PlanTier),
  ageVerified: z.boolean(),
  changedAt: z.coerce.date(),
});
export type EntitlementChangedPayload = z.input<typeof entitlementChangedSchema>;

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
