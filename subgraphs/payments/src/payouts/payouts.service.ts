import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { recordAudit, requireViewer } from '@vp/kit';
import type Stripe from 'stripe';
import { assertMayReadEarningsOf } from '../earnings/earnings.service';
import { accounts } from '../ledger/accounts';
import { LedgerTransactionKind } from '../ledger/ledger.entity';
import { postTransaction } from '../ledger/ledger.service';
import { type MoneyContext } from '../ledger/money-context';
import { emitMoneyEmail } from '../money-emails/money-emails';
import { type PaymentsContext, type PaymentsRuntime } from '../providers/runtime';
import { Withdrawal, WithdrawalStatus } from '../withdrawals/withdrawal.entity';
import { PayoutAccount, PayoutAccountStatus } from './payout-account.entity';

type Context = MoneyContext & PaymentsContext;

/**
 * Starts (or resumes) payout onboarding: the creator's account at the provider is made once —
 * a per-user lock and the provider's idempotency key on the user id — and a fresh onboarding
 * link is returned each time (links expire at the provider).
 */
export async function connectPayoutAccount(context: Context): Promise<{ url: string }> {
  const viewer = requireViewer(context.viewer);
  const account = await context.em.transactional(async em => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `payments.payout_account:${viewer.id}`,
    ]);
    const known = await em.findOne(PayoutAccount, { userId: viewer.id });
    if (known) {
      return known;
    }
    const providerAccountId = await context.payments.payouts.createAccount(viewer.id);
    const created = em.create(PayoutAccount, {
      userId: viewer.id,
      providerAccountId,
      createdAt: context.payments.now(),
    });
    await em.flush();
    return created;
  });
  const url = await context.payments.payouts.onboardingUrl(
    account.providerAccountId,
    // The provider sends the creator back here (a payments page the gateway forwards), not to the
    // studio: payments does not know the studio's address, and the studio re-reads the status.
    `${context.payments.publicUrl}/payouts/return`,
  );
  return { url };
}

export async function payoutAccountOf(context: MoneyContext, userId: string) {
  assertMayReadEarningsOf(context, userId);
  return context.em.findOne(PayoutAccount, { userId });
}

/** Stripe's account state, in ours: payouts enabled is ACTIVE; a disabled account is RESTRICTED. */
export function payoutStatusOf(account: Stripe.Account): PayoutAccountStatus {
  if (account.payouts_enabled) {
    return PayoutAccountStatus.ACTIVE;
  }
  return account.details_submitted || account.requirements?.disabled_reason
    ? PayoutAccountStatus.RESTRICTED
    : PayoutAccountStatus.PENDING;
}

/** `account.updated`: applied only when newer than the state already applied. */
export async function applyAccountUpdate(em: EntityManager, account: Stripe.Account, at: Date) {
  const row = await em.findOne(
    PayoutAccount,
    { providerAccountId: account.id },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!row) {
    return 'IGNORED: unknown account';
  }
  if (row.statusAt && row.statusAt.getTime() > at.getTime()) {
    return 'IGNORED: older than the state applied';
  }
  row.status = payoutStatusOf(account);
  row.statusAt = at;
  await em.flush();
  return `APPLIED: ${row.status}`;
}

const lockWithdrawal = (em: EntityManager, id: string | undefined) =>
  id ? em.findOne(Withdrawal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;

/** `payout.paid`: PROCESSING → PAID. A failed payout stays failed. */
export async function payoutPaid(em: EntityManager, payout: Stripe.Payout, at: Date) {
  const withdrawal = await lockWithdrawal(em, payout.metadata?.withdrawalId);
  if (!withdrawal || withdrawal.providerPayoutId !== payout.id) {
    return 'IGNORED: not a payout of ours';
  }
  if (withdrawal.status !== WithdrawalStatus.PROCESSING) {
    return `IGNORED: withdrawal ${withdrawal.status}`;
  }
  withdrawal.status = WithdrawalStatus.PAID;
  withdrawal.settledAt = at;
  recordAudit(
    em,
    {
      action: 'WITHDRAWAL_PAID_OUT',
      actorId: null,
      targetType: 'WITHDRAWAL',
      targetId: withdrawal.id,
      detail: {
        creatorId: withdrawal.creatorId,
        amountJpy: withdrawal.amountJpy,
        payoutId: payout.id,
      },
    },
    at,
  );
  emitMoneyEmail(em, {
    kind: 'WITHDRAWAL_PAID',
    userId: withdrawal.creatorId,
    source: withdrawal.id,
    amountJpy: withdrawal.amountJpy,
    referenceId: withdrawal.id,
    at,
  });
  await em.flush();
  return 'APPLIED: withdrawal paid';
}

/**
 * `payout.failed` (even after `payout.paid`: a bank can return a payout): the withdrawal is
 * FAILED, the transfer comes back from the creator's account, and the amount returns to their
 * available earnings through the ledger — once (WITHDRAWAL_RETURNED is unique per withdrawal).
 */
export async function payoutFailed(
  em: EntityManager,
  runtime: Pick<PaymentsRuntime, 'payouts'>,
  payout: Stripe.Payout,
  at: Date,
) {
  const withdrawal = await lockWithdrawal(em, payout.metadata?.withdrawalId);
  if (!withdrawal || withdrawal.providerPayoutId !== payout.id) {
    return 'IGNORED: not a payout of ours';
  }
  if (
    withdrawal.status !== WithdrawalStatus.PROCESSING &&
    withdrawal.status !== WithdrawalStatus.PAID
  ) {
    return `IGNORED: withdrawal ${withdrawal.status}`;
  }
  const account = await em.findOneOrFail(PayoutAccount, { userId: withdrawal.creatorId });
  await runtime.payouts.reverseTransfer({
    withdrawalId: withdrawal.id,
    creatorId: withdrawal.creatorId,
    amountJpy: withdrawal.amountJpy,
    providerAccountId: account.providerAccountId,
    transferId: withdrawal.providerTransferId!,
  });
  postTransaction(
    em,
    LedgerTransactionKind.WITHDRAWAL_RETURNED,
    withdrawal.id,
    [
      { account: accounts.payoutsPaid, amountJpy: -withdrawal.amountJpy },
      { account: accounts.creatorEarnings(withdrawal.creatorId), amountJpy: withdrawal.amountJpy },
    ],
    at,
  );
  withdrawal.status = WithdrawalStatus.FAILED;
  withdrawal.settledAt = at;
  recordAudit(
    em,
    {
      action: 'WITHDRAWAL_PAYOUT_FAILED',
      actorId: null,
      targetType: 'WITHDRAWAL',
      targetId: withdrawal.id,
      detail: {
        creatorId: withdrawal.creatorId,
        amountJpy: withdrawal.amountJpy,
        payoutId: payout.id,
        failureCode: payout.failure_code ?? null,
      },
    },
    at,
  );
  emitMoneyEmail(em, {
    kind: 'WITHDRAWAL_FAILED',
    userId: withdrawal.creatorId,
    source: withdrawal.id,
    amountJpy: withdrawal.amountJpy,
    referenceId: withdrawal.id,
    at,
  });
  await em.flush();
  return 'APPLIED: payout failed, amount returned';
}
