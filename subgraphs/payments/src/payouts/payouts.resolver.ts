import { Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { type PaymentsContext } from '../providers/runtime';
import { User } from '../user/user.stub';
import { PayoutAccount } from './payout-account.entity';
import { connectPayoutAccount, payoutAccountOf } from './payouts.service';

@ObjectType({ description: 'Where the creator goes to set up (or finish) their payout account.' })
export class PayoutOnboarding {
  @Field({
    description: "The provider's onboarding page (Stripe Connect; the sandbox's own page locally).",
  })
  url!: string;
}

@Resolver()
export class PayoutResolver {
  @Mutation(() => PayoutOnboarding, {
    description:
      'Starts or resumes payout onboarding at the provider, which keeps the bank details. ' +
      'The account becomes ACTIVE when the provider says so.',
  })
  connectPayoutAccount(@Ctx() context: MoneyContext & PaymentsContext): Promise<PayoutOnboarding> {
    return connectPayoutAccount(context);
  }
}

@Resolver(() => User)
export class UserPayoutResolver {
  @FieldResolver(() => PayoutAccount, {
    nullable: true,
    description: "The user's payout account (null before onboarding); the user and admins only.",
  })
  payoutAccount(@Root() user: User, @Ctx() context: MoneyContext): Promise<PayoutAccount | null> {
    return payoutAccountOf(context, user.id);
  }
}
