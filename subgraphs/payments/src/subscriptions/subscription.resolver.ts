import { type BaseContext } from '@vp/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Plan } from '../plans/plan.entity';
import { planLoader } from '../plans/plan.service';
import { User } from '../user/user.stub';
import { PlanSubscription } from './subscription.entity';
import { subscriptionById } from './subscription.service';

@Resolver(() => PlanSubscription)
export class SubscriptionResolver {
  @FieldResolver(() => Plan, { description: 'The plan subscribed to.' })
  async plan(@Root() subscription: PlanSubscription, @Ctx() context: BaseContext): Promise<Plan> {
    return (await planLoader(context).load(subscription.plan.id))!;
  }

  @FieldResolver(() => User, { description: 'The subscriber.' })
  user(@Root() subscription: PlanSubscription): User {
    return { id: subscription.userId };
  }
}

/** Checks the viewer like `User.subscription` does: `_entities` is no side door. */
export function resolveSubscriptionReference(reference: { id: string }, context: BaseContext) {
  return subscriptionById(context, reference.id);
}
