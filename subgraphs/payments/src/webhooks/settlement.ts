import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { isUuid, recordAudit } from '@vp/kit';
import { CheckoutSession, type CheckoutStatus } from '../checkout/checkout-session.entity';
import { type PaymentProviderName } from '../contracts';
import { AccountAge } from '../entitlements/account-age.entity';
import { addRevenue } from '../analytics/revenue';
import { markChargeRefunded } from '../invoices/invoice.service';
import { applySubscriptionFacts } from '../subscriptions/subscription-sync';
import { PlanSubscription, SubscriptionStatus } from '../subscriptions/subscription.entity';
import { type HandlerDeps, type HandlerResult } from './intake';
import { PaymentRefund, refundUuid } from '../ledger/payment-refund.entity';
import { ProviderPayment } from './provider-payment.entity';

/** Provider-neutral effects the Stripe and CCBill handlers share. */

export async function recordPayment(
  em: EntityManager,
  provider: PaymentProviderName,
  paymentRef: string,
  paidFor: { userId: string; providerSubscriptionId?: string | null; tipId?: string | null },
) {
  await em
    .createQueryBuilder(ProviderPayment)
    .insert({
      provider,
      paymentRef,
      userId: paidFor.userId,
      providerSubscriptionId: paidFor.providerSubscriptionId ?? null,
      tipId: paidFor.tipId ?? null,
      createdAt: new Date(),
    })
    .onConflict(['provider', 'payment_ref'])
    .ignore()
    .execute('run');
}

export async function checkoutById(em: EntityManager, id: string | null | undefined) {
  return id && isUuid(id) ? em.findOne(CheckoutSession, { id }, { populate: ['plan'] }) : null;
}

export async function closeCheckout(
  em: EntityManager,
  checkout: CheckoutSession | null,
  status: CheckoutStatus,
) {
  if (checkout && checkout.status === 'OPEN') {
    checkout.status = status;
    await em.flush();
  }
}

/** A CCBill sale is made by an adult card holder: it verifies the payer's age (if their birth date agrees). */
export async function markAgeVerified(em: EntityManager, userId: string, at: Date) {
  await em
    .createQueryBuilder(AccountAge)
    .insert({ userId, birthDate: null, ageVerifiedAt: null, updatedAt: at })
    .onConflict('user_id')
    .ignore()
    .execute('run');
  const age = await em.findOneOrFail(AccountAge, { userId }, { refresh: true });
  age.ageVerifiedAt ??= at;
  await em.flush();
}

/**
 * A refund or chargeback of a payment we know: a tip is reversed through the ledger, a
 * subscription ends at once (its entitlement with it). Each payment is reversed at most once,
 * whichever of refund, dispute or chargeback comes first.
 */
export async function reversePayment(
  em: EntityManager,
  deps: HandlerDeps,
  provider: PaymentProviderName,
  paymentRef: string,
  reason: 'REFUND' | 'CHARGEBACK',
): Promise<HandlerResult> {
  const payment = await em.findOne(
    ProviderPayment,
    { provider, paymentRef },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!payment) {
    return { outcome: 'DEFERRED', waitingFor: paymentRef };
  }
  if (payment.reversedAt) {
    return { outcome: 'IGNORED: already reversed' };
  }
  payment.reversedAt = deps.now();
  // a provider's webhook: no account acted and no client address is worth keeping
  recordAudit(
    em,
    {
      action: reason === 'CHARGEBACK' ? 'PAYMENT_CHARGED_BACK' : 'PAYMENT_REFUNDED',
      actorId: null,
      targetType: 'PAYMENT',
      targetId: `${provider}:${paymentRef}`,
      detail: {
        userId: payment.userId,
        tipId: payment.tipId ?? null,
        providerSubscriptionId: payment.providerSubscriptionId ?? null,
      },
    },
    payment.reversedAt,
  );
  await em.flush();
  const users = [payment.userId];
  if (reason === 'CHARGEBACK') {
    // A disputed card may not be the user's: their age is no longer verified by it.
    const age = await em.findOne(AccountAge, { userId: payment.userId });
    if (age) {
      age.ageVerifiedAt = null;
      await em.flush();
    }
  }
  if (payment.tipId) {
    await deps.tipSettlement.tipReversed(em, payment.tipId, reason);
    return { outcome: `APPLIED: tip ${reason.toLowerCase()}`, users };
  }
  if (payment.providerSubscriptionId) {
    const refunded = await em.findOne(
      PlanSubscription,
      { providerSubscriptionId: payment.providerSubscriptionId },
      { populate: ['plan'] },
    );
    if (refunded) {
      await addRevenue(em, deps.now(), { refundJpy: refunded.plan.priceJpy });
      await markChargeRefunded(em, provider, paymentRef, refunded.id);
    }
    const result = await applySubscriptionFacts(em, {
      provider,
      providerSubscriptionId: payment.providerSubscriptionId,
      at: deps.now(),
      ended: { status: SubscriptionStatus.CANCELED, reason },
    });
    return { outcome: result.outcome, users };
  }
  return { outcome: 'IGNORED: payment paid for nothing known', users };
}

