import { type EntityManager } from '@mikro-orm/postgresql';
import Stripe from 'stripe';
import { BillingCustomer } from '../checkout/billing-customer.entity';
import { type CheckoutProvider, type CheckoutRequest } from './provider';
import { type PaymentsSettings } from './settings';

/** The SDK client for these settings; `api` points it at a local server in tests. */
export function stripeClient(settings: PaymentsSettings['stripe']) {
  return new Stripe(settings.secretKey, {
    ...(settings.api ?? {}),
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'video-platform-payments' },
  });
}

/**
 * Stripe Checkout: subscriptions in subscription mode for the user's Stripe customer, tips in
 * payment mode. Every POST carries an idempotency key derived from what is being bought, so a
 * retried request (ours or the SDK's) can never make a second session or customer.
 */
export class StripeProvider implements CheckoutProvider {
  readonly name = 'STRIPE' as const;
  readonly mode = 'LIVE' as const;
  private readonly stripe: Stripe;

  constructor(settings: PaymentsSettings['stripe']) {
    this.stripe = stripeClient(settings);
  }

  /** The user's customer, made once: the key is the user id. */
  async customerFor(em: EntityManager, userId: string): Promise<string> {
    const known = await em.findOne(BillingCustomer, { userId, provider: 'STRIPE' });
    if (known) {
      return known.providerCustomerId;
    }
    const customer = await this.stripe.customers.create(
      { metadata: { userId } },
      { idempotencyKey: `vp-customer-${userId}` },
    );
    await em
      .createQueryBuilder(BillingCustomer)
      .insert({
        userId,
        provider: 'STRIPE',
        providerCustomerId: customer.id,
        createdAt: new Date(),
      })
      .onConflict(['user_id', 'provider'])
      .ignore()
      .execute('run');
    return customer.id;
  }

  async createCheckout(em: EntityManager, request: CheckoutRequest) {
    const { checkout, plan, publicUrl } = request;
    const metadata = { checkoutId: checkout.id, userId: checkout.userId };
    const returnUrls = {
      success_url: `${publicUrl}/checkout/${checkout.id}?result=success`,
      cancel_url: `${publicUrl}/checkout/${checkout.id}?result=cancel`,
    };
    let session: Stripe.Checkout.Session;
    if (checkout.kind === 'SUBSCRIPTION' && plan) {
      const customer = await this.customerFor(em, checkout.userId);
      const planMetadata = { ...metadata, planId: plan.id };
      session = await this.stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer,
          client_reference_id: checkout.userId,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'jpy',
                unit_amount: plan.priceJpy,
                recurring: { interval: 'month' },
                product_data: { name: plan.name, metadata: { planId: plan.id } },
              },
            },
          ],
          // The subscription (and so every invoice and update) carries who and what it is for.
          subscription_data: { metadata: planMetadata },
          metadata: planMetadata,
          ...returnUrls,
        },
        { idempotencyKey: `vp-checkout-subscription-${checkout.userId}-${plan.id}-${checkout.id}` },
      );
    } else {
      session = await this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: checkout.userId,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'jpy',
                unit_amount: checkout.amountJpy,
                product_data: { name: 'Tip' },
              },
            },
          ],
          payment_intent_data: { metadata: { ...metadata, tipId: checkout.tipId! } },
          metadata: { ...metadata, tipId: checkout.tipId! },
          ...returnUrls,
        },
        { idempotencyKey: `vp-checkout-tip-${checkout.tipId}` },
      );
    }
    return { url: session.url!, providerRef: session.id };
  }
}
