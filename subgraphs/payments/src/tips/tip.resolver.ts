import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type MoneyContext } from '../ledger/money-context';
import { Tip } from './tip.entity';
import { sendTip } from './tip.service';
import { SendTipInput } from './tip.types';

@Resolver(() => Tip)
export class TipResolver {
  @Mutation(() => Tip, {
    description:
      'Tips the creator of a video or live stream (¥100–¥50,000, never yourself). Returns a ' +
      'PENDING tip and the checkout URL where you pay; adult content pays through CCBill, the rest ' +
      'through Stripe. The creator is credited once the payment succeeds.',
  })
  sendTip(@Arg('input') input: SendTipInput, @Ctx() context: MoneyContext): Promise<Tip> {
    return sendTip(context, input);
  }
}
