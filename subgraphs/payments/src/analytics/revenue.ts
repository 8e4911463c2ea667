import { type EntityManager } from '@mikro-orm/postgresql';
import { accounts } from '../ledger/accounts';
import { LedgerTransactionKind } from '../ledger/ledger.entity';
import { type EntryLine } from '../ledger/ledger.service';

export interface RevenueChange {
  subscriptionJpy?: number;
  tipJpy?: number;
  platformFeeJpy?: number;
  refundJpy?: number;
}

/**
 * Adds to one UTC day of `payments.revenue_daily`, the rollup analysts read, in the caller's
 * transaction: the rollup moves with the money or not at all.
 */
export async function addRevenue(em: EntityManager, at: Date, change: RevenueChange) {
  const values = [
    change.subscriptionJpy ?? 0,
    change.tipJpy ?? 0,
    change.platformFeeJpy ?? 0,
    change.refundJpy ?? 0,
  ];
  if (values.every(value => value === 0)) {
    return;
  }
  await em.execute(
    `insert into payments.revenue_daily (day, subscription_jpy, tip_jpy, platform_fee_jpy, refund_jpy)
     values ((?::timestamptz at time zone 'utc')::date, ?, ?, ?, ?)
     on conflict (day) do update set
       subscription_jpy = revenue_daily.subscription_jpy + excluded.subscription_jpy,
       tip_jpy = revenue_daily.tip_jpy + excluded.tip_jpy,
       platform_fee_jpy = revenue_daily.platform_fee_jpy + excluded.platform_fee_jpy,
       refund_jpy = revenue_daily.refund_jpy + excluded.refund_jpy`,
    [at.toISOString(), ...values],
  );
}

const isClearing = (account: string) => /^provider:[A-Z]+:clearing$/.test(account);
const sum = (lines: EntryLine[], pick: (line: EntryLine) => boolean) =>
  lines.filter(pick).reduce((total, line) => total + line.amountJpy, 0);

/**
 * What a ledger movement adds to revenue: a tip credit is the tip's gross (what the provider
 * collected: the clearing lines) and the platform's fee; its reversal is a refund of that gross
 * and takes the fee back. Withdrawals move creators' money, not revenue.
 */
export function revenueOfMovement(kind: LedgerTransactionKind, lines: EntryLine[]): RevenueChange {
  const gross = -sum(lines, line => isClearing(line.account));
  const fee = sum(lines, line => line.account === accounts.platformFees);
  switch (kind) {
    case LedgerTransactionKind.TIP_CREDIT:
      return { tipJpy: gross, platformFeeJpy: fee };
    case LedgerTransactionKind.TIP_REVERSAL:
    case LedgerTransactionKind.TIP_PARTIAL_REFUND:
      return { refundJpy: -gross, platformFeeJpy: fee };
    default:
      return {};
  }
}
