import { type EntityManager } from '@mikro-orm/postgresql';
import { LedgerEntry, LedgerTransaction, type LedgerTransactionKind } from './ledger.entity';

export interface EntryLine {
  account: string;
  amountJpy: number;
  /** Defaults to the transaction's time (available at once). */
  availableAt?: Date;
}

/**
 * Writes one balanced movement. The code refuses an unbalanced or fractional set here; the
 * database checks the sum again at commit (constraint trigger) and refuses a second movement of
 * the same kind for the same reference (unique index).
 */
export function postTransaction(
  em: EntityManager,
  kind: LedgerTransactionKind,
  reference: string,
  lines: EntryLine[],
  now: Date,
): LedgerTransaction {
  if (lines.length < 2) {
    throw new Error(`A ${kind} movement needs at least two entries.`);
  }
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountJpy) || line.amountJpy === 0) {
      throw new Error(
        `A ${kind} entry must be a non-zero whole number of yen, not ${line.amountJpy}.`,
      );
    }
  }
  const sum = lines.reduce((total, line) => total + line.amountJpy, 0);
  if (sum !== 0) {
    throw new Error(`A ${kind} movement must balance; its entries sum to ${sum}.`);
  }
  const transaction = em.create(LedgerTransaction, { kind, reference, createdAt: now });
  for (const line of lines) {
    em.create(LedgerEntry, {
      transaction,
      account: line.account,
      amountJpy: line.amountJpy,
      createdAt: now,
      availableAt: line.availableAt ?? now,
    });
  }
  return transaction;
}

export interface LedgerSettings {
  /** The platform's share of a tip, in percent (0–100); the fee is rounded down. */
  platformFeePercent: number;
  /** How long tip earnings stay pending before they can be withdrawn. */
  earningsHoldDays: number;
}

export const DEFAULT_LEDGER_SETTINGS: LedgerSettings = {
  platformFeePercent: 20,
  earningsHoldDays: 7,
};

/**
 * The platform's fee on a tip, rounded DOWN to the yen (so rounding always favours the creator):
 * ¥101 at 20% is a ¥20 fee and ¥81 for the creator.
 */
export const platformFeeOf = (amountJpy: number, percent: number) =>
  Math.floor((amountJpy * percent) / 100);

export const DAY_MS = 24 * 60 * 60 * 1000;
