import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { type PaymentsContext } from '../providers/runtime';
import { startPlanCheckout } from './checkout.service';

@ObjectType({ description: 'Where to pay: open `url` in a browser.' })
export class CheckoutStart {
  @Field({
    description:
      'The payment page: Stripe Checkout, a CCBill form, or (embedded default) the local sandbox page.',
  })
  url!: string;
}

@Resolver()
export class CheckoutResolver {
  @Mutation(() => CheckoutStart, {
    description:
      'Starts paying for a plan. The subscription starts when the provider confirms the payment ' +
      '(its webhook), not when this returns. FREE: BAD_USER_INPUT; adults-only plans: FORBIDDEN ' +
      'under 18; already on a plan: BAD_USER_INPUT.',
  })
  startCheckout(
    @Arg('planId', () => ID, { description: 'The plan to subscribe to.' }) planId: string,
    @Ctx() context: PaymentsContext,
  ): Promise<CheckoutStart> {
    return startPlanCheckout(context, planId);
  }
}
