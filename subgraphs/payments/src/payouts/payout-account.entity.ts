import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum PayoutAccountStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  RESTRICTED = 'RESTRICTED',
}
registerEnumType(PayoutAccountStatus, {
  name: 'PayoutAccountStatus',
  description:
    'PENDING: onboarding not finished. ACTIVE: the provider pays out to it. RESTRICTED: the ' +
    'provider needs more from the creator before it pays out again.',
});

/**
 * A creator's payout account at the provider (a Stripe Connect Express account). The provider
 * holds the bank details and identity checks; only its id and state are kept here.
 */
@ObjectType({ description: "Where a creator's withdrawals are paid: the provider's account." })
@Entity({ tableName: 'payout_account' })
export class PayoutAccount {
  [OptionalProps]?: 'provider' | 'status' | 'statusAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 10 })
  provider = 'STRIPE' as const;

  /** `acct_…`; never exposed. */
  @Property({ type: 'string', length: 255, unique: true })
  providerAccountId!: string;

  @Field(() => PayoutAccountStatus, { description: 'Whether withdrawals can be paid to it.' })
  @Enum({ items: () => PayoutAccountStatus })
  status: PayoutAccountStatus = PayoutAccountStatus.PENDING;

  /** The provider's time of the state applied: an older account.updated changes nothing. */
  @Property({ type: 'datetime', nullable: true })
  statusAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
