import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { type PaymentsContext } from '../providers/runtime';
import { PlanSubscription } from './subscription.entity';
import { cancelSubscription, changePlan, resumeSubscription } from './subscription-lifecycle';

@ObjectType({ description: 'What changePlan did, or will do at the period end.' })
export class PlanChange {
  @Field(() => PlanSubscription, { description: 'The current subscription after the change.' })
  subscription!: PlanSubscription;

  @Field(() => String, {
    nullable: true,
    description: 'Upgrades: where to pay the prorated amount; the new plan starts when it is paid.',
  })
  checkoutUrl!: string | null;

  @Field(() => Int, { description: 'Yen credited for the unused part of the current period.' })
  prorationCreditJpy!: number;

  @Field(() => Int, { description: "Yen charged now: the new plan's price minus the credit." })
  amountDueNowJpy!: number;

  @Field({
    description: 'When the new plan applies: now for upgrades, the period end for downgrades.',
  })
  effectiveAt!: Date;
}

@Resolver()
export class SubscriptionLifecycleResolver {
  @Mutation(() => PlanSubscription, {
    description:
      'Stops the renewal: the plan applies until currentPeriodEnd, then the user is FREE.',
  })
  cancelSubscription(@Ctx() context: PaymentsContext): Promise<PlanSubscription> {
    return cancelSubscription(context);
  }

  @Mutation(() => PlanSubscription, {
    description: 'Takes back a cancellation before the period ends.',
  })
  resumeSubscription(@Ctx() context: PaymentsContext): Promise<PlanSubscription> {
    return resumeSubscription(context);
  }

  @Mutation(() => PlanChange, {
    description:
      'Upgrades at once with a prorated first charge (pay at checkoutUrl), or downgrades at the period end.',
  })
  changePlan(
    @Arg('planId', () => ID, { description: 'The plan to move to.' }) planId: string,
    @Ctx() context: PaymentsContext,
  ): Promise<PlanChange> {
    return changePlan(context, planId);
  }
}
