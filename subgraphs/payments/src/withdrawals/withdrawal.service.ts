import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  checkPageSize,
  decodeTimeCursor,
  pastKey,
  forbidden,
  hasRole,
  isUuid,
  notFound,
  requireViewer,
  Role,
  toConnection,
  unauthenticated,
  recordAudit,
} from '@vp/kit';
import { assertMayReadEarningsOf } from '../earnings/earnings.service';
import { accounts } from '../ledger/accounts';
import { LedgerTransactionKind } from '../ledger/ledger.entity';
import { postTransaction } from '../ledger/ledger.service';
import { type MoneyContext } from '../ledger/money-context';
import { emitMoneyEmail } from '../money-emails/money-emails';
import { PayoutAccount, PayoutAccountStatus } from '../payouts/payout-account.entity';
import { type PaymentsContext } from '../providers/runtime';
import { Withdrawal, WithdrawalStatus } from './withdrawal.entity';

export const REJECTION_REASON_MAX_CHARACTERS = 500;

/** The creator's available earnings at `now`, read inside the caller's transaction. */
async function availableEarnings(em: EntityManager, creatorId: string, now: Date): Promise<number> {
  const [row] = await em.execute<{ available: string }[]>(
    `select coalesce(sum("amount_jpy"), 0) as "available" from "payments"."ledger_entry"
     where "account" = ? and "available_at" <= ?`,
    [accounts.creatorEarnings(creatorId), now],
  );
  return Number(row.available);
}

/**
 * Holds part of the available earnings for payout. Requests of one creator are serialised by a
 * transaction-scoped advisory lock taken before the balance is read, so two requests at once
 * cannot both spend the same yen: the second reads the balance after the first's hold commits.
 */
export async function requestWithdrawal(
  context: MoneyContext,
  amountJpy: number,
): Promise<Withdrawal> {
  const viewer = requireViewer(context.viewer);
  return context.em.transactional(async em => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `payments.withdrawal:${viewer.id}`,
    ]);
    const payoutAccount = await em.findOne(PayoutAccount, { userId: viewer.id });
    if (payoutAccount?.status !== PayoutAccountStatus.ACTIVE) {
      throw badInput('Set up your payout account before you withdraw (connectPayoutAccount).', [
        { field: 'amountJpy', message: 'No active payout account.' },
      ]);
    }
    const now = context.now();
    const available = await availableEarnings(em, viewer.id, now);
    if (amountJpy > available) {
      throw badInput('That is more than your available earnings.', [
        { field: 'amountJpy', message: `At most ${Math.max(available, 0)}.` },
      ]);
    }
    const withdrawal = em.create(Withdrawal, { creatorId: viewer.id, amountJpy, createdAt: now });
    postTransaction(
      em,
      LedgerTransactionKind.WITHDRAWAL_HOLD,
      withdrawal.id,
      [
        { account: accounts.creatorEarnings(viewer.id), amountJpy: -amountJpy },
        { account: accounts.creatorWithdrawalHold(viewer.id), amountJpy },
      ],
      now,
    );
    emitMoneyEmail(em, {
      kind: 'WITHDRAWAL_REQUESTED',
      userId: viewer.id,
      source: withdrawal.id,
      amountJpy,
      referenceId: withdrawal.id,
      at: now,
    });
    await em.flush();
    return withdrawal;
  });
}

function requireAdmin(context: MoneyContext) {
  if (!context.viewer) {
    throw unauthenticated();
  }
  if (!hasRole(context.viewer, Role.ADMIN)) {
    throw forbidden('Only an admin may decide withdrawals.');
  }
  return context.viewer;
}

/**
 * Pays or rejects a PENDING withdrawal, once: the row is locked, deciding it again the same way
 * returns it unchanged, deciding it the other way is refused.
 */
