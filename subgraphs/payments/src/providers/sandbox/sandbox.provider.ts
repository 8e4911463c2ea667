import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, createLogger } from '@vp/kit';
import { BillingCustomer } from '../../checkout/billing-customer.entity';
import { type PaymentProviderName } from '../../contracts';
import { type Plan } from '../../plans/plan.entity';
import {
  type BilledSubscription,
  type CheckoutProvider,
  type CheckoutRequest,
  type ProviderChange,
} from '../provider';
import { type PaymentsSettings } from '../settings';
import { ccbillTimestamp } from './ccbill-events';
import { deliverToWebhooks, type SandboxDelivery } from './sandbox-deliveries';
import { stripeEvent, stripeId, stripeSubscription } from './stripe-events';

/** What the sandbox needs to answer like a provider and then post that provider's webhooks. */
export interface SandboxWiring {
  settings: PaymentsSettings;
  /** The subgraph's own origin, once it has served a request (where its webhooks are posted). */
  selfUrl: () => string | null;
  now: () => Date;
}

const log = createLogger('payments-sandbox');
const MONTH_SECONDS = 30 * 24 * 3600;

/**
 * The embedded default: checkout happens on a local page (`<publicUrl>/checkout/<id>`), which
 * then plays the provider — Stripe for general content, CCBill for adult — by posting that
 * provider's webhooks, signed the provider's way, to the same handlers the real ones reach.
 * Lifecycle calls answer as the provider's API would (Stripe returns the updated subscription,
 * CCBill `results 1`, and refuses to restart a cancellation) and then post the webhooks the
 * provider sends after such a call, so local state follows the provider here as in production.
 */
export class SandboxProvider implements CheckoutProvider {
  readonly mode = 'SANDBOX' as const;
  /** Every lifecycle call, as the real provider would have received it (tests, the bench). */
  readonly calls: { call: string; providerSubscriptionId: string; key: string }[] = [];

  constructor(
    readonly name: PaymentProviderName,
    private readonly wiring?: SandboxWiring,
  ) {}

  async createCheckout(em: EntityManager, request: CheckoutRequest) {
    if (this.name === 'STRIPE' && request.checkout.kind === 'SUBSCRIPTION') {
      // Like Stripe, a subscription belongs to the user's customer, made once.
      const known = await em.findOne(BillingCustomer, {
        userId: request.checkout.userId,
        provider: 'STRIPE',
      });
      if (!known) {
        await em
          .createQueryBuilder(BillingCustomer)
          .insert({
            userId: request.checkout.userId,
            provider: 'STRIPE',
            providerCustomerId: stripeId('cus'),
            createdAt: new Date(),
          })
          .onConflict(['user_id', 'provider'])
          .ignore()
          .execute('run');
      }
    }
    return {
      url: `${request.publicUrl}/checkout/${request.checkout.id}`,
      providerRef: this.name === 'STRIPE' ? stripeId('cs') : null,
    };
  }

  /** Posts the webhooks after the caller's transaction committed (they lock the same row). */
  private later(deliveries: SandboxDelivery[]): () => Promise<void> {
    return async () => {
      const base = this.wiring?.selfUrl();

      if (!this.wiring || !base) {
        return;
      }
      const statuses = await deliverToWebhooks(base, this.wiring.settings, deliveries);
      if (statuses.some(status => status >= 300)) {
        log.error({ statuses }, 'sandbox lifecycle webhooks were not accepted');
      }
    };
  }

  private stripeUpdate(
    type: string,
    subscription: BilledSubscription,
    fields: { cancelAtPeriodEnd: boolean; planId: string; priceJpy: number; status?: 'canceled' },
  ): SandboxDelivery {
    const created = Math.floor((this.wiring?.now() ?? new Date()).getTime() / 1000);
    const periodEnd = Math.floor(subscription.currentPeriodEnd.getTime() / 1000);
    const object = stripeSubscription({
      id: subscription.providerSubscriptionId,
      customer: subscription.providerCustomerId ?? stripeId('cus'),
      metadata: { userId: subscription.userId, planId: fields.planId },
      status: fields.status ?? 'active',
      cancelAtPeriodEnd: fields.cancelAtPeriodEnd,
      periodStart: periodEnd - MONTH_SECONDS,
      periodEnd,
      priceJpy: fields.priceJpy,
      created,
    });
    return { provider: 'STRIPE', event: stripeEvent(type, object, created) };
  }

  private ccbillCancellation(subscription: BilledSubscription): SandboxDelivery {
    return {
      provider: 'CCBILL',
      postback: {
        eventType: 'Cancellation',
        eventGroupType: 'Subscription',
        fields: {
          subscriptionId: subscription.providerSubscriptionId,
          timestamp: ccbillTimestamp(this.wiring?.now() ?? new Date()),
          reason: 'Merchant cancelled through the API',
          source: 'API',
        },
      },
    };
  }

  async setCancelAtPeriodEnd(
    subscription: BilledSubscription,
    cancel: boolean,
    key: string,
  ): Promise<ProviderChange> {
    if (this.name === 'CCBILL' && !cancel) {
      throw badInput(
        'CCBill cannot restart a cancelled subscription. Subscribe again when the current period ends.',
      );
    }
    this.calls.push({
      call: cancel ? 'cancel_at_period_end' : 'resume',
      providerSubscriptionId: subscription.providerSubscriptionId,
      key,
    });
    const delivery =
      this.name === 'STRIPE'
        ? this.stripeUpdate('customer.subscription.updated', subscription, {
            cancelAtPeriodEnd: cancel,
            planId: subscription.plan.id,
            priceJpy: subscription.plan.priceJpy,
          })
        : this.ccbillCancellation(subscription);
    return { cancelAtPeriodEnd: cancel, afterCommit: this.later([delivery]) };
  }

  async cancelNow(subscription: BilledSubscription, key: string): Promise<ProviderChange> {
    this.calls.push({
      call: 'cancel_now',
      providerSubscriptionId: subscription.providerSubscriptionId,
      key,
    });
    const delivery =
      this.name === 'STRIPE'
        ? this.stripeUpdate('customer.subscription.deleted', subscription, {
            cancelAtPeriodEnd: false,
            planId: subscription.plan.id,
            priceJpy: subscription.plan.priceJpy,
            status: 'canceled',
          })
        : this.ccbillCancellation(subscription);
    return { afterCommit: this.later([delivery]) };
  }

  async changePlan(
    subscription: BilledSubscription,
    plan: Pick<Plan, 'id' | 'name' | 'priceJpy'>,
    when: 'now' | 'period_end',
    key: string,
  ): Promise<ProviderChange> {
    if (this.name !== 'STRIPE') {
      throw badInput('CCBill cannot change the plan of a subscription in place.');
    }
    this.calls.push({
      call: when === 'now' ? 'change_plan_now' : 'schedule_plan',
      providerSubscriptionId: subscription.providerSubscriptionId,
      key,
    });
    if (when === 'period_end') {
      // A schedule: nothing changes until the period ends, when the renewal bills the new price.
      return {};
    }
    const delivery = this.stripeUpdate('customer.subscription.updated', subscription, {
      cancelAtPeriodEnd: false,
      planId: plan.id,
      priceJpy: plan.priceJpy,
    });
    return { cancelAtPeriodEnd: false, planId: plan.id, afterCommit: this.later([delivery]) };
  }
}
