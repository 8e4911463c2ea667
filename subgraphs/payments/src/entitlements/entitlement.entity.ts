import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { PlanTier } from '@vp/kit';

/**
 * The last entitlement published for a user (EntitlementChanged). Comparing against it is how a
 * change is noticed, so that the event goes out once per change, never per webhook.
 */
@Entity({ tableName: 'entitlement' })
export class Entitlement {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => PlanTier })
  tier!: PlanTier;

  @Property({ type: 'boolean' })
  ageVerified!: boolean;

  @Property({ type: 'datetime' })
  changedAt!: Date;
}
