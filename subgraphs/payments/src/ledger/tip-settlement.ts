import { addRevenue, revenueOfMovement } from '../analytics/revenue';
import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { TipReceived } from '@vp/contracts';
import { emitEvent, isUuid } from '@vp/kit';
import { type PaymentProviderName, type TipSettlement } from '../contracts';
import { emitMoneyEmail } from '../money-emails/money-emails';
import { Tip, TipStatus } from '../tips/tip.entity';
import { accounts } from './accounts';
import { LedgerEntry, LedgerTransaction, LedgerTransactionKind } from './ledger.entity';
import {
  DAY_MS,
  type EntryLine,
  DEFAULT_LEDGER_SETTINGS,
  type LedgerSettings,
  platformFeeOf,
  postTransaction,
} from './ledger.service';

export interface TipSettlementOptions {
  /** The fee and hold (PLATFORM_FEE_PERCENT, EARNINGS_HOLD_DAYS); defaults to 20 % and 7 days. */
  settings?: LedgerSettings;
  now?: () => Date;
}

/** Runs in the caller's transaction (the webhook's), or in its own when there is none. */
const inTransaction = <T>(em: EntityManager, work: (em: EntityManager) => Promise<T>) =>
  em.isInTransaction() ? work(em) : em.transactional(work);

