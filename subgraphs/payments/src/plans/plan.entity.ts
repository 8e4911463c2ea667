import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { PlanTier } from '@vp/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PaymentProvider {
  NONE = 'NONE',
  STRIPE = 'STRIPE',
  CCBILL = 'CCBILL',
}
registerEnumType(PaymentProvider, {
  name: 'PaymentProvider',
  description: 'Who bills a plan: NONE for the free plan, STRIPE for general, CCBILL for adult.',
});

export enum BillingInterval {
  MONTH = 'MONTH',
}
registerEnumType(BillingInterval, {
  name: 'BillingInterval',
  description: 'How often a plan is billed.',
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A subscription plan a viewer can be on.' })
@Entity({ tableName: 'plan' })
@Check({ name: 'plan_price_jpy_not_negative', expression: 'price_jpy >= 0' })
export class Plan {
  [OptionalProps]?: 'id' | 'interval' | 'adultsOnly' | 'active' | 'createdAt';

  @Field(() => ID, { description: 'Stable: the seeded plans have fixed ids.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => PlanTier, { description: 'The tier this plan grants.' })
  @Enum({ items: () => PlanTier })
  tier!: PlanTier;

  @Field({ description: 'The name shown to viewers.' })
  @Property({ length: 100 })
  name!: string;

  @Field(() => Int, { description: 'Price per interval in whole yen (tax included).' })
  @Property({ type: 'integer' })
  priceJpy!: number;

  @Field(() => PaymentProvider, { description: 'Who bills this plan.' })
  @Enum({ items: () => PaymentProvider })
  provider!: PaymentProvider;

  @Field(() => BillingInterval, { description: 'How often it is billed.' })
  @Enum({ items: () => BillingInterval })
  interval: BillingInterval = BillingInterval.MONTH;

  @Field({
    description: 'Only age-verified adults may subscribe (adult content, billed by CCBill).',
  })
  @Property({ type: 'boolean', default: false })
  adultsOnly: boolean = false;

  /** Retired plans stay for the subscriptions that still refer to them, but are no longer offered. */
  @Index()
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
