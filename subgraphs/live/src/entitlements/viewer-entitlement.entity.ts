import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { PlanTier } from '@vp/kit';

/**
 * What payments last told us about a user's plan and age check (the `EntitlementChanged` event),
 * the same read model the videos subgraph keeps: playback decisions never wait on payments.
 * A user without a row is FREE and not age-verified.
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
