import { Audience, badInput, type InputProblem, isUuid, notFound, requireViewer } from '@vp/kit';
import { TipTarget } from '../content/tip-target.entity';
import { type MoneyContext } from '../ledger/money-context';
import { Tip, TIP_MAX_JPY, TIP_MESSAGE_MAX_CHARACTERS, TIP_MIN_JPY } from './tip.entity';
import { type SendTipInput } from './tip.types';

// Tabs and line breaks are fine in a message; other control characters only hide or garble text.
const isControlCharacter = (character: string) => {
  const code = character.codePointAt(0)!;
  return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || (code >= 0x7f && code <= 0x9f);
};

/** The message to store, or BAD_USER_INPUT naming each field that breaks a rule. */
function checkTipInput(input: SendTipInput): string {
  const problems: InputProblem[] = [];
  const { amountJpy } = input;
  if (!Number.isInteger(amountJpy) || amountJpy < TIP_MIN_JPY || amountJpy > TIP_MAX_JPY) {
    problems.push({
      field: 'amountJpy',
      message: `Whole yen from ${TIP_MIN_JPY} to ${TIP_MAX_JPY}.`,
    });
  }
  const message = (input.message ?? '').trim();
  // Characters as people count them (code points), not UTF-16 units: an emoji is one.
  if ([...message].length > TIP_MESSAGE_MAX_CHARACTERS) {
    problems.push({
      field: 'message',
      message: `At most ${TIP_MESSAGE_MAX_CHARACTERS} characters.`,
    });
  } else if ([...message].some(isControlCharacter)) {
    problems.push({ field: 'message', message: 'Plain text only, without control characters.' });
  }
  if (problems.length) {
    throw badInput('The tip is not valid.', problems);
  }
  return message;
}

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
  const message = checkTipInput(input);
  const target = await tippableTarget(context, input.targetId);
  if (target.ownerId === viewer.id) {
    throw badInput('You cannot tip your own video or live stream.', [
      { field: 'targetId', message: 'This is your own.' },
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