/** The tip, locked until the transaction ends, so two deliveries of an event cannot both act. */
const lockTip = (em: EntityManager, tipId: string) =>
  isUuid(tipId)
    ? em.findOne(Tip, { id: tipId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
    : Promise.resolve(null);

/**
 * The ledger side of a tip's payment. Every call is idempotent on the tip's state (and the
 * ledger's unique (kind, reference) backs it up), so webhooks repeated or out of order converge:
 * SUCCEEDED credits once; REVERSED is final (a refund seen before the success credits nothing).
 */
export function createTipSettlement(options: TipSettlementOptions = {}): TipSettlement {
  const settings = () => options.settings ?? DEFAULT_LEDGER_SETTINGS;
  const now = options.now ?? (() => new Date());

  async function tipSucceeded(
    em: EntityManager,
    tipId: string,
    provider: PaymentProviderName,
    providerRef: string,
  ) {
    await inTransaction(em, async tx => {
      const tip = await lockTip(tx, tipId);
      // A FAILED tip can still succeed (the viewer retried and paid); a REVERSED one was refunded.
      if (!tip || tip.status === TipStatus.SUCCEEDED || tip.status === TipStatus.REVERSED) {
        return;
      }
      const { platformFeePercent, earningsHoldDays } = settings();
      const at = now();
      const fee = platformFeeOf(tip.amountJpy, platformFeePercent);
      const lines: EntryLine[] = [
        { account: accounts.providerClearing(provider), amountJpy: -tip.amountJpy },
        { account: accounts.platformFees, amountJpy: fee },
        {
          account: accounts.creatorEarnings(tip.creatorId),
          amountJpy: tip.amountJpy - fee,
          availableAt: new Date(at.getTime() + earningsHoldDays * DAY_MS),
        },
      ].filter(line => line.amountJpy !== 0);
      postTransaction(tx, LedgerTransactionKind.TIP_CREDIT, tip.id, lines, at);
      await addRevenue(tx, at, revenueOfMovement(LedgerTransactionKind.TIP_CREDIT, lines));
      tip.status = TipStatus.SUCCEEDED;
      tip.provider = provider;
      tip.providerRef = providerRef;
      // Published through the outbox with the credit (the live chat shows it).
      emitEvent(tx, TipReceived, {
        tipId: tip.id,
        targetId: tip.targetId,
        targetKind: tip.targetKind,
        creatorId: tip.creatorId,
        fromUserId: tip.fromUserId,
        amountJpy: tip.amountJpy,
        message: tip.message,
      });
      // the tipper's receipt and the creator's notice, mailed by users once per tip
      emitMoneyEmail(tx, {
        kind: 'TIP_RECEIPT',
        userId: tip.fromUserId,
        source: tip.id,
        amountJpy: tip.amountJpy,
        counterpartId: tip.creatorId,
        referenceId: tip.id,
        at,
      });
      emitMoneyEmail(tx, {
        kind: 'TIP_RECEIVED',
        userId: tip.creatorId,
        source: tip.id,
        amountJpy: tip.amountJpy,
        // when the creator's share can be withdrawn
        periodEnd: new Date(at.getTime() + earningsHoldDays * DAY_MS),
        counterpartId: tip.fromUserId,
        referenceId: tip.id,
        at,
      });
      await tx.flush();
    });
  }

  async function tipFailed(em: EntityManager, tipId: string) {
    await inTransaction(em, async tx => {
      const tip = await lockTip(tx, tipId);
      // Only a tip still waiting can fail: a late decline of an earlier attempt undoes nothing.
      if (tip?.status === TipStatus.PENDING) {
        tip.status = TipStatus.FAILED;
        await tx.flush();
      }
    });
  }

  async function tipReversed(em: EntityManager, tipId: string, reason: 'REFUND' | 'CHARGEBACK') {
    await inTransaction(em, async tx => {
      const tip = await lockTip(tx, tipId);
      if (!tip || tip.status === TipStatus.REVERSED) {
        return;
      }
      if (tip.status === TipStatus.SUCCEEDED) {
        const at = now();
        const credit = await tx.findOneOrFail(LedgerTransaction, {
          kind: LedgerTransactionKind.TIP_CREDIT,
          reference: tip.id,
        });
        const credited = await tx.find(
          LedgerEntry,
          { transaction: credit },
          { orderBy: { id: 'asc' } },
        );
        const taken = await partiallyRefunded(tx, tip.id);
        // Exactly the credit (less what partial refunds already took back), negated. A part
        // still on hold is taken back on the same date it would have become available, so
        // pending nets to zero; the rest is taken now, even if the creator already withdrew it
        // (the balance goes negative).
        const lines = credited
          .map(entry => ({
            account: entry.account,
            amountJpy: -(entry.amountJpy + (taken.get(entry.account) ?? 0)),
            availableAt: entry.availableAt > at ? entry.availableAt : at,
          }))
          .filter(line => line.amountJpy !== 0);
        if (lines.length > 0) {
          postTransaction(tx, LedgerTransactionKind.TIP_REVERSAL, tip.id, lines, at);
          await addRevenue(tx, at, revenueOfMovement(LedgerTransactionKind.TIP_REVERSAL, lines));
        }
      }
      // A refund seen before the success credits nothing now or later: REVERSED is final.
      tip.status = TipStatus.REVERSED;
      tip.reversalReason = reason;
      await tx.flush();
    });
  }

  /**
   * Takes back a refund's share of a tip: the gross R from the provider's clearing, the fee and
   * the creator's part in proportion. The split is made on the running total (all refunds of
   * the tip so far): the creator's part taken back so far is floor(creatorShare × refunded ÷
   * amount), so the odd yen stays with the creator as the credit's fee left it with them, and
   * refunds summing to the whole tip take back exactly the credit. The last yen of the tip
   * makes it REVERSED.
   */
  async function tipPartiallyRefunded(
    em: EntityManager,
    tipId: string,
    refund: { id: string; amountJpy: number },
  ) {
    return inTransaction(em, async tx => {
      const tip = await lockTip(tx, tipId);
      if (!tip || tip.status !== TipStatus.SUCCEEDED) {
        // Nothing credited (or already reversed in full): nothing to take back.
        return 'NOT_CREDITED' as const;
      }
      const before = await refundedBefore(tx, tip.id, refund.id);
      if (
        !Number.isSafeInteger(refund.amountJpy) ||
        refund.amountJpy <= 0 ||
        before + refund.amountJpy > tip.amountJpy
      ) {
        return 'EXCEEDS_CHARGE' as const;
      }
      const credit = await tx.findOneOrFail(LedgerTransaction, {
        kind: LedgerTransactionKind.TIP_CREDIT,
        reference: tip.id,
      });
      const credited = await tx.find(
        LedgerEntry,
        { transaction: credit },
        { orderBy: { id: 'asc' } },
      );
      const clearing = credited.find(entry => entry.account.startsWith('provider:'))!;
      const earnings = credited.find(
        entry => entry.account === accounts.creatorEarnings(tip.creatorId),
      );
      const creatorShare = earnings?.amountJpy ?? 0;
      const after = before + refund.amountJpy;
      const creatorPart =
        Math.floor((creatorShare * after) / tip.amountJpy) -
        Math.floor((creatorShare * before) / tip.amountJpy);
      const feePart = refund.amountJpy - creatorPart;
      const at = now();
      const lines: EntryLine[] = [
        { account: clearing.account, amountJpy: refund.amountJpy },
        { account: accounts.platformFees, amountJpy: -feePart },
        {
          account: accounts.creatorEarnings(tip.creatorId),
          amountJpy: -creatorPart,
          // a part still on hold is taken back when it would have become available
          availableAt: earnings && earnings.availableAt > at ? earnings.availableAt : at,
        },
      ].filter(line => line.amountJpy !== 0);
      postTransaction(tx, LedgerTransactionKind.TIP_PARTIAL_REFUND, refund.id, lines, at);
      await addRevenue(tx, at, revenueOfMovement(LedgerTransactionKind.TIP_PARTIAL_REFUND, lines));
      if (after === tip.amountJpy) {
        tip.status = TipStatus.REVERSED;
        tip.reversalReason = 'REFUND';
      }
      await tx.flush();
      return after === tip.amountJpy ? ('REVERSED' as const) : ('APPLIED' as const);
    });
  }

  return { tipSucceeded, tipFailed, tipReversed, tipPartiallyRefunded };
}

/** Yen refunded from a tip by other refunds already in the ledger. */
async function refundedBefore(em: EntityManager, tipId: string, refundId: string) {
  const [row] = await em.execute<{ total: string | null }[]>(
    `select sum(r.amount_jpy) as total from payments.payment_refund r
      join payments.ledger_transaction t on t.kind = 'TIP_PARTIAL_REFUND' and t.reference = r.id
     where r.tip_id = ? and r.id <> ?`,
    [tipId, refundId],
  );
  return Number(row?.total ?? 0);
}

/** Per account, what the tip's partial refunds already moved (negative for earnings and fees). */
async function partiallyRefunded(em: EntityManager, tipId: string) {
  const rows = await em.execute<{ account: string; total: string }[]>(
    `select e.account, sum(e.amount_jpy) as total from payments.payment_refund r
      join payments.ledger_transaction t on t.kind = 'TIP_PARTIAL_REFUND' and t.reference = r.id
      join payments.ledger_entry e on e.transaction_id = t.id
     where r.tip_id = ? group by e.account`,
    [tipId],
  );
  return new Map(rows.map(row => [row.account, Number(row.total)]));
}

/** What the webhook handlers call. */
export const tipSettlement: TipSettlement = createTipSettlement();
