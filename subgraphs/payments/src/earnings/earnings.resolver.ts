import { PageArgs } from '@vp/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { User } from '../user/user.stub';
import { earningEntriesOf, earningsOf } from './earnings.service';
import { EarningEntryConnection, Earnings } from './earnings.types';

@Resolver(() => User)
export class UserEarningsResolver {
  @FieldResolver(() => Earnings, {
    nullable: true,
    description:
      "The user's tip earnings. Only the user and admins may read them (others get FORBIDDEN, " +
      'signed-out viewers UNAUTHENTICATED).',
  })
  earnings(@Root() user: User, @Ctx() context: MoneyContext): Promise<Earnings> {
    return earningsOf(context, user.id);
  }

  @FieldResolver(() => EarningEntryConnection, {
    nullable: true,
    description: 'Every change to the earnings balance, newest first; the user and admins only.',
  })
  earningEntries(
    @Root() user: User,
    @Args() { first, after }: PageArgs,
    @Ctx() context: MoneyContext,
  ) {
    return earningEntriesOf(context, user.id, first, after);
  }
}
