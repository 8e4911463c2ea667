import { ConnectionType, PageArgs, Rule, TextLength } from '@vp/kit';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { User } from '../user/user.stub';
import { Withdrawal, WITHDRAWAL_MIN_JPY } from './withdrawal.entity';
import {
  approveWithdrawal,
  REJECTION_REASON_MAX_CHARACTERS,
  rejectWithdrawal,
  requestWithdrawal,
  withdrawalsOf,
} from './withdrawal.service';

@ArgsType()
class RequestWithdrawalArgs {
  /** At most the available earnings: requestWithdrawal checks that under its lock. */
  @Field(() => Int)
  @Rule((amountJpy: number) =>
    amountJpy >= WITHDRAWAL_MIN_JPY ? null : `Whole yen, at least ${WITHDRAWAL_MIN_JPY}.`,
  )
  amountJpy!: number;
}

@ArgsType()
class RejectWithdrawalArgs {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Shown to the creator, 1 to 500 characters.' })
  @TextLength(1, REJECTION_REASON_MAX_CHARACTERS)
  reason!: string;
}

export const WithdrawalConnection = ConnectionType(Withdrawal);

@Resolver(() => Withdrawal)
export class WithdrawalResolver {
  @Mutation(() => Withdrawal, {
    description:
      'Asks to be paid part of your available earnings (at least ¥1,000, at most what is ' +
      'available). The amount is held at once, until an admin pays or rejects the request.',
  })
  requestWithdrawal(
    @Args() { amountJpy }: RequestWithdrawalArgs,
    @Ctx() context: MoneyContext,
  ): Promise<Withdrawal> {
    return requestWithdrawal(context, amountJpy);
  }

  @Mutation(() => Withdrawal, { description: 'ADMIN: marks a pending withdrawal paid.' })
  approveWithdrawal(
    @Arg('id', () => ID) id: string,
    @Ctx() context: MoneyContext,
  ): Promise<Withdrawal> {
    return approveWithdrawal(context, id);
  }

  @Mutation(() => Withdrawal, {
    description: 'ADMIN: refuses a pending withdrawal; the amount goes back to available earnings.',
  })
  rejectWithdrawal(
    @Args() { id, reason }: RejectWithdrawalArgs,
    @Ctx() context: MoneyContext,
  ): Promise<Withdrawal> {
    return rejectWithdrawal(context, id, reason);
  }
}

@Resolver(() => User)
export class UserWithdrawalsResolver {
  @FieldResolver(() => WithdrawalConnection, {
    nullable: true,
    description: "The user's withdrawal requests, newest first; the user and admins only.",
  })
  withdrawals(
    @Root() user: User,
    @Args() { first, after }: PageArgs,
    @Ctx() context: MoneyContext,
  ) {
    return withdrawalsOf(context, user.id, first, after);
  }
}
