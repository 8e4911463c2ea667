import { type EntityManager } from '@mikro-orm/postgresql';
import Stripe from 'stripe';
import { BillingCustomer } from '../checkout/billing-customer.entity';
import { type Plan } from '../plans/plan.entity';
import {
  type BilledSubscription,
  type CheckoutProvider,
  type CheckoutRequest,
  type ProviderChange,
  providerFailure,
} from './provider';
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

  /** A Stripe call whose failure is a coded error (the transaction around it rolls back). */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code =
        error instanceof Stripe.errors.StripeError ? (error.code ?? error.type) : 'network';
      throw providerFailure('STRIPE', String(code));
    }
  }

  /** What a subscription Stripe returned says about the fields the lifecycle changes. */
  private static changeOf(subscription: Stripe.Subscription): ProviderChange {
    const item = subscription.items?.data?.[0];
    return {
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      planId: subscription.metadata?.planId,
      periodEnd: item?.current_period_end ? new Date(item.current_period_end * 1000) : undefined,
    };
  }

  async setCancelAtPeriodEnd(subscription: BilledSubscription, cancel: boolean, key: string) {
    const updated = await this.call(() =>
      this.stripe.subscriptions.update(
        subscription.providerSubscriptionId,
        { cancel_at_period_end: cancel },
        { idempotencyKey: key },
      ),
    );
    return StripeProvider.changeOf(updated);
  }

  async cancelNow(subscription: BilledSubscription, key: string) {
    // The upgrade's price already credited the unused part: Stripe must not credit it again.
    await this.call(() =>
      this.stripe.subscriptions.cancel(
        subscription.providerSubscriptionId,
        { prorate: false, invoice_now: false },
        { idempotencyKey: key },
      ),
    );
    return {};
  }

  /**
   * A product per plan with a fixed id (`vp_plan_<planId>`), made once: prices of subscription
   * updates and schedules must name a product, and inline `product_data` is only for Checkout.
   */
  private async productFor(plan: Pick<Plan, 'id' | 'name'>): Promise<string> {
    const id = `vp_plan_${plan.id}`;
    try {
      await this.stripe.products.create(
        { id, name: plan.name, metadata: { planId: plan.id } },
        { idempotencyKey: `vp-product-${plan.id}` },
      );
    } catch (error) {
      if (!(
        error instanceof Stripe.errors.StripeError && error.code === 'resource_already_exists'
      )) {
        throw error;
      }
    }
    return id;
  }

  /**
   * Upgrade now: the subscription's item moves to the new price and Stripe invoices the prorated
   * difference at once (`always_invoice`); an unpaid difference leaves the subscription unchanged
   * (`error_if_incomplete`). Downgrade: a subscription schedule whose second phase, from the
   * period end, bills the new price; the schedule then releases the subscription.
   */
  async changePlan(
    subscription: BilledSubscription,
    plan: Pick<Plan, 'id' | 'name' | 'priceJpy'>,
    when: 'now' | 'period_end',
    key: string,
  ): Promise<ProviderChange> {
    return this.call(async () => {
      const current = await this.stripe.subscriptions.retrieve(subscription.providerSubscriptionId);
      const item = current.items.data[0];
      const product = await this.productFor(plan);
      const priceData = {
        currency: 'jpy',
        product,
        unit_amount: plan.priceJpy,
        recurring: { interval: 'month' as const },
      };
      const metadata = { ...current.metadata, planId: plan.id };
      if (when === 'now') {
        const updated = await this.stripe.subscriptions.update(
          current.id,
          {
            items: [{ id: item.id, price_data: priceData, quantity: 1 }],
            proration_behavior: 'always_invoice',
            payment_behavior: 'error_if_incomplete',
            cancel_at_period_end: false,
            metadata,
          },
          { idempotencyKey: key },
        );
        return StripeProvider.changeOf(updated);
      }
      const schedule = await this.stripe.subscriptionSchedules.create(
        { from_subscription: current.id },
        { idempotencyKey: `${key}-schedule` },
      );
      const phase = schedule.phases[0];
      await this.stripe.subscriptionSchedules.update(
        schedule.id,
        {
          end_behavior: 'release',
          phases: [
            {
              items: [
                { price: typeof item.price === 'string' ? item.price : item.price.id, quantity: 1 },
              ],
              start_date: phase.start_date,
              end_date: phase.end_date,
            },
            {
              items: [{ price_data: priceData, quantity: 1 }],
              duration: { interval: 'month', interval_count: 1 },
              metadata,
            },
          ],
        },
        { idempotencyKey: `${key}-phases` },
      );
      return {};
    });
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
