import { type EntityManager } from '@mikro-orm/postgresql';
import type Stripe from 'stripe';
import { recordChargeFailed, recordChargePaid } from '../invoices/invoice.service';
import { PlanSubscription, SubscriptionStatus } from '../subscriptions/subscription.entity';
import { applyAccountUpdate, payoutFailed, payoutPaid } from '../payouts/payouts.service';
import { endReplacedAtProvider } from '../subscriptions/subscription-lifecycle';
import { applySubscriptionFacts, type SubscriptionFacts } from '../subscriptions/subscription-sync';
import { type HandlerDeps, type HandlerResult, type ProviderEventInput } from './intake';
import {
  checkoutById,
  closeCheckout,
  latestSubscriptionOfCustomer,
  recordPayment,
  recordRefund,
  reversePayment,
} from './settlement';

const at = (seconds: number) => new Date(seconds * 1000);
const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

type Handler = (
  em: EntityManager,
  deps: HandlerDeps,
  event: Stripe.Event,
) => Promise<HandlerResult>;

/** The result of applying subscription facts, as a handler result. */
async function applyFacts(
  em: EntityManager,
  facts: SubscriptionFacts,
  extraRefs: string[] = [],
  deps?: HandlerDeps,
) {
  const result = await applySubscriptionFacts(em, facts);
  if (result.outcome === 'APPLIED' && result.replaced && deps?.providers) {
    await endReplacedAtProvider(em, { providers: deps.providers }, result.replaced);
  }
  if (result.outcome === 'DEFERRED' || result.outcome === 'UNKNOWN_PLAN') {
    return { outcome: result.outcome, waitingFor: facts.providerSubscriptionId };
  }
  const subscription = result.subscription!;
  for (const ref of extraRefs) {
    await recordPayment(em, 'STRIPE', ref, {
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
    known: [facts.providerSubscriptionId, ...extraRefs],
  };
}

/** What a subscription object says, whatever event carried it. */
function subscriptionFacts(subscription: Stripe.Subscription, eventAt: Date): SubscriptionFacts {
  const item = subscription.items?.data?.[0];
  const periodEnd = item ? at(item.current_period_end) : undefined;
  const facts: SubscriptionFacts = {
    provider: 'STRIPE',
    providerSubscriptionId: subscription.id,
    providerCustomerId: idOf(subscription.customer),
    userId: subscription.metadata?.userId ?? null,
    planId: subscription.metadata?.planId ?? null,
    at: eventAt,
    periodEnd,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };
  switch (subscription.status) {
    case 'active':
    case 'trialing':
      facts.paidThrough = periodEnd;
      break;
    case 'past_due':
    case 'unpaid':
      facts.failedThrough = periodEnd;
      break;
    case 'canceled':
    case 'incomplete_expired':
      facts.ended = endOf(subscription);
      break;
    default:
      break;
  }
  return facts;
}

/** Ending at (or after) the paid period's end is expiry; before it, a cancellation. */
function endOf(subscription: Stripe.Subscription): NonNullable<SubscriptionFacts['ended']> {
  const item = subscription.items?.data?.[0];
  const endedAt = subscription.ended_at ?? subscription.canceled_at ?? 0;
  const expired =
    subscription.cancel_at_period_end || (!!item && endedAt >= item.current_period_end);
  return expired
    ? { status: SubscriptionStatus.EXPIRED, reason: 'PERIOD_END' }
    : { status: SubscriptionStatus.CANCELED, reason: 'PROVIDER' };
}

/** The subscription an invoice bills, and the period its lines cover. */
function invoiceFacts(invoice: Stripe.Invoice, eventAt: Date) {
  const details = invoice.parent?.subscription_details;
  const subscriptionId = idOf(details?.subscription);
  const periodEnd = Math.max(0, ...(invoice.lines?.data ?? []).map(line => line.period?.end ?? 0));
  const paymentRefs = [
    invoice.id,
    ...(invoice.payments?.data ?? [])
      .map(payment => idOf(payment.payment?.payment_intent ?? null))
      .filter((ref): ref is string => !!ref),
  ].filter((ref): ref is string => !!ref);
  const base = {
    provider: 'STRIPE' as const,
    providerSubscriptionId: subscriptionId ?? '',
    providerCustomerId: idOf(invoice.customer),
    userId: details?.metadata?.userId ?? null,
    planId: details?.metadata?.planId ?? null,
    at: eventAt,
  };
  return { subscriptionId, periodEnd: periodEnd ? at(periodEnd) : undefined, paymentRefs, base };
}

/**
 * The invoice of a subscription we know, as a charge (paid or failed): the invoices list and the
 * receipt or failed-payment email. Zero-yen invoices (a downgrade's credit) charge nothing.
 */
async function recordInvoice(
  em: EntityManager,
  invoice: Stripe.Invoice,
  eventAt: Date,
  outcome: 'paid' | 'failed',
) {
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  const amountJpy = outcome === 'paid' ? invoice.amount_paid : invoice.amount_due;
  if (!subscriptionId || !invoice.id || invoice.currency !== 'jpy' || !(amountJpy > 0)) {
    return;
  }
  const subscription = await em.findOne(
    PlanSubscription,
    { providerSubscriptionId: subscriptionId },
    { populate: ['plan'] },
  );
  if (!subscription) {
    return;
  }
  const periods = (invoice.lines?.data ?? []).map(line => line.period).filter(p => !!p);
  const charge = {
    provider: 'STRIPE' as const,
    providerRef: invoice.id,
    subscription,
    amountJpy,
    periodStart: periods.length ? at(Math.min(...periods.map(p => p.start))) : eventAt,
    periodEnd: periods.length
      ? at(Math.max(...periods.map(p => p.end)))
      : subscription.currentPeriodEnd,
    at:
      outcome === 'paid' && invoice.status_transitions?.paid_at
        ? at(invoice.status_transitions.paid_at)
        : eventAt,
  };
  await (outcome === 'paid' ? recordChargePaid(em, charge) : recordChargeFailed(em, charge));
}

const HANDLERS: Record<string, Handler> = {
  async 'checkout.session.completed'(em, deps, event) {
    const session = event.data.object as Stripe.Checkout.Session;
    const checkout = await checkoutById(em, session.metadata?.checkoutId);
    if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
      return { outcome: 'IGNORED: not paid yet' };
    }
    await closeCheckout(em, checkout, 'COMPLETED');
    const userId = session.metadata?.userId ?? session.client_reference_id;
    if (session.mode === 'subscription' && session.subscription && userId) {
      const eventAt = at(event.created);
      return applyFacts(
        em,
        {
          provider: 'STRIPE',
          providerSubscriptionId: idOf(session.subscription)!,
          providerCustomerId: idOf(session.customer),
          userId,
          planId: session.metadata?.planId ?? null,
          at: eventAt,
          // The session does not say when the period ends; the subscription's events will.
          estimatedPeriodEnd: new Date(eventAt.getTime() + 30 * 24 * 3600 * 1000),
        },
        session.invoice ? [idOf(session.invoice)!] : [],
        deps,
      );
    }
    const tipId = session.metadata?.tipId;
    const paymentIntent = idOf(session.payment_intent);
    if (session.mode === 'payment' && tipId && userId && paymentIntent) {
      await recordPayment(em, 'STRIPE', paymentIntent, { userId, tipId });
      await deps.tipSettlement.tipSucceeded(em, tipId, 'STRIPE', paymentIntent);
      return { outcome: 'APPLIED: tip succeeded', known: [paymentIntent] };
    }
    return { outcome: 'IGNORED: not ours' };
  },

  async 'checkout.session.expired'(em, deps, event) {
    const session = event.data.object as Stripe.Checkout.Session;
    const checkout = await checkoutById(em, session.metadata?.checkoutId);
    await closeCheckout(em, checkout, 'EXPIRED');
    const tipId = session.metadata?.tipId;
    if (tipId) {
      await deps.tipSettlement.tipFailed(em, tipId);
      return { outcome: 'APPLIED: tip failed' };
    }
    return { outcome: 'APPLIED: checkout expired' };
  },

  async 'customer.subscription.created'(em, deps, event) {
    return applyFacts(
      em,
      subscriptionFacts(event.data.object as Stripe.Subscription, at(event.created)),
      [],
      deps,
    );
  },
  async 'customer.subscription.updated'(em, deps, event) {
    return applyFacts(
      em,
      subscriptionFacts(event.data.object as Stripe.Subscription, at(event.created)),
      [],
      deps,
    );
  },
  async 'customer.subscription.deleted'(em, _deps, event) {
    const subscription = event.data.object as Stripe.Subscription;
    return applyFacts(em, {
      ...subscriptionFacts(subscription, at(event.created)),
      ended: endOf(subscription),
    });
  },

  async 'invoice.paid'(em, deps, event) {
    const { subscriptionId, periodEnd, paymentRefs, base } = invoiceFacts(
      event.data.object as Stripe.Invoice,
      at(event.created),
    );
    if (!subscriptionId) {
      return { outcome: 'IGNORED: not a subscription invoice' };
    }
    const result = await applyFacts(em, { ...base, paidThrough: periodEnd }, paymentRefs, deps);
    if (result.outcome !== 'DEFERRED' && result.outcome !== 'UNKNOWN_PLAN') {
      await recordInvoice(em, event.data.object as Stripe.Invoice, at(event.created), 'paid');
    }
    return result;
  },

  async 'invoice.payment_failed'(em, _deps, event) {
    const { subscriptionId, periodEnd, base } = invoiceFacts(
      event.data.object as Stripe.Invoice,
      at(event.created),
    );
    if (!subscriptionId) {
      return { outcome: 'IGNORED: not a subscription invoice' };
    }
    const result = await applyFacts(em, { ...base, failedThrough: periodEnd });
    if (result.outcome !== 'DEFERRED' && result.outcome !== 'UNKNOWN_PLAN') {
      await recordInvoice(em, event.data.object as Stripe.Invoice, at(event.created), 'failed');
    }
    return result;
  },

  async 'charge.refunded'(em, deps, event) {
    const charge = event.data.object as Stripe.Charge;
    if (charge.amount_refunded < charge.amount) {
      // A partial refund is a goodwill gesture, not a reversal of what was bought.
      return { outcome: 'IGNORED: partial refund' };
    }
    const paymentIntent = idOf(charge.payment_intent);
    const customer = idOf(charge.customer);
    if (paymentIntent) {
      const reversed = await reversePayment(em, deps, 'STRIPE', paymentIntent, 'REFUND');
      if (reversed.outcome !== 'DEFERRED' || !customer) {
        return reversed;
      }
    }
    // Subscription charges may name only the customer: refund their latest subscription.
    const subscription = customer
      ? await latestSubscriptionOfCustomer(em, 'STRIPE', customer)
      : null;
    if (!subscription?.providerSubscriptionId) {
      return { outcome: 'DEFERRED', waitingFor: paymentIntent ?? charge.id };
    }
    await recordPayment(em, 'STRIPE', charge.id, {
      userId: subscription.userId,
      providerSubscriptionId: subscription.providerSubscriptionId,
    });
    return reversePayment(em, deps, 'STRIPE', charge.id, 'REFUND');
  },

  /**
   * Each refund by its own id: partial ones move their share of the money; one that refunds the
   * whole charge is the full reversal `charge.refunded` also announces (whichever comes first
   * acts, the other finds nothing left). Pending refunds wait for their `refund.updated`.
   */
  async 'refund.created'(em, deps, event) {
    return refundEvent(em, deps, event);
  },
  async 'refund.updated'(em, deps, event) {
    return refundEvent(em, deps, event);
  },

  /** Connect: a creator's payout account changed (onboarding finished, restricted, restored). */
  async 'account.updated'(em, _deps, event) {
    return {
      outcome: await applyAccountUpdate(em, event.data.object as Stripe.Account, at(event.created)),
    };
  },
  async 'payout.paid'(em, _deps, event) {
    return { outcome: await payoutPaid(em, event.data.object as Stripe.Payout, at(event.created)) };
  },
  async 'payout.failed'(em, deps, event) {
    if (!deps.payouts) {
      throw new Error('payout.failed needs the payout provider');
    }
    return {
      outcome: await payoutFailed(
        em,
        { payouts: deps.payouts },
        event.data.object as Stripe.Payout,
        at(event.created),
      ),
    };
  },

  async 'charge.dispute.created'(em, deps, event) {
    const dispute = event.data.object as Stripe.Dispute;
    const ref = idOf(dispute.payment_intent) ?? idOf(dispute.charge);
    if (!ref) {
      return { outcome: 'IGNORED: no payment named' };
    }
    return reversePayment(em, deps, 'STRIPE', ref, 'CHARGEBACK');
  },
};

async function refundEvent(
  em: EntityManager,
  deps: HandlerDeps,
  event: Stripe.Event,
): Promise<HandlerResult> {
  const refund = event.data.object as Stripe.Refund;
  if (refund.status !== 'succeeded') {
    return { outcome: `IGNORED: refund ${refund.status}` };
  }
  const paymentRef = idOf(refund.payment_intent) ?? idOf(refund.charge);
  if (!paymentRef || refund.currency !== 'jpy') {
    return { outcome: 'IGNORED: not a yen payment of ours' };
  }
  return recordRefund(em, deps, 'STRIPE', {
    refundId: refund.id,
    paymentRef,
    amountJpy: refund.amount,
    at: at(refund.created ?? event.created),
  });
}

export const STRIPE_EVENT_TYPES = Object.keys(HANDLERS);

/** A verified Stripe event as an intake input; unknown types are stored and acknowledged. */
export function stripeEventInput(event: Stripe.Event, rawBody: string): ProviderEventInput {
  const handler = HANDLERS[event.type];
  return {
    provider: 'STRIPE',
    key: event.id,
    type: event.type,
    rawBody,
    handle: (em, deps) =>
      handler ? handler(em, deps, event) : Promise.resolve({ outcome: 'IGNORED: unhandled type' }),
  };
}