async function decide(
  context: MoneyContext & Partial<PaymentsContext>,
  id: string,
  outcome: WithdrawalStatus.PAID | WithdrawalStatus.REJECTED,
  reason: string | null,
): Promise<Withdrawal> {
  const admin = requireAdmin(context);
  let afterCommit: (() => Promise<void>) | undefined;
  const decided = await context.em.transactional(async em => {
    const withdrawal = isUuid(id)
      ? await em.findOne(Withdrawal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!withdrawal) {
      throw notFound('The withdrawal');
    }
    const paid = outcome === WithdrawalStatus.PAID;
    if (
      withdrawal.status === outcome ||
      (paid &&
        [WithdrawalStatus.PROCESSING, WithdrawalStatus.PAID, WithdrawalStatus.FAILED].includes(
          withdrawal.status,
        ))
    ) {
      // approved already (its payout is on its way, arrived or failed): nothing is sent twice
      return withdrawal;
    }
    if (withdrawal.status !== WithdrawalStatus.PENDING) {
      throw badInput(`The withdrawal is already ${withdrawal.status}.`, [
        { field: 'id', message: 'Already decided.' },
      ]);
    }
    const now = context.now();
    const hold = accounts.creatorWithdrawalHold(withdrawal.creatorId);
    if (paid && context.payments) {
      // The money moves now (the row stays locked: a second approval waits, then finds it
      // PROCESSING); a provider failure rolls everything back and says so.
      const account = await em.findOne(PayoutAccount, { userId: withdrawal.creatorId });
      if (account?.status !== PayoutAccountStatus.ACTIVE) {
        throw badInput("The creator's payout account is not active.", [
          { field: 'id', message: 'No active payout account.' },
        ]);
      }
      const sent = await context.payments.payouts.sendPayout({
        withdrawalId: withdrawal.id,
        creatorId: withdrawal.creatorId,
        amountJpy: withdrawal.amountJpy,
        providerAccountId: account.providerAccountId,
      });
      withdrawal.providerTransferId = sent.transferId;
      withdrawal.providerPayoutId = sent.payoutId;
      afterCommit = sent.afterCommit;
    }
    postTransaction(
      em,
      paid ? LedgerTransactionKind.WITHDRAWAL_PAID : LedgerTransactionKind.WITHDRAWAL_RELEASED,
      withdrawal.id,
      [
        { account: hold, amountJpy: -withdrawal.amountJpy },
        {
          account: paid ? accounts.payoutsPaid : accounts.creatorEarnings(withdrawal.creatorId),
          amountJpy: withdrawal.amountJpy,
        },
      ],
      now,
    );
    // PAID comes from the provider (payout.paid); until then the payout is on its way
    withdrawal.status = paid ? WithdrawalStatus.PROCESSING : outcome;
    withdrawal.decidedAt = now;
    withdrawal.decidedBy = admin.id;
    withdrawal.rejectionReason = reason;
    recordAudit(
      em,
      {
        action: paid ? 'WITHDRAWAL_APPROVED' : 'WITHDRAWAL_REJECTED',
        actorId: admin.id,
        ip: context.client?.ip ?? null,
        targetType: 'WITHDRAWAL',
        targetId: withdrawal.id,
        detail: { creatorId: withdrawal.creatorId, amountJpy: withdrawal.amountJpy, reason },
      },
      now,
    );
    await em.flush();
    return withdrawal;
  });
  await afterCommit?.();
  return decided;
}

export const approveWithdrawal = (context: MoneyContext, id: string) =>
  decide(context, id, WithdrawalStatus.PAID, null);

export function rejectWithdrawal(context: MoneyContext, id: string, reason: string) {
  return decide(context, id, WithdrawalStatus.REJECTED, reason);
}

const WITHDRAWAL_CURSOR = 'withdrawal';

/** ADMIN: withdrawals in one status, oldest first (the queue to work through). */
export async function withdrawalQueue(
  context: MoneyContext,
  status: WithdrawalStatus,
  first: number,
  after?: string | null,
) {
  requireAdmin(context);
  checkPageSize(first);
  const key = after ? decodeTimeCursor(after, [WITHDRAWAL_CURSOR]) : null;
  const rows = await context.em.find(
    Withdrawal,
    {
      status,
      ...pastKey(key, 'asc'),
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: first + 1 },
  );
  return toConnection(
    rows,
    first,
    row => [WITHDRAWAL_CURSOR, row.createdAt.toISOString(), row.id],
    !!key,
  );
}

/** The creator's withdrawals, newest first (id breaks ties). */
export async function withdrawalsOf(
  context: MoneyContext,
  userId: string,
  first: number,
  after?: string | null,
) {
  assertMayReadEarningsOf(context, userId);
  checkPageSize(first);
  const key = after ? decodeTimeCursor(after, [WITHDRAWAL_CURSOR]) : null;
  const rows = isUuid(userId)
    ? await context.em.find(
        Withdrawal,
        {
          creatorId: userId,
          ...pastKey(key),
        },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 },
      )
    : [];
  return toConnection(
    rows,
    first,
    row => [WITHDRAWAL_CURSOR, row.createdAt.toISOString(), row.id],
    !!key,
  );
}
