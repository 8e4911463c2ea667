import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WithdrawalStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
}
registerEnumType(WithdrawalStatus, {
  name: 'WithdrawalStatus',
  description:
    'PENDING: the amount is held, waiting for an admin. PAID: approved and paid out. REJECTED: ' +
    'refused; the amount went back to the available balance.',
});

export const WITHDRAWAL_MIN_JPY = 1_000;

@ObjectType({ description: "A creator's request to be paid out part of their available earnings." })
@Entity({ tableName: 'withdrawal' })
@Index({ name: 'withdrawal_creator_created_index', properties: ['creatorId', 'createdAt', 'id'] })
@Check({ name: 'withdrawal_amount_jpy_minimum', expression: `amount_jpy >= ${WITHDRAWAL_MIN_JPY}` })
export class Withdrawal {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'decidedAt' | 'decidedBy' | 'rejectionReason';

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
}