/**
 * A refund, whole or partial, counted once by its own id: a tip gives back that share of its
 * credit (TIP_PARTIAL_REFUND); a subscription payment adds a refund for analysts. A refund larger
 * than what is left of the charge changes nothing (the event's outcome says so).
 */
export async function recordRefund(
  em: EntityManager,
  deps: HandlerDeps,
  provider: PaymentProviderName,
  refund: { refundId: string; paymentRef: string; amountJpy: number; at: Date },
): Promise<HandlerResult> {
  const payment = await em.findOne(
    ProviderPayment,
    { provider, paymentRef: refund.paymentRef },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!payment) {
    return { outcome: 'DEFERRED', waitingFor: refund.paymentRef };
  }
  if (payment.reversedAt) {
    return { outcome: 'IGNORED: already reversed' };
  }
  const id = refundUuid(provider, refund.refundId);
  const inserted = (await em
    .createQueryBuilder(PaymentRefund)
    .insert({
      id,
      provider,
      refundId: refund.refundId,
      paymentRef: refund.paymentRef,
      tipId: payment.tipId,
      amountJpy: refund.amountJpy,
      refundedAt: refund.at,
    })
    .onConflict(['provider', 'refund_id'])
    .ignore()
    .execute('run')) as { affectedRows?: number };
  if (inserted.affectedRows === 0) {
    return { outcome: 'IGNORED: refund already counted' };
  }
  if (payment.tipId) {
    const done = await deps.tipSettlement.tipPartiallyRefunded(em, payment.tipId, {
      id,
      amountJpy: refund.amountJpy,
    });
    if (done === 'REVERSED') {
      // the whole tip is refunded now: charge.refunded (full) finds nothing left to reverse
      payment.reversedAt = refund.at;
    }
    if (done === 'EXCEEDS_CHARGE' || done === 'NOT_CREDITED') {
      await em.nativeDelete(PaymentRefund, { id });
      return {
        outcome:
          done === 'EXCEEDS_CHARGE'
            ? 'IGNORED: refund larger than what is left of the charge'
            : 'IGNORED: tip not credited',
      };
    }
  } else {
    const subscription = payment.providerSubscriptionId
      ? await em.findOne(
          PlanSubscription,
          { providerSubscriptionId: payment.providerSubscriptionId },
          { populate: ['plan'] },
        )
      : null;
    if (subscription && refund.amountJpy >= subscription.plan.priceJpy) {
      // A whole payment: charge.refunded ends the subscription and counts the refund.
      await em.nativeDelete(PaymentRefund, { id });
      return { outcome: 'IGNORED: full refund (charge.refunded reverses it)' };
    }
    await addRevenue(em, refund.at, { refundJpy: refund.amountJpy });
  }
  recordAudit(
    em,
    {
      action: 'PAYMENT_REFUNDED',
      actorId: null,
      targetType: 'PAYMENT',
      targetId: `${provider}:${refund.paymentRef}`,
      detail: {
        userId: payment.userId,
        tipId: payment.tipId ?? null,
        providerSubscriptionId: payment.providerSubscriptionId ?? null,
        refundId: refund.refundId,
        amountJpy: refund.amountJpy,
      },
    },
    refund.at,
  );
  await em.flush();
  return { outcome: 'APPLIED: partial refund', users: [payment.userId] };
}

/** The user's latest subscription at a provider (a Stripe refund names only the customer). */
export async function latestSubscriptionOfCustomer(
  em: EntityManager,
  provider: PaymentProviderName,
  providerCustomerId: string,
) {
  return em.findOne(
    PlanSubscription,
    { provider, providerCustomerId },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}
