import { ConnectionType, PageArgs } from '@vp/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { User } from '../user/user.stub';
import { Withdrawal } from './withdrawal.entity';
import {
  approveWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  withdrawalsOf,
} from './withdrawal.service';

export const WithdrawalConnection = ConnectionType(Withdrawal);

@Resolver(() => Withdrawal)
export class WithdrawalResolver {
  @Mutation(() => Withdrawal, {
    description:
      'Asks to be paid part of your available earnings (at least ¥1,000, at most what is ' +
      'available). The amount is held at once, until an admin pays or rejects the request.',
  })
  requestWithdrawal(
    @Arg('amountJpy', () => Int) amountJpy: number,
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
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Shown to the creator, 1 to 500 characters.' }) reason: string,
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
