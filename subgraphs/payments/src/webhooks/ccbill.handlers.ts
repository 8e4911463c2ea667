import { type EntityManager } from '@mikro-orm/postgresql';
import { recordChargePaid } from '../invoices/invoice.service';
import { PlanSubscription, SubscriptionStatus } from '../subscriptions/subscription.entity';
import { endReplacedAtProvider } from '../subscriptions/subscription-lifecycle';
import { applySubscriptionFacts, type SubscriptionFacts } from '../subscriptions/subscription-sync';
import { type HandlerDeps, type HandlerResult, type ProviderEventInput } from './intake';
import {
  checkoutById,
  closeCheckout,
  markAgeVerified,
  recordPayment,
  reversePayment,
} from './settlement';

/** CCBill webhook fields, as posted (form or JSON); custom pass-through fields come back as `X-<name>`. */
export type CcbillFields = Record<string, string>;

/** CCBill's `2012-08-05 15:18:17` (and date-only `2012-09-04`), read as UTC. */
export function ccbillTime(value: string | undefined): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?/.exec(value ?? '');
  if (!match) {
    return undefined;
  }
  const parsed = new Date(`${match[1]}T${match[2] ?? '00:00:00'}Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

type Handler = (
  em: EntityManager,
  deps: HandlerDeps,
  fields: CcbillFields,
  eventAt: Date,
) => Promise<HandlerResult>;

async function applyFacts(
  em: EntityManager,
  facts: SubscriptionFacts,
  paymentRef?: string,
  deps?: HandlerDeps,
): Promise<HandlerResult> {
  const result = await applySubscriptionFacts(em, facts);
  if (result.outcome === 'APPLIED' && result.replaced && deps?.providers) {
    await endReplacedAtProvider(em, { providers: deps.providers }, result.replaced);
  }
  if (result.outcome === 'DEFERRED' || result.outcome === 'UNKNOWN_PLAN') {
    return { outcome: result.outcome, waitingFor: facts.providerSubscriptionId };
  }
  const subscription = result.subscription!;
  if (paymentRef) {
    await recordPayment(em, 'CCBILL', paymentRef, {
      userId: subscription.userId,
      providerSubscriptionId: facts.providerSubscriptionId,
    });
  }
  return {
    outcome:
      result.outcome === 'APPLIED'
        ? 'APPLIED'
        : `IGNORED: subscription ${result.outcome.toLowerCase()}`,
    users: [subscription.userId],
    known: [facts.providerSubscriptionId, ...(paymentRef ? [paymentRef] : [])],
  };
}

/** CCBill's `1980.00` as whole yen; null when absent or not a number. */
const yenOf = (value: string | undefined) => {
  const amount = Number(value);
  return value && Number.isFinite(amount) && amount > 0 ? Math.round(amount) : null;
};

/**
 * A subscription charge CCBill reports (the sale or a renewal), once it is applied: the invoices
 * list and the receipt. The amount is what CCBill billed, else the plan's price.
 */
async function recordCharge(
  em: EntityManager,
  result: HandlerResult,
  fields: CcbillFields,
  billed: string | undefined,
  eventAt: Date,
) {
  if (result.outcome === 'DEFERRED' || result.outcome === 'UNKNOWN_PLAN' || !fields.transactionId) {
    return;
  }
  const subscription = await em.findOne(
    PlanSubscription,
    { providerSubscriptionId: fields.subscriptionId },
    { populate: ['plan'] },
  );
  if (!subscription) {
    return;
  }
  await recordChargePaid(em, {
    provider: 'CCBILL',
    providerRef: fields.transactionId,
    subscription,
    amountJpy: yenOf(billed) ?? subscription.plan.priceJpy,
    periodStart: eventAt,
    periodEnd: subscription.currentPeriodEnd,
    at: eventAt,
  });
}

const reversal =
  (reason: 'REFUND' | 'CHARGEBACK'): Handler =>
  (em, deps, fields) =>
    fields.transactionId
      ? reversePayment(em, deps, 'CCBILL', fields.transactionId, reason)
      : Promise.resolve({ outcome: 'IGNORED: no transactionId' });

const HANDLERS: Record<string, Handler> = {
  async NewSaleSuccess(em, deps, fields, eventAt) {
    const checkout = await checkoutById(em, fields['X-checkoutId']);
    if (!checkout) {
      return { outcome: 'IGNORED: unknown checkout' };
    }
    await closeCheckout(em, checkout, 'COMPLETED');
    await markAgeVerified(em, checkout.userId, eventAt);
    if (checkout.kind === 'TIP' && checkout.tipId) {
      await recordPayment(em, 'CCBILL', fields.transactionId, {
        userId: checkout.userId,
        tipId: checkout.tipId,
      });
      await deps.tipSettlement.tipSucceeded(em, checkout.tipId, 'CCBILL', fields.transactionId);
      return {
        outcome: 'APPLIED: tip succeeded',
        users: [checkout.userId],
        known: [fields.transactionId],
      };
    }
    const paidThrough = ccbillTime(fields.nextRenewalDate);
    const result = await applyFacts(
      em,
      {
        provider: 'CCBILL',
        providerSubscriptionId: fields.subscriptionId,
        userId: checkout.userId,
        planId: checkout.plan?.id ?? null,
        at: eventAt,
        paidThrough,
        estimatedPeriodEnd: new Date(eventAt.getTime() + 30 * 24 * 3600 * 1000),
      },
      fields.transactionId,
      deps,
    );
    await recordCharge(em, result, fields, fields.billedInitialPrice, eventAt);
    return { ...result, users: [...(result.users ?? []), checkout.userId] };
  },

  async NewSaleFailure(em, deps, fields) {
    const checkout = await checkoutById(em, fields['X-checkoutId']);
    await closeCheckout(em, checkout, 'DECLINED');
    if (checkout?.kind === 'TIP' && checkout.tipId) {
      await deps.tipSettlement.tipFailed(em, checkout.tipId);
      return { outcome: 'APPLIED: tip failed' };
    }
    return { outcome: 'APPLIED: sale declined' };
  },

  async RenewalSuccess(em, _deps, fields, eventAt) {
    const result = await applyFacts(
      em,
      {
        provider: 'CCBILL',
        providerSubscriptionId: fields.subscriptionId,
        at: eventAt,
        paidThrough: ccbillTime(fields.nextRenewalDate),
      },
      fields.transactionId,
    );
    await recordCharge(
      em,
      result,
      fields,
      fields.billedAmount ?? fields.billedRecurringPrice,
      eventAt,
    );
    return result;
  },

  /** The subscriber cancelled: access runs to the end of the paid period, then Expiration comes. */
  async Cancellation(em, _deps, fields, eventAt) {
    return applyFacts(em, {
      provider: 'CCBILL',
      providerSubscriptionId: fields.subscriptionId,
      at: eventAt,
      cancelAtPeriodEnd: true,
    });
  },

  async Expiration(em, _deps, fields, eventAt) {
    return applyFacts(em, {
      provider: 'CCBILL',
      providerSubscriptionId: fields.subscriptionId,
      at: eventAt,
      ended: { status: SubscriptionStatus.EXPIRED, reason: 'PERIOD_END' },
    });
  },

  Refund: reversal('REFUND'),
  Return: reversal('REFUND'),
  Void: reversal('REFUND'),
  Chargeback: reversal('CHARGEBACK'),
};

export const CCBILL_EVENT_TYPES = Object.keys(HANDLERS);

/**
 * CCBill payloads carry no event id: the unique key is the event type with the transaction id,
 * or with the subscription id for events that have none (Cancellation, Expiration).
 */
export function ccbillEventKey(eventType: string, fields: CcbillFields): string | null {
  const subject = fields.transactionId || fields.subscriptionId;
  return subject ? `${eventType}:${subject}` : null;
}

export function ccbillEventInput(
  eventType: string,
  fields: CcbillFields,
  rawBody: string,
): ProviderEventInput | null {
  const key = ccbillEventKey(eventType, fields);
  if (!key) {
    return null;
  }
  const handler = HANDLERS[eventType];
  return {
    provider: 'CCBILL',
    key,
    type: eventType,
    rawBody,
    handle: (em, deps) =>
      handler
        ? handler(em, deps, fields, ccbillTime(fields.timestamp) ?? deps.now())
        : Promise.resolve({ outcome: 'IGNORED: unhandled type' }),
  };
}
