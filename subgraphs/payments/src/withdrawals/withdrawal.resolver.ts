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
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { User } from '../user/user.stub';
import { Withdrawal, WITHDRAWAL_MIN_JPY, WithdrawalStatus } from './withdrawal.entity';
import {
  approveWithdrawal,
  REJECTION_REASON_MAX_CHARACTERS,
  rejectWithdrawal,
  requestWithdrawal,
  withdrawalQueue,
  withdrawalsOf,
} from './withdrawal.service';

@ArgsType()
class WithdrawalQueueArgs extends PageArgs {
  @Field(() => WithdrawalStatus, { description: 'PENDING: the requests waiting for a decision.' })
  status!: WithdrawalStatus;
}

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

  @Query(() => WithdrawalConnection, {
    description: 'ADMIN: withdrawals in one status, oldest first (PENDING is the queue to decide).',
  })
  withdrawals(@Args() { status, first, after }: WithdrawalQueueArgs, @Ctx() context: MoneyContext) {
    return withdrawalQueue(context, status, first, after);
  }

  @Mutation(() => Withdrawal, {
    description:
      "ADMIN: approves a pending withdrawal and sends the money to the creator's payout account " +
      '(PROCESSING; PAID or FAILED when the provider reports the payout). Approving again sends nothing.',
  })
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
