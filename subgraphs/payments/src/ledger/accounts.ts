import { type PaymentProviderName } from '../contracts';

/**
 * The ledger's accounts. Money a provider collected for us sits in its clearing account (negative:
 * it is owed to others) until it is split between the platform's fees and the creator's earnings.
 */
export const accounts = {
  providerClearing: (provider: PaymentProviderName) => `provider:${provider}:clearing`,
  platformFees: 'platform:fees',
  /** Pending until each entry's availableAt, available after. */
  creatorEarnings: (creatorId: string) => `creator:${creatorId}:earnings`,
  /** Requested withdrawals not yet paid or rejected. */
  creatorWithdrawalHold: (creatorId: string) => `creator:${creatorId}:withdrawal_hold`,
  /** Money that has left the platform to creators. */
  payoutsPaid: 'payouts:paid',
} as const;
