import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Plan } from '../plans/plan.entity';

export enum SubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAST_DUE = 'PAST_DUE',
  CANCELED = 'CANCELED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description:
    'ACTIVE: paid up. PAST_DUE: a renewal failed and is being retried; the plan still applies. ' +
    'CANCELED: ended early. EXPIRED: ran to the end of its last period.',
});

/** The statuses that make a subscription the user's current one; at most one per user. */
export const CURRENT_STATUSES = [SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE];

// Not named `Subscription`: that is GraphQL's root subscription type in the supergraph.
@Directive('@key(fields: "id")')
@ObjectType({
  description: "A user's paid plan, current or past; readable by that user and admins.",
})
@Entity({ tableName: 'subscription' })
// The database, not the code, guarantees one current subscription per user: two concurrent
// checkouts or a replayed webhook cannot both win.
@Index({
  name: 'subscription_one_current_per_user',
  expression:
    'create unique index "subscription_one_current_per_user" on "payments"."subscription" ("user_id") ' +
    "where \"status\" in ('ACTIVE', 'PAST_DUE')",
})
export class PlanSubscription {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'cancelAtPeriodEnd'
    | 'createdAt'
    | 'updatedAt'
    | 'provider'
    | 'paidThrough'
    | 'failedThrough'
    | 'pastDueSince'
    | 'periodEndConfirmed'
    | 'providerStateAt'
    | 'scheduledPlan'
    | 'endReason'
    | 'renewalRemindedFor';

  @Field(() => ID, { description: 'The subscription id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The account in the users subgraph (no foreign key: that table is not ours). */
  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Plan)
  plan!: Rel<Plan>;

  @Field(() => SubscriptionStatus, { description: 'Where it is in its life.' })
  @Enum({ items: () => SubscriptionStatus })
  status: SubscriptionStatus = SubscriptionStatus.ACTIVE;

  @Field({ description: 'When the paid period ends: renewal, or the end when cancelAtPeriodEnd.' })
  @Property({ type: 'datetime' })
  currentPeriodEnd!: Date;

  @Field({ description: 'True when it will end at currentPeriodEnd instead of renewing.' })
  @Property({ type: 'boolean', default: false })
  cancelAtPeriodEnd: boolean = false;

  /** The provider's customer id (Stripe `cus_…`, CCBill subscriber); never exposed. */
  @Property({ type: 'string', length: 255, nullable: true })
  providerCustomerId: string | null = null;

  /** The provider's subscription id (Stripe `sub_…`, CCBill subscriptionId); never exposed. */
  @Property({ type: 'string', length: 255, nullable: true, unique: true })
  providerSubscriptionId: string | null = null;

  /** Who bills it; NONE for rows made by hand (fixtures, admin grants). */
  @Property({ type: 'string', length: 10, default: 'NONE' })
  provider: 'NONE' | 'STRIPE' | 'CCBILL' = 'NONE';

  /**
   * The end of the last period the provider confirmed as paid, and of the last one whose payment
   * failed. Both only grow, so the status they imply (PAST_DUE when a failure is newer than the
   * last payment) is the same whatever order the provider's events arrive in.
   */
  @Property({ type: 'datetime', nullable: true })
  paidThrough: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  failedThrough: Date | null = null;

  /** When the current payment failure began: the grace period runs from here. */
  @Property({ type: 'datetime', nullable: true })
  pastDueSince: Date | null = null;

  /** False while currentPeriodEnd is our estimate (checkout completed, no period from the provider yet). */
  @Property({ type: 'boolean', default: false })
  periodEndConfirmed: boolean = false;

  /**
   * The provider's time of the newest state applied to cancelAtPeriodEnd and the plan: an older
   * event (customer.subscription.updated delivered late) changes neither.
   */
  @Property({ type: 'datetime', nullable: true })
  providerStateAt: Date | null = null;

  /** A downgrade waits for the period end: this plan applies from then on. */
  @ManyToOne(() => Plan, { nullable: true })
  scheduledPlan: Rel<Plan> | null = null;

  /** Why it ended early (REFUND, CHARGEBACK, PROVIDER) when CANCELED; audit only. */
  @Property({ type: 'string', length: 20, nullable: true })
  endReason: string | null = null;

  /** The period end the renewal reminder was mailed for: one reminder per period. */
  @Property({ type: 'datetime', nullable: true })
  renewalRemindedFor: Date | null = null;

  @Field({ description: 'When it started.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed.' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
