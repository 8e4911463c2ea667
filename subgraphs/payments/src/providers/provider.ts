import { type EntityManager } from '@mikro-orm/postgresql';
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

/** The one port every payment provider implements; the rest of payments never names a vendor. */
export interface CheckoutProvider {
  readonly name: PaymentProviderName;
  readonly mode: 'SANDBOX' | 'LIVE';
  /** Where the buyer pays, and the provider's reference for it (null when it has none yet). */
  createCheckout(
    em: EntityManager,
    request: CheckoutRequest,
  ): Promise<{ url: string; providerRef: string | null }>;
}

export const yen = (amount: number) => `¥${amount.toLocaleString('en-US')}`;
