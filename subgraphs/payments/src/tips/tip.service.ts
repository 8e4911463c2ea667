import { Audience, badInput, isUuid, notFound, requireViewer } from '@vp/kit';
import { TipTarget } from '../content/tip-target.entity';
import { type MoneyContext } from '../ledger/money-context';
import { Tip } from './tip.entity';
import { type SendTipInput } from './tip.types';

/** A target that can be tipped: published, not deleted, not private. */
async function tippableTarget(context: MoneyContext, targetId: string): Promise<TipTarget> {
  const target = isUuid(targetId) ? await context.em.findOne(TipTarget, { id: targetId }) : null;
  if (!target || target.deleted || target.visibility === 'PRIVATE') {
    throw notFound('The video or live stream');
  }
  return target;
}

/**
 * Records a PENDING tip and starts its checkout in one transaction: if the checkout cannot start,
 * no tip is left behind. The provider's webhook settles it later (see ledger/tip-settlement.ts).
 */
export async function sendTip(context: MoneyContext, input: SendTipInput): Promise<Tip> {
  const viewer = requireViewer(context.viewer);
  const message = input.message ?? '';
  const target = await tippableTarget(context, input.targetId);
  if (target.ownerId === viewer.id) {
    throw badInput('You cannot tip your own video or live stream.', [
      { field: 'input.targetId', message: 'This is your own.' },
    ]);
  }
  return context.em.transactional(async em => {
    const tip = em.create(Tip, {
      fromUserId: viewer.id,
      targetId: target.id,
      targetKind: target.kind,
      creatorId: target.ownerId,
      amountJpy: input.amountJpy,
      message,
    });
    await em.flush();
    const checkout = await context.startCheckout(em, {
      kind: 'tip',
      userId: viewer.id,
      tipId: tip.id,
      amountJpy: tip.amountJpy,
      adult: target.audience === Audience.ADULT,
    });
    tip.provider = checkout.provider;
    tip.providerRef = checkout.providerRef;
    tip.checkoutUrl = checkout.url;
    return tip;
  });
}
