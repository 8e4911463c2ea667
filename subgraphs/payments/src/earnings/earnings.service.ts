import {
  type BaseContext,
  checkPageSize,
  decodeCursor,
  forbidden,
  hasRole,
  isUuid,
  loaderFor,
  badInput,
  Role,
  toConnection,
  unauthenticated,
} from '@vp/kit';
import { accounts } from '../ledger/accounts';
import { LedgerTransactionKind } from '../ledger/ledger.entity';
import { type MoneyContext } from '../ledger/money-context';
import { WithdrawalStatus } from '../withdrawals/withdrawal.entity';
import { type EarningEntry, type Earnings } from './earnings.types';

/**
 * Earnings are as private as billing: only the creator themselves and admins may see balances,
 * entries or withdrawals.
 */
export function assertMayReadEarningsOf({ viewer }: BaseContext, userId: string): void {
  if (!viewer) {
    throw unauthenticated('Sign in to see earnings.');
  }
  if (viewer.id !== userId && !hasRole(viewer, Role.ADMIN)) {
    throw forbidden("You may not see another user's earnings.");
  }
}

const ZERO: Earnings = { availableJpy: 0, pendingJpy: 0, lifetimeJpy: 0 };

/**
 * Balances of many creators in two indexed aggregates: the earnings and hold accounts (answered
 * from the (account, available_at) index) and the withdrawals paid out.
 */
export async function balancesOf(
  context: MoneyContext,
  userIds: readonly string[],
): Promise<Map<string, Earnings>> {
  const creators = [...new Set(userIds.filter(isUuid))];
  const result = new Map<string, Earnings>();
  if (!creators.length) {
    return result;
  }
  const now = context.now();
  const earningsAccounts = creators.map(accounts.creatorEarnings);
  const holdAccounts = creators.map(accounts.creatorWithdrawalHold);
  const [sums, paid] = await Promise.all([
    context.em.execute<{ account: string; available: string; pending: string }[]>(
      `select "account",
         coalesce(sum("amount_jpy") filter (where "available_at" <= ?), 0) as "available",
         coalesce(sum("amount_jpy") filter (where "available_at" > ?), 0) as "pending"
       from "payments"."ledger_entry" where "account" in (?) group by "account"`,
      [now, now, [...earningsAccounts, ...holdAccounts]],
    ),
    context.em.execute<{ creator_id: string; paid: string }[]>(
      `select "creator_id", sum("amount_jpy") as "paid" from "payments"."withdrawal"
       where "creator_id" in (?) and "status" in (?) group by "creator_id"`,
      // money on its way (PROCESSING) has left the balance as much as money that arrived
      [creators, [WithdrawalStatus.PAID, WithdrawalStatus.PROCESSING]],
    ),
  ]);
  const byAccount = new Map(sums.map(row => [row.account, row]));
  const paidBy = new Map(paid.map(row => [row.creator_id, Number(row.paid)]));
  for (const creator of creators) {
    const earnings = byAccount.get(accounts.creatorEarnings(creator));
    const hold = byAccount.get(accounts.creatorWithdrawalHold(creator));
    const available = Number(earnings?.available ?? 0);
    const pending = Number(earnings?.pending ?? 0);
    const held = Number(hold?.available ?? 0) + Number(hold?.pending ?? 0);
    result.set(creator, {
      availableJpy: available,
      pendingJpy: pending,
      // Withdrawals only move earnings to the hold and on to payouts, so this is what tips
      // credited, net of reversals.
      lifetimeJpy: available + pending + held + (paidBy.get(creator) ?? 0),
    });
  }
  return result;
}

export async function earningsOf(context: MoneyContext, userId: string): Promise<Earnings> {
  assertMayReadEarningsOf(context, userId);
  const loader = loaderFor<string, Earnings>(context, 'Earnings', async ids => {
    const balances = await balancesOf(context, ids);
    return ids.map(id => balances.get(id) ?? ZERO);
  });
  return (await loader.load(userId)) ?? ZERO;
}

const ENTRY_CURSOR = 'earning';

function afterEntryId(after: string | null | undefined): string | null {
  if (!after) {
    return null;
  }
  const [label, id, ...rest] = decodeCursor(after);
  if (label !== ENTRY_CURSOR || typeof id !== 'string' || !/^\d{1,18}$/.test(id) || rest.length) {
    throw badInput('The cursor is not valid.', [
      { field: 'after', message: 'Not a cursor from this list.' },
    ]);
  }
  return id;
}

/** The creator's earnings entries, newest first (the entry id is the stable order). */
export async function earningEntriesOf(
  context: MoneyContext,
  userId: string,
  first: number,
  after?: string | null,
) {
  assertMayReadEarningsOf(context, userId);
  checkPageSize(first);
  const afterId = afterEntryId(after);
  const rows = isUuid(userId)
    ? await context.em.execute<
        {
          id: string;
          amount_jpy: number;
          created_at: Date;
          available_at: Date;
          kind: LedgerTransactionKind;
          reference: string;
          refunded_tip_id: string | null;
        }[]
      >(
        // a partial refund's reference is its payment_refund row, which names the tip
        `select e."id", e."amount_jpy", e."created_at", e."available_at", t."kind", t."reference",
                r."tip_id" as "refunded_tip_id"
         from "payments"."ledger_entry" e
         join "payments"."ledger_transaction" t on t."id" = e."transaction_id"
         left join "payments"."payment_refund" r
           on t."kind" = 'TIP_PARTIAL_REFUND' and r."id" = t."reference"
         where e."account" = ? ${afterId ? 'and e."id" < ?' : ''}
         order by e."id" desc limit ?`,
        [accounts.creatorEarnings(userId), ...(afterId ? [afterId] : []), first + 1],
      )
    : [];
  const isTip = (kind: LedgerTransactionKind) =>
    kind === LedgerTransactionKind.TIP_CREDIT || kind === LedgerTransactionKind.TIP_REVERSAL;
  const entries: EarningEntry[] = rows.map(row => ({
    id: String(row.id),
    kind: row.kind,
    amountJpy: row.amount_jpy,
    createdAt: new Date(row.created_at),
    availableAt: new Date(row.available_at),
    tipId: isTip(row.kind) ? row.reference : row.refunded_tip_id,
    withdrawalId: isTip(row.kind) || row.refunded_tip_id ? null : row.reference,
  }));
  return toConnection(entries, first, entry => [ENTRY_CURSOR, entry.id], !!afterId);
}
