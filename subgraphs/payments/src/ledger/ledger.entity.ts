import { randomUUID } from 'node:crypto';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';

/** Why money moved; with `reference` (the tip or withdrawal id) it names a movement once. */
export enum LedgerTransactionKind {
  TIP_CREDIT = 'TIP_CREDIT',
  TIP_REVERSAL = 'TIP_REVERSAL',
  /** A refund of part of a tip: its share of the credit (reference: the payment_refund id). */
  TIP_PARTIAL_REFUND = 'TIP_PARTIAL_REFUND',
  WITHDRAWAL_HOLD = 'WITHDRAWAL_HOLD',
  WITHDRAWAL_PAID = 'WITHDRAWAL_PAID',
  WITHDRAWAL_RELEASED = 'WITHDRAWAL_RELEASED',
  /** A payout failed at the provider: what was paid out comes back to the available earnings. */
  WITHDRAWAL_RETURNED = 'WITHDRAWAL_RETURNED',
}

/**
 * One movement of money: a balanced set of entries. The unique (kind, reference) makes the
 * database refuse a second credit or reversal of the same tip, whatever the code does.
 */
@Entity({ tableName: 'ledger_transaction' })
@Unique({ properties: ['kind', 'reference'] })
export class LedgerTransaction {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => LedgerTransactionKind })
  kind!: LedgerTransactionKind;

  /** The tip or withdrawal it belongs to. */
  @Property({ type: 'uuid' })
  reference!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * One line of a movement, in integer yen, signed: positive adds to the account, negative takes
 * from it. Append only (a trigger refuses UPDATE and DELETE); the entries of a transaction sum to
 * zero (a deferred constraint trigger checks it at commit).
 */
@Entity({ tableName: 'ledger_entry' })
// Balances are sums per account split at "now" on available_at; the included amount lets
// PostgreSQL answer them from the index alone.
@Index({
  name: 'ledger_entry_account_available_at_index',
  expression:
    'create index "ledger_entry_account_available_at_index" on "payments"."ledger_entry" ' +
    '("account", "available_at") include ("amount_jpy")',
})
@Index({ name: 'ledger_entry_account_id_index', properties: ['account', 'id'] })
@Check({ name: 'ledger_entry_amount_jpy_not_zero', expression: 'amount_jpy <> 0' })
export class LedgerEntry {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Index()
  @ManyToOne(() => LedgerTransaction)
  transaction!: Rel<LedgerTransaction>;

  /** `provider:STRIPE:clearing`, `platform:fees`, `creator:<id>:earnings`, … (see ledger/accounts.ts). */
  @Property({ type: 'string', length: 120 })
  account!: string;

  @Property({ type: 'integer' })
  amountJpy!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** When the amount counts as available; later than createdAt while earnings are on hold. */
  @Property({ type: 'datetime' })
  availableAt!: Date;
}
