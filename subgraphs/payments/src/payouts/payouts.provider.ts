import Stripe from 'stripe';
import { providerFailure } from '../providers/provider';
import { type PaymentsSettings } from '../providers/settings';
import { stripeClient } from '../providers/stripe.provider';
import { stripeEvent, stripeId } from '../providers/sandbox/stripe-events';
import { deliverToWebhooks } from '../providers/sandbox/sandbox-deliveries';

/** What a payout sends: the withdrawal (its id keys every call) to the creator's account. */
export interface PayoutOrder {
  withdrawalId: string;
  creatorId: string;
  amountJpy: number;
  providerAccountId: string;
}

/** Payouts to creators: Stripe Connect Express in production, a local page in the sandbox. */
export interface PayoutProvider {
  /** The creator's account, made once (the key is the user id). */
  createAccount(userId: string): Promise<string>;
  /** Where the creator finishes onboarding (bank details, identity) at the provider. */
  onboardingUrl(accountId: string, returnUrl: string): Promise<string>;
  /** Moves the money: a transfer to the account, then a payout to its bank. Idempotent per withdrawal. */
  sendPayout(
    order: PayoutOrder,
  ): Promise<{ transferId: string; payoutId: string; afterCommit?: () => Promise<void> }>;
  /** A failed payout: the transfer comes back to the platform (once per withdrawal). */
  reverseTransfer(order: PayoutOrder & { transferId: string }): Promise<void>;
}

async function stripeCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code =
      error instanceof Stripe.errors.StripeError ? (error.code ?? error.type) : 'network';
    throw providerFailure('STRIPE', String(code));
  }
}

export class StripeConnectPayouts implements PayoutProvider {
  private readonly stripe: Stripe;

  constructor(settings: PaymentsSettings['stripe']) {
    this.stripe = stripeClient(settings);
  }

  async createAccount(userId: string) {
    const account = await stripeCall(() =>
      this.stripe.accounts.create(
        {
          type: 'express',
          country: 'JP',
          default_currency: 'jpy',
          capabilities: { transfers: { requested: true } },
          metadata: { userId },
        },
        { idempotencyKey: `vp-payout-account-${userId}` },
      ),
    );
    return account.id;
  }

  async onboardingUrl(accountId: string, returnUrl: string) {
    const link = await stripeCall(() =>
      this.stripe.accountLinks.create({
        account: accountId,
        type: 'account_onboarding',
        return_url: returnUrl,
        refresh_url: returnUrl,
      }),
    );
    return link.url;
  }

  async sendPayout(order: PayoutOrder) {
    const metadata = { withdrawalId: order.withdrawalId, creatorId: order.creatorId };
    return stripeCall(async () => {
      const transfer = await this.stripe.transfers.create(
        {
          amount: order.amountJpy,
          currency: 'jpy',
          destination: order.providerAccountId,
          transfer_group: order.withdrawalId,
          metadata,
        },
        { idempotencyKey: `vp-transfer-${order.withdrawalId}` },
      );
      const payout = await this.stripe.payouts.create(
        { amount: order.amountJpy, currency: 'jpy', metadata },
        {
          idempotencyKey: `vp-payout-${order.withdrawalId}`,
          stripeAccount: order.providerAccountId,
        },
      );
      return { transferId: transfer.id, payoutId: payout.id };
    });
  }

  async reverseTransfer(order: PayoutOrder & { transferId: string }) {
    await stripeCall(() =>
      this.stripe.transfers.createReversal(
        order.transferId,
        { amount: order.amountJpy, metadata: { withdrawalId: order.withdrawalId } },
        { idempotencyKey: `vp-transfer-reversal-${order.withdrawalId}` },
      ),
    );
  }
}

/**
 * The sandbox plays Stripe Connect: accounts are `acct_test_…`, onboarding is a local page whose
 * button sends Stripe's `account.updated`, and a payout is followed by `payout.paid` — signed
 * webhooks to the same handlers the real ones reach.
 */
export class SandboxPayouts implements PayoutProvider {
  readonly calls: { call: string; key: string }[] = [];

  constructor(
    private readonly wiring: {
      settings: PaymentsSettings;
      publicUrl: string;
      selfUrl: () => string | null;
      now: () => Date;
    },
  ) {}

  async createAccount(userId: string) {
    this.calls.push({ call: 'create_account', key: userId });
    return stripeId('acct');
  }

  async onboardingUrl(accountId: string) {
    return `${this.wiring.publicUrl}/payouts/onboarding/${accountId}`;
  }

  async sendPayout(order: PayoutOrder) {
    this.calls.push({ call: 'transfer+payout', key: order.withdrawalId });
    const transferId = stripeId('tr');
    const payoutId = stripeId('po');
    const afterCommit = async () => {
      const base = this.wiring.selfUrl();
      if (base) {
        await deliverToWebhooks(base, this.wiring.settings, [
          {
            provider: 'STRIPE',
            event: sandboxPayoutEvent('payout.paid', order, payoutId, this.wiring.now()),
          },
        ]);
      }
    };
    return { transferId, payoutId, afterCommit };
  }

  async reverseTransfer(order: PayoutOrder & { transferId: string }) {
    this.calls.push({ call: 'transfer_reversal', key: order.withdrawalId });
  }
}

/** A payout event of a connected account, as Stripe sends it (`account` names the account). */
export function sandboxPayoutEvent(
  type: 'payout.paid' | 'payout.failed',
  order: PayoutOrder,
  payoutId: string,
  now: Date,
) {
  const created = Math.floor(now.getTime() / 1000);
  const event = stripeEvent(
    type,
    {
      id: payoutId,
      object: 'payout',
      amount: order.amountJpy,
      currency: 'jpy',
      status: type === 'payout.paid' ? 'paid' : 'failed',
      failure_code: type === 'payout.failed' ? 'account_closed' : null,
      arrival_date: created,
      created,
      metadata: { withdrawalId: order.withdrawalId, creatorId: order.creatorId },
    },
    created,
  );
  return { ...event, account: order.providerAccountId } as typeof event;
}

/** `account.updated` of a connected account. */
export function sandboxAccountEvent(
  accountId: string,
  userId: string,
  state: { payoutsEnabled: boolean; disabledReason?: string | null; detailsSubmitted: boolean },
  now: Date,
) {
  const created = Math.floor(now.getTime() / 1000);
  const event = stripeEvent(
    'account.updated',
    {
      id: accountId,
      object: 'account',
      type: 'express',
      charges_enabled: state.payoutsEnabled,
      payouts_enabled: state.payoutsEnabled,
      details_submitted: state.detailsSubmitted,
      requirements: { disabled_reason: state.disabledReason ?? null, currently_due: [] },
      metadata: { userId },
    },
    created,
  );
  return { ...event, account: accountId } as typeof event;
}
