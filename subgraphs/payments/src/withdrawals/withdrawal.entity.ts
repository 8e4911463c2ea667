import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WithdrawalStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  REJECTED = 'REJECTED',
}
registerEnumType(WithdrawalStatus, {
  name: 'WithdrawalStatus',
  description:
    'PENDING: requested; the amount is held, waiting for an admin. PROCESSING: approved, the ' +
    "payout is on its way to the creator's bank. PAID: the provider paid it out. FAILED: the " +
    'payout failed; the amount went back to the available balance. REJECTED: refused; the ' +
    'amount went back to the available balance.',
});

export const WITHDRAWAL_MIN_JPY = 1_000;

@ObjectType({ description: "A creator's request to be paid out part of their available earnings." })
@Entity({ tableName: 'withdrawal' })
@Index({ name: 'withdrawal_creator_created_index', properties: ['creatorId', 'createdAt', 'id'] })
@Check({ name: 'withdrawal_amount_jpy_minimum', expression: `amount_jpy >= ${WITHDRAWAL_MIN_JPY}` })
export class Withdrawal {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'createdAt'
    | 'decidedAt'
    | 'decidedBy'
    | 'rejectionReason'
    | 'providerTransferId'
    | 'providerPayoutId'
    | 'settledAt';

  @Field(() => ID, { description: 'The withdrawal id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  creatorId!: string;

  @Field(() => Int, { description: 'The amount in yen (at least 1,000).' })
  @Property({ type: 'integer' })
  amountJpy!: number;

  @Field(() => WithdrawalStatus, { description: 'Where the request is.' })
  @Enum({ items: () => WithdrawalStatus, default: WithdrawalStatus.PENDING })
  status: WithdrawalStatus = WithdrawalStatus.PENDING;

  @Field({ description: 'When it was requested.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When an admin paid or rejected it.' })
  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  /** The admin who decided; kept for the audit trail, not exposed. */
  @Property({ type: 'uuid', nullable: true })
  decidedBy: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected, for the creator.' })
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  /** The provider's transfer (`tr_…`) and payout (`po_…`) of an approved withdrawal; not exposed. */
  @Property({ type: 'string', length: 255, nullable: true })
  providerTransferId: string | null = null;

  @Index()
  @Property({ type: 'string', length: 255, nullable: true })
  providerPayoutId: string | null = null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the provider reported the payout paid or failed.',
  })
  @Property({ type: 'datetime', nullable: true })
  settledAt: Date | null = null;
}
