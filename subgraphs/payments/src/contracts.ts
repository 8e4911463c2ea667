/**
 * How the payments subgraph's features call each other. Providers (checkout, webhooks, provider
 * adapters, subscriptions) and money (tips, ledger, earnings, withdrawals) are built side by side;
 * these signatures are the seam between them.
 */
import { type EntityManager } from '@mikro-orm/postgresql';

export type PaymentProviderName = 'STRIPE' | 'CCBILL';

/** What a checkout is for: a plan subscription or a one-off tip. */
export type CheckoutPurpose =
  | { kind: 'subscription'; userId: string; planId: string }
  | { kind: 'tip'; userId: string; tipId: string; amountJpy: number; adult: boolean };

/** Implemented in src/checkout/: picks the provider (adult → CCBill, else Stripe) and returns where to pay. */
export type StartCheckout = (
  em: EntityManager,
  purpose: CheckoutPurpose,
) => Promise<{ url: string; provider: PaymentProviderName; providerRef: string }>;

/**
 * Implemented in src/ledger/ and called by the webhook handlers, inside the transaction that
 * records the provider's event (so each runs exactly once per event).
 */
export interface TipSettlement {
  /** The provider confirmed the tip's payment: credit the creator (minus the platform fee). */
  tipSucceeded(
    em: EntityManager,
    tipId: string,
    provider: PaymentProviderName,
    providerRef: string,
  ): Promise<void>;
  /** The payment failed or was declined: the tip ends FAILED, nothing is credited. */
  tipFailed(em: EntityManager, tipId: string): Promise<void>;
  /** Refund or chargeback after success: reverse what was credited, even into a negative balance. */
  tipReversed(em: EntityManager, tipId: string, reason: 'REFUND' | 'CHARGEBACK'): Promise<void>;
  /**
   * A refund of part of a succeeded tip (its row in payment_refund, just inserted): take back
   * that share of the credit. What it did, for the provider event's outcome.
   */
  tipPartiallyRefunded(
    em: EntityManager,
    tipId: string,
    refund: { id: string; amountJpy: number },
  ): Promise<'APPLIED' | 'REVERSED' | 'NOT_CREDITED' | 'EXCEEDS_CHARGE'>;
}
