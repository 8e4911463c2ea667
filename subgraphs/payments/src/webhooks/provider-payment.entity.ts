import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What a provider's payment reference paid for, learned when the payment succeeded, so that a
 * later refund, dispute or chargeback (which names only the payment) finds its subscription or tip.
 * References: Stripe payment intents, invoices and charges; CCBill transaction ids.
 */
@Entity({ tableName: 'provider_payment' })
export class ProviderPayment {
  @PrimaryKey({ type: 'string', length: 10 })
  provider!: 'STRIPE' | 'CCBILL';

  @PrimaryKey({ type: 'string', length: 255 })
  paymentRef!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  /** The provider's subscription id (sub_…, CCBill subscriptionId) when it paid a subscription. */
  @Property({ type: 'string', length: 255, nullable: true })
  providerSubscriptionId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  tipId: string | null = null;

  /** Set by the first refund or chargeback: a second one for the same payment reverses nothing. */
  @Property({ type: 'datetime', nullable: true })
  reversedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
