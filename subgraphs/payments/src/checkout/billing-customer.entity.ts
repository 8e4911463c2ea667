import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A user's customer at a provider (Stripe `cus_…`), made once and reused for every checkout. */
@Entity({ tableName: 'billing_customer' })
export class BillingCustomer {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'string', length: 10 })
  provider!: 'STRIPE' | 'CCBILL';

  @Property({ type: 'string', length: 255, unique: true })
  providerCustomerId!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
