import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';

/**
 * Stripe objects and events as Stripe sends them (API version of the pinned SDK), built by the
 * sandbox. Only the fields a webhook handler may read are filled; ids have Stripe's prefixes.
 */
export const STRIPE_API_VERSION = '2025-10-29.clover';

export const stripeId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Stripe's monthly period: the same day of the next month (clamped to its last day). */
export function addMonth(seconds: number): number {
  const start = new Date(seconds * 1000);
  const end = new Date(start);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return Math.floor(end.getTime() / 1000);
}

export function stripeEvent<T extends { object: string }>(
  type: string,
  object: T,
  created: number,
): Stripe.Event {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

export interface StripeSubscriptionShape {
  id: string;
  customer: string;
  metadata: Record<string, string>;
  status: Stripe.Subscription.Status;
  cancelAtPeriodEnd: boolean;
  periodStart: number;
  periodEnd: number;
  priceJpy: number;
  created: number;
}

export function stripeSubscription(shape: StripeSubscriptionShape) {
  return {
    id: shape.id,
    object: 'subscription' as const,
    customer: shape.customer,
    status: shape.status,
    cancel_at_period_end: shape.cancelAtPeriodEnd,
    canceled_at: shape.status === 'canceled' ? shape.periodEnd : null,
    ended_at: shape.status === 'canceled' ? shape.periodEnd : null,
    created: shape.created,
    start_date: shape.created,
    currency: 'jpy',
    livemode: false,
    metadata: shape.metadata,
    items: {
      object: 'list' as const,
      has_more: false,
      data: [
        {
          id: stripeId('si'),
          object: 'subscription_item' as const,
          current_period_start: shape.periodStart,
          current_period_end: shape.periodEnd,
          quantity: 1,
          price: {
            id: stripeId('price'),
            object: 'price' as const,
            currency: 'jpy',
            unit_amount: shape.priceJpy,
            recurring: { interval: 'month' as const, interval_count: 1 },
          },
        },
      ],
    },
  };
}

export function stripeInvoice(shape: {
  subscription: StripeSubscriptionShape;
  status: 'paid' | 'open';
  paymentIntent: string;
  created: number;
}) {
  const { subscription } = shape;
  return {
    id: stripeId('in'),
    object: 'invoice' as const,
    customer: subscription.customer,
    status: shape.status,
    currency: 'jpy',
    amount_due: subscription.priceJpy,
    amount_paid: shape.status === 'paid' ? subscription.priceJpy : 0,
    created: shape.created,
    billing_reason: 'subscription_create',
    livemode: false,
    parent: {
      type: 'subscription_details' as const,
      quote_details: null,
      subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
    },
    lines: {
      object: 'list' as const,
      has_more: false,
      data: [
        {
          id: stripeId('il'),
          object: 'line_item' as const,
          amount: subscription.priceJpy,
          currency: 'jpy',
          period: { start: subscription.periodStart, end: subscription.periodEnd },
        },
      ],
    },
    payments: {
      object: 'list' as const,
      has_more: false,
      data: [
        {
          id: stripeId('inpay'),
          object: 'invoice_payment' as const,
          status: shape.status === 'paid' ? 'paid' : 'open',
          payment: { type: 'payment_intent' as const, payment_intent: shape.paymentIntent },
        },
      ],
    },
  };
}

export function stripeCheckoutSession(shape: {
  id: string;
  mode: 'subscription' | 'payment';
  status: 'complete' | 'expired';
  userId: string;
  customer: string | null;
  subscription: string | null;
  invoice: string | null;
  paymentIntent: string | null;
  amountJpy: number;
  metadata: Record<string, string>;
  created: number;
}) {
  return {
    id: shape.id,
    object: 'checkout.session' as const,
    mode: shape.mode,
    status: shape.status,
    payment_status: shape.status === 'complete' ? 'paid' : 'unpaid',
    client_reference_id: shape.userId,
    customer: shape.customer,
    subscription: shape.subscription,
    invoice: shape.invoice,
    payment_intent: shape.paymentIntent,
    amount_total: shape.amountJpy,
    currency: 'jpy',
    livemode: false,
    metadata: shape.metadata,
    created: shape.created,
    expires_at: shape.created + 24 * 3600,
  };
}

export function stripeCharge(shape: {
  customer: string | null;
  paymentIntent: string;
  amountJpy: number;
  refundedJpy: number;
  created: number;
}) {
  return {
    id: stripeId('ch'),
    object: 'charge' as const,
    amount: shape.amountJpy,
    amount_captured: shape.amountJpy,
    amount_refunded: shape.refundedJpy,
    refunded: shape.refundedJpy >= shape.amountJpy,
    captured: true,
    paid: true,
    status: 'succeeded',
    currency: 'jpy',
    customer: shape.customer,
    payment_intent: shape.paymentIntent,
    metadata: {},
    created: shape.created,
    livemode: false,
  };
}

export function stripeDispute(shape: {
  charge: string;
  paymentIntent: string;
  amountJpy: number;
  created: number;
}) {
  return {
    id: stripeId('dp'),
    object: 'dispute' as const,
    charge: shape.charge,
    payment_intent: shape.paymentIntent,
    amount: shape.amountJpy,
    currency: 'jpy',
    reason: 'fraudulent',
    status: 'needs_response',
    created: shape.created,
    livemode: false,
    metadata: {},
  };
}

export function stripeRefund(shape: {
  id?: string;
  amountJpy: number;
  paymentIntent: string;
  status?: 'succeeded' | 'pending' | 'failed';
  created: number;
}) {
  return {
    id: shape.id ?? stripeId('re'),
    object: 'refund' as const,
    amount: shape.amountJpy,
    currency: 'jpy',
    payment_intent: shape.paymentIntent,
    charge: stripeId('ch'),
    status: shape.status ?? 'succeeded',
    reason: 'requested_by_customer',
    created: shape.created,
    metadata: {},
  };
}
