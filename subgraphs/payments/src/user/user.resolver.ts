import { type BaseContext, PlanTier } from '@vp/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PlanSubscription } from '../subscriptions/subscription.entity';
import { currentSubscriptionOf, planTierOf } from '../subscriptions/subscription.service';
import { User } from './user.stub';

@Resolver(() => User)
export class UserBillingResolver {
  @FieldResolver(() => PlanSubscription, {
    nullable: true,
    description:
      'The current (ACTIVE or PAST_DUE) subscription; null on the free plan. Only the user and ' +
      'admins may read it (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED).',
  })
  subscription(@Root() user: User, @Ctx() context: BaseContext): Promise<PlanSubscription | null> {
    return currentSubscriptionOf(context, user.id);
  }

  @FieldResolver(() => PlanTier, {
    nullable: true,
    description:
      'The tier the user is on: FREE without a current subscription. Null, with FORBIDDEN or ' +
      'UNAUTHENTICATED, for anyone but the user and admins.',
  })
  planTier(@Root() user: User, @Ctx() context: BaseContext): Promise<PlanTier> {
    return planTierOf(context, user.id);
  }
}

/** No lookup: any id is a user as far as payments knows; the field resolvers check access. */
export function resolveUserReference(reference: { id: string }): User {
  return { id: reference.id };
}
