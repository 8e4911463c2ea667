import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type PaymentProviderName } from '../contracts';
import { TipTargetKind } from '../content/tip-target.entity';

export enum TipStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  REVERSED = 'REVERSED',
}
registerEnumType(TipStatus, {
  name: 'TipStatus',
  description:
    'PENDING: waiting for the payment. SUCCEEDED: paid and credited to the creator. FAILED: the ' +
    'payment was declined; nothing was charged. REVERSED: refunded or charged back after payment.',
});

export const TIP_MIN_JPY = 100;
export const TIP_MAX_JPY = 50_000;
export const TIP_MESSAGE_MAX_CHARACTERS = 200;

@ObjectType({
  description: 'A one-off payment from a viewer to the creator of a video or live stream.',
})
@Entity({ tableName: 'tip' })
// The database refuses out-of-range amounts even if a code path forgets the rule.
@Check({
  name: 'tip_amount_jpy_in_range',
  expression: `amount_jpy between ${TIP_MIN_JPY} and ${TIP_MAX_JPY}`,
})
export class Tip {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'updatedAt' | 'message';

  @Field(() => ID, { description: 'The tip id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  fromUserId!: string;

  @Property({ type: 'uuid' })
  targetId!: string;

  @Enum({ items: () => TipTargetKind })
  targetKind!: TipTargetKind;

  /** The target's owner when the tip was sent: who is credited. */
  @Index()
  @Property({ type: 'uuid' })
  creatorId!: string;

  @Field(() => Int, { description: 'The amount in yen, 100 to 50,000.' })
  @Property({ type: 'integer' })
  amountJpy!: number;

  @Field({
    description:
      'Up to 200 characters of plain text (clients must show it as text, never as HTML).',
  })
  @Property({ type: 'text', default: '' })
  message: string = '';

  @Field(() => TipStatus, { description: 'Where the payment is.' })
  @Enum({ items: () => TipStatus, default: TipStatus.PENDING })
  status: TipStatus = TipStatus.PENDING;

  @Property({ type: 'string', length: 20, nullable: true })
  provider: PaymentProviderName | null = null;

  /** The provider's reference for the checkout or the charge; never exposed. */
  @Property({ type: 'string', length: 255, nullable: true })
  providerRef: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the viewer goes to pay (the provider’s page, or the sandbox checkout).',
  })
  @Property({ type: 'text', nullable: true })
  checkoutUrl: string | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  reversalReason: 'REFUND' | 'CHARGEBACK' | null = null;

  @Field({ description: 'When it was sent.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
