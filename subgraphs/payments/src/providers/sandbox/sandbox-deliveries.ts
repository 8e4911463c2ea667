import { type EntityManager } from '@mikro-orm/postgresql';
import { BillingCustomer } from '../../checkout/billing-customer.entity';
import { type CheckoutSession } from '../../checkout/checkout-session.entity';
import { ccbillPricingFor } from '../ccbill.provider';
import { type PaymentsSettings } from '../settings';
import { stripeClient } from '../stripe.provider';
import {
  ccbillDate,
  ccbillSubscriptionId,
  ccbillTimestamp,
  ccbillTransactionId,
  type CcbillPostback,
} from './ccbill-events';
import {
  addMonth,
  stripeCheckoutSession,
  stripeEvent,
  stripeId,
  stripeInvoice,
  stripeSubscription,
} from './stripe-events';
import type Stripe from 'stripe';

export type SandboxDelivery =
  { provider: 'STRIPE'; event: Stripe.Event } | { provider: 'CCBILL'; postback: CcbillPostback };

/** The webhooks the real provider would send when this checkout is paid or declined. */
export async function sandboxDeliveries(
  em: EntityManager,
  checkout: CheckoutSession,
  outcome: 'success' | 'decline',
  now: Date,
): Promise<SandboxDelivery[]> {
  return checkout.provider === 'STRIPE'
    ? (await stripeDeliveries(em, checkout, outcome, now)).map(event => ({
        provider: 'STRIPE' as const,
        event,
      }))
    : ccbillDeliveries(checkout, outcome, now).map(postback => ({
        provider: 'CCBILL' as const,
        postback,
      }));
}

async function stripeDeliveries(
  em: EntityManager,
  checkout: CheckoutSession,
  outcome: string,
  now: Date,
) {
  const created = Math.floor(now.getTime() / 1000);
  const metadata: Record<string, string> = { checkoutId: checkout.id, userId: checkout.userId };
  const sessionId = checkout.providerRef ?? stripeId('cs');
  const subscriptionMode = checkout.kind === 'SUBSCRIPTION';
  if (checkout.tipId) {
    metadata.tipId = checkout.tipId;
  }
  if (checkout.plan) {
    metadata.planId = checkout.plan.id;
  }
  if (outcome !== 'success') {
    const session = stripeCheckoutSession({
      id: sessionId,
      mode: subscriptionMode ? 'subscription' : 'payment',
      status: 'expired',
      userId: checkout.userId,
      customer: null,
      subscription: null,
      invoice: null,
      paymentIntent: null,
      amountJpy: checkout.amountJpy,
      metadata,
      created,
    });
    return [stripeEvent('checkout.session.expired', session, created)];
  }
  const paymentIntent = stripeId('pi');
  if (!subscriptionMode) {
    const session = stripeCheckoutSession({
      id: sessionId,
      mode: 'payment',
      status: 'complete',
      userId: checkout.userId,
      customer: null,
      subscription: null,
      invoice: null,
      paymentIntent,
      amountJpy: checkout.amountJpy,
      metadata,
      created,
    });
    return [stripeEvent('checkout.session.completed', session, created)];
  }
  const customer =
    (await em.findOne(BillingCustomer, { userId: checkout.userId, provider: 'STRIPE' }))
      ?.providerCustomerId ?? stripeId('cus');
  const shape = {
    id: stripeId('sub'),
    customer,
    metadata,
    status: 'active' as const,
    cancelAtPeriodEnd: false,
    periodStart: created,
    periodEnd: addMonth(created),
    priceJpy: checkout.amountJpy,
    created,
  };
  const invoice = stripeInvoice({ subscription: shape, status: 'paid', paymentIntent, created });
  const session = stripeCheckoutSession({
    id: sessionId,
    mode: 'subscription',
    status: 'complete',
    userId: checkout.userId,
    customer,
    subscription: shape.id,
    invoice: invoice.id,
    paymentIntent: null,
    amountJpy: checkout.amountJpy,
    metadata,
    created,
  });
  return [
    stripeEvent('checkout.session.completed', session, created),
    stripeEvent('customer.subscription.created', stripeSubscription(shape), created),
    stripeEvent('invoice.paid', invoice, created),
  ];
}

function ccbillDeliveries(checkout: CheckoutSession, outcome: string, now: Date): CcbillPostback[] {
  const pricing = ccbillPricingFor({
    checkout,
    plan: checkout.plan,
    initialAmountJpy: checkout.amountJpy,
    publicUrl: '',
  });
  const common = {
    transactionId: ccbillTransactionId(),
    timestamp: ccbillTimestamp(now),
    'X-checkoutId': checkout.id,
    formName: 'sandbox',
    accountingCurrencyCode: pricing.currencyCode,
    subscriptionCurrencyCode: pricing.currencyCode,
  };
  if (outcome !== 'success') {
    return [
      {
        eventType: 'NewSaleFailure',
        eventGroupType: 'Subscription',
        fields: { ...common, failureReason: 'Transaction Declined', failureCode: 'BE-140' },
      },
    ];
  }
  const recurring = checkout.kind === 'SUBSCRIPTION';
  const renewal = new Date(now.getTime() + Number(pricing.initialPeriod) * 24 * 3600 * 1000);
  return [
    {
      eventType: 'NewSaleSuccess',
      eventGroupType: 'Subscription',
      fields: {
        ...common,
        subscriptionId: ccbillSubscriptionId(),
        subscriptionInitialPrice: pricing.initialPrice,
        billedInitialPrice: pricing.initialPrice,
        accountingInitialPrice: pricing.initialPrice,
        initialPeriod: pricing.initialPeriod,
        ...(recurring
          ? {
              subscriptionRecurringPrice: pricing.recurringPrice!,
              billedRecurringPrice: pricing.recurringPrice!,
              recurringPeriod: pricing.recurringPeriod!,
              rebills: pricing.numRebills!,
              nextRenewalDate: ccbillDate(renewal),
            }
          : { rebills: '0' }),
        paymentType: 'CREDIT',
        cardType: 'VISA',
        last4: '4242',
      },
    },
  ];
}

/** Posts sandbox deliveries to the webhook routes, signed and authenticated like the real ones. */
export async function deliverToWebhooks(
  baseUrl: string,
  settings: PaymentsSettings,
  deliveries: SandboxDelivery[],
): Promise<number[]> {
  const stripe = stripeClient(settings.stripe);
  const statuses: number[] = [];
  for (const delivery of deliveries) {
    if (delivery.provider === 'STRIPE') {
      const payload = JSON.stringify(delivery.event, null, 2);
      const signature = stripe.webhooks.generateTestHeaderString({
        payload,
        secret: settings.stripe.webhookSecret,
      });
      const response = await fetch(`${baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signature,
        },
        body: payload,
      });
      statuses.push(response.status);
    } else {
      const query = new URLSearchParams({
        token: settings.ccbill.webhookToken,
        clientAccnum: settings.ccbill.account,
        clientSubacc: settings.ccbill.subaccount,
        eventType: delivery.postback.eventType,
        eventGroupType: delivery.postback.eventGroupType,
      });
      const response = await fetch(`${baseUrl}/webhooks/ccbill?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          clientAccnum: settings.ccbill.account,
          clientSubacc: settings.ccbill.subaccount,
          ...delivery.postback.fields,
        }).toString(),
      });
      statuses.push(response.status);
    }
  }
  return statuses;
}
