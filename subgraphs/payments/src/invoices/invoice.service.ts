import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { checkPageSize, decodeTimeCursor, pastKey, isUuid, toConnection } from '@vp/kit';
import { type PaymentProviderName } from '../contracts';
import { type MoneyContext } from '../ledger/money-context';
import { emitMoneyEmail } from '../money-emails/money-emails';
import { type PlanSubscription } from '../subscriptions/subscription.entity';
import { assertMayReadBillingOf } from '../subscriptions/subscription.service';
import { Invoice, InvoiceStatus } from './invoice.entity';

/** One charge as a webhook tells it, for a subscription we know. */
export interface ChargeFacts {
  provider: PaymentProviderName;
  /** Stripe's invoice id, CCBill's transaction id. */
  providerRef: string;
  subscription: PlanSubscription;
  amountJpy: number;
  periodStart: Date;
  periodEnd: Date;
  /** The provider's time of the payment or of the failure. */
  at: Date;
}

/** The invoice of a provider reference, locked, made (with `status`) if it is not there yet. */
async function lockOrCreate(em: EntityManager, charge: ChargeFacts, status: InvoiceStatus) {
  const inserted = (await em
    .createQueryBuilder(Invoice)
    .insert({
      id: randomUUID(),
      provider: charge.provider,
      providerRef: charge.providerRef,
      userId: charge.subscription.userId,
      subscriptionId: charge.subscription.id,
      planId: charge.subscription.plan.id,
      amountJpy: charge.amountJpy,
      status,
      periodStart: charge.periodStart,
      periodEnd: charge.periodEnd,
      paidAt: status === InvoiceStatus.PAID ? charge.at : null,
      createdAt: charge.at,
    })
    .onConflict(['provider', 'provider_ref'])
    .ignore()
    .execute('run')) as { affectedRows?: number };
  const invoice = await em.findOneOrFail(
    Invoice,
    { provider: charge.provider, providerRef: charge.providerRef },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  return { invoice, created: inserted.affectedRows !== 0 };
}

/**
 * A charge was paid: the invoice is PAID (a retry that succeeded after a failure turns FAILED
 * into PAID) and the receipt is mailed, once per invoice.
 */
export async function recordChargePaid(em: EntityManager, charge: ChargeFacts) {
  const { invoice, created } = await lockOrCreate(em, charge, InvoiceStatus.PAID);
  if (!created) {
    if (invoice.status !== InvoiceStatus.FAILED) {
      return; // told before (a refund may since have made it REFUNDED)
    }
    invoice.status = InvoiceStatus.PAID;
    invoice.amountJpy = charge.amountJpy;
    invoice.paidAt = charge.at;
    await em.flush();
  }
  emitMoneyEmail(em, {
    kind: 'PAYMENT_RECEIPT',
    userId: invoice.userId,
    source: invoice.id,
    amountJpy: invoice.amountJpy,
    planName: charge.subscription.plan.name,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    referenceId: invoice.id,
    at: charge.at,
  });
  await em.flush();
}

/**
 * A charge failed: the invoice is FAILED (unless it was paid meanwhile) and the failed-payment
 * notice is mailed once per invoice; the provider's later retries of it mail nothing more.
 */
export async function recordChargeFailed(em: EntityManager, charge: ChargeFacts) {
  const { invoice, created } = await lockOrCreate(em, charge, InvoiceStatus.FAILED);
  if (!created) {
    return;
  }
  emitMoneyEmail(em, {
    kind: 'PAYMENT_FAILED',
    userId: invoice.userId,
    source: invoice.id,
    amountJpy: invoice.amountJpy,
    planName: charge.subscription.plan.name,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    referenceId: invoice.id,
    at: charge.at,
  });
  await em.flush();
}

/**
 * A subscription payment refunded in full: its invoice shows REFUNDED. The refund names the
 * payment (a CCBill transaction is the invoice's reference; a Stripe refund names the payment
 * intent or charge): without an exact match, the subscription's latest paid invoice.
 */
export async function markChargeRefunded(
  em: EntityManager,
  provider: PaymentProviderName,
  paymentRef: string,
  subscriptionId: string,
) {
  const exact = await em.nativeUpdate(
    Invoice,
    { provider, providerRef: paymentRef, status: InvoiceStatus.PAID },
    { status: InvoiceStatus.REFUNDED },
  );
  if (exact > 0) {
    return;
  }
  const latest = await em.findOne(
    Invoice,
    { subscriptionId, status: InvoiceStatus.PAID },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
  if (latest) {
    latest.status = InvoiceStatus.REFUNDED;
    await em.flush();
  }
}

const INVOICE_CURSOR = 'invoice';

/** The user's invoices, newest first (id breaks ties); the user and admins only. */
export async function invoicesOf(
  context: MoneyContext,
  userId: string,
  first: number,
  after?: string | null,
) {
  assertMayReadBillingOf(context, userId);
  checkPageSize(first);
  const key = after ? decodeTimeCursor(after, [INVOICE_CURSOR]) : null;
  const rows = isUuid(userId)
    ? await context.em.find(
        Invoice,
        {
          userId,
          ...pastKey(key),
        },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 },
      )
    : [];
  return toConnection(
    rows,
    first,
    row => [INVOICE_CURSOR, row.createdAt.toISOString(), row.id],
    !!key,
  );
}
