import { ConnectionType } from '@vp/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LedgerTransactionKind } from '../ledger/ledger.entity';

@ObjectType({ description: "A creator's tip earnings in yen, after the platform's fee." })
export class Earnings {
  @Field(() => Int, {
    description: 'Can be withdrawn now (negative after a refund of money already paid out).',
  })
  availableJpy!: number;

  @Field(() => Int, { description: 'Credited but still on hold (7 days after each tip).' })
  pendingJpy!: number;

  @Field(() => Int, {
    description: 'Everything ever earned, net of refunds and chargebacks, withdrawn or not.',
  })
  lifetimeJpy!: number;
}

registerEnumType(LedgerTransactionKind, {
  name: 'EarningEntryKind',
  description:
    'TIP_CREDIT: a tip, minus the fee. TIP_REVERSAL: a refund or chargeback taking it back. ' +
    'TIP_PARTIAL_REFUND: a refund of part of a tip taking back that share. ' +
    'WITHDRAWAL_HOLD: moved out for a withdrawal request. WITHDRAWAL_RELEASED: returned when the ' +
    'request was rejected. WITHDRAWAL_RETURNED: returned when the payout failed. ' +
    '(WITHDRAWAL_PAID moves held money and is not an entry of earnings.)',
});

@ObjectType({ description: 'One change to the earnings balance.' })
export class EarningEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => LedgerTransactionKind, { description: 'What moved the money.' })
  kind!: LedgerTransactionKind;

  @Field(() => Int, { description: 'Signed yen: positive adds to earnings.' })
  amountJpy!: number;

  @Field({ description: 'When it was recorded.' })
  createdAt!: Date;

  @Field({ description: 'When it counts as available (later than createdAt while on hold).' })
  availableAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The tip, for tip entries.' })
  tipId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The withdrawal, for withdrawal entries.' })
  withdrawalId!: string | null;
}

export const EarningEntryConnection = ConnectionType(EarningEntry);
