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
    @Arg('returnUrl', () => String, {
      nullable: true,
      description:
        'Where the checkout page sends the buyer once the outcome is known, as ' +
        "`<returnUrl>/<success|cancel>?checkout=<id>`: the app's `vp://checkout` or a page of the " +
        'web app (anything else: BAD_USER_INPUT). Without it the page only says the outcome.',
    })
    returnUrl?: string | null,
  ): Promise<CheckoutStart> {
    return startPlanCheckout(context, planId, returnUrl);
  }
}
