import { createHash } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { type PaymentProviderName } from '../contracts';

/**
 * One refund of part (or all) of a payment, by the provider's refund id: the unique
 * (provider, refund_id) makes each refund count once, however often its webhooks come. Its id is
 * derived from the refund id, and is the ledger reference of the tip's TIP_PARTIAL_REFUND.
 */
@Entity({ tableName: 'payment_refund' })
@Unique({ properties: ['provider', 'refundId'] })
export class PaymentRefund {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 10 })
  provider!: PaymentProviderName;

  @Property({ type: 'string', length: 255 })
  refundId!: string;

  @Property({ type: 'string', length: 255 })
  paymentRef!: string;

  @Property({ type: 'uuid', nullable: true })
  tipId: string | null = null;

  @Property({ type: 'integer' })
  amountJpy!: number;

  /** The provider's time of the refund. */
  @Property({ type: 'datetime' })
  refundedAt!: Date;
}

/** A stable uuid for a provider's refund id (the ledger's references are uuids). */
export function refundUuid(provider: PaymentProviderName, refundId: string): string {
  const hex = createHash('sha256').update(`${provider}:refund:${refundId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
