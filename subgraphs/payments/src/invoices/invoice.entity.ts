import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { ConnectionType } from '@vp/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum InvoiceStatus {
  PAID = 'PAID',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description:
    'PAID: charged. FAILED: the charge failed (the provider retries it; it becomes PAID if a retry ' +
    'succeeds). REFUNDED: charged, then given back in full.',
});

/**
 * One charge for a subscription, from the provider's webhooks (Stripe `invoice.paid` /
 * `invoice.payment_failed`, CCBill `NewSaleSuccess` / `RenewalSuccess`): unique per provider
 * reference (the Stripe invoice, the CCBill transaction), so a replayed event adds nothing.
 */
@ObjectType({ description: 'A charge for your subscription: what was billed, for which period.' })
@Entity({ tableName: 'invoice' })
@Unique({ properties: ['provider', 'providerRef'] })
@Index({ name: 'invoice_user_created_index', properties: ['userId', 'createdAt', 'id'] })
@Index({ name: 'invoice_subscription_id_index', properties: ['subscriptionId'] })
export class Invoice {
  [OptionalProps]?: 'id' | 'paidAt' | 'createdAt' | 'subscriptionId' | 'planId';

  @Field(() => ID, { description: 'The invoice id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid', nullable: true })
  subscriptionId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  planId: string | null = null;

  @Property({ type: 'string', length: 10 })
  provider!: 'STRIPE' | 'CCBILL';

  /** Stripe's invoice id (`in_…`) or CCBill's transaction id; never exposed. */
  @Property({ type: 'string', length: 255 })
  providerRef!: string;

  @Field(() => Int, { description: 'The amount in yen, tax included.' })
  @Property({ type: 'integer' })
  amountJpy!: number;

  @Field(() => InvoiceStatus)
  @Enum({ items: () => InvoiceStatus })
  status!: InvoiceStatus;

  @Field({ description: 'The start of the period it pays for.' })
  @Property({ type: 'datetime' })
  periodStart!: Date;

  @Field({ description: 'The end of the period it pays for.' })
  @Property({ type: 'datetime' })
  periodEnd!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was paid; null if it was not.' })
  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Field({ description: 'When it was charged (or first tried).' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

export const InvoiceConnection = ConnectionType(Invoice);
