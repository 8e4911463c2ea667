import { type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '@vp/kit';
import { GraphQLError } from 'graphql';
import { type CheckoutSession } from '../checkout/checkout-session.entity';
import { type PaymentProviderName } from '../contracts';
import { type Plan } from '../plans/plan.entity';

/** What to charge: a checkout row (its id travels through the provider) and, for plans, the plan. */
export interface CheckoutRequest {
  checkout: CheckoutSession;
  plan: Plan | null;
  /** Charged now instead of the plan's price (a prorated upgrade); the plan's price recurs. */
  initialAmountJpy: number;
  /** The platform's public origin: return pages and the sandbox page live under it. */
  publicUrl: string;
}

/** The subscription at its provider, as the lifecycle calls name it. */
export interface BilledSubscription {
  /** Our id: idempotency keys are made from it. */
  id: string;
  userId: string;
  providerSubscriptionId: string;
  providerCustomerId: string | null;
  currentPeriodEnd: Date;
  plan: Pick<Plan, 'id' | 'name' | 'priceJpy'>;
}

/**
 * What the provider answered: the state it now holds (applied at once, in the transaction of the
 * call; its webhooks later say the same and converge) and, for the sandbox, the webhooks it then
 * sends, after the transaction has committed.
 */
export interface ProviderChange {
  cancelAtPeriodEnd?: boolean;
  planId?: string;
  periodEnd?: Date;
  afterCommit?: () => Promise<void>;
}

/**
 * One call to a provider's API. `key` is its idempotency key: the same logical request (the same
 * change from the same state) carries the same key however often it is retried.
 */
export interface SubscriptionBilling {
  /** Stop (true) or restart (false) the renewal at the period end. */
  setCancelAtPeriodEnd(
    subscription: BilledSubscription,
    cancel: boolean,
    key: string,
  ): Promise<ProviderChange>;
  /** End it now without a refund (it was replaced by an upgrade the user already paid for). */
  cancelNow(subscription: BilledSubscription, key: string): Promise<ProviderChange>;
  /**
   * Move to another plan of the same provider: `now` prorated (upgrade), or from the period end
   * (downgrade). Null when this provider cannot do it in place (a new checkout is needed).
   */
  changePlan?(
    subscription: BilledSubscription,
    plan: Pick<Plan, 'id' | 'name' | 'priceJpy'>,
    when: 'now' | 'period_end',
    key: string,
  ): Promise<ProviderChange>;
}

/**
 * A provider refused or did not answer: nothing was changed here, and the user may retry.
 * `providerCode` is the provider's own error code, for support.
 */
export function providerFailure(provider: PaymentProviderName, providerCode: string) {
  return new GraphQLError(
    `The payment provider did not accept the change, so nothing was changed. Try again in a moment.`,
    { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, provider, providerCode } },
  );
}

/** The one port every payment provider implements; the rest of payments never names a vendor. */
export interface CheckoutProvider extends SubscriptionBilling {
  readonly name: PaymentProviderName;
  readonly mode: 'SANDBOX' | 'LIVE';
  /** Where the buyer pays, and the provider's reference for it (null when it has none yet). */
  createCheckout(
    em: EntityManager,
    request: CheckoutRequest,
  ): Promise<{ url: string; providerRef: string | null }>;
}

export const yen = (amount: number) => `¥${amount.toLocaleString('en-US')}`;
