import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, isUuid, notFound, PlanTier, unauthenticated } from '@vp/kit';
import { type CheckoutPurpose, type PaymentProviderName, type StartCheckout } from '../contracts';
import { isAdult } from '../entitlements/entitlement.service';
import { Plan } from '../plans/plan.entity';
import { type PaymentsContext, type PaymentsRuntime } from '../providers/runtime';
import { CURRENT_STATUSES, PlanSubscription } from '../subscriptions/subscription.entity';
import { CheckoutSession } from './checkout-session.entity';
import { acceptedReturnUrl } from './return-url';

const CHECKOUT_LIFETIME_MS = 24 * 3600 * 1000;

interface OpenCheckout {
  purpose: CheckoutPurpose;
  plan: Plan | null;
  /** What is charged now; for plans it differs from the price only for a prorated upgrade. */
  initialAmountJpy: number;
  /** Where the checkout page sends the buyer back to (already on the allow-list). */
  returnUrl?: string | null;
}

/**
 * Opens (or reuses) a checkout: an unexpired OPEN one for the same purpose and amount is handed
 * back as it is, so a double click or a retried mutation never makes a second provider session.
 */
export async function openCheckout(
  em: EntityManager,
  runtime: PaymentsRuntime,
  open: OpenCheckout,
) {
  const { purpose, plan } = open;
  const adult = purpose.kind === 'tip' ? purpose.adult : !!plan?.adultsOnly;
  const providerName: PaymentProviderName =
    purpose.kind === 'subscription'
      ? (plan!.provider as PaymentProviderName)
      : adult
        ? 'CCBILL'
        : 'STRIPE';
  const provider = runtime.providers[providerName];
  const now = runtime.now();
  const amountJpy = purpose.kind === 'tip' ? purpose.amountJpy : open.initialAmountJpy;

  const reusable = await em.findOne(
    CheckoutSession,
    {
      userId: purpose.userId,
      kind: purpose.kind === 'tip' ? 'TIP' : 'SUBSCRIPTION',
      ...(purpose.kind === 'tip' ? { tipId: purpose.tipId } : { plan: plan!.id }),
      status: 'OPEN',
      provider: providerName,
      mode: provider.mode,
      amountJpy,
      expiresAt: { $gt: now },
    },
    { orderBy: { createdAt: 'desc' } },
  );
  if (reusable) {
    // the same checkout started again (maybe from the app after the web): return where it was last asked
    if (open.returnUrl !== undefined && reusable.returnUrl !== open.returnUrl) {
      reusable.returnUrl = open.returnUrl;
      await em.flush();
    }
    return {
      url: reusable.url,
      provider: providerName,
      providerRef: reusable.providerRef ?? reusable.id,
    };
  }

  const checkout = em.create(CheckoutSession, {
    userId: purpose.userId,
    kind: purpose.kind === 'tip' ? 'TIP' : 'SUBSCRIPTION',
    plan,
    tipId: purpose.kind === 'tip' ? purpose.tipId : null,
    amountJpy,
    provider: providerName,
    mode: provider.mode,
    url: '',
    returnUrl: open.returnUrl ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
  });
  const created = await provider.createCheckout(em, {
    checkout,
    plan,
    initialAmountJpy: open.initialAmountJpy,
    publicUrl: runtime.publicUrl,
  });
  checkout.url = created.url;
  checkout.providerRef = created.providerRef;
  await em.flush();
  return {
    url: checkout.url,
    provider: providerName,
    providerRef: checkout.providerRef ?? checkout.id,
  };
}

/** The contract the tips feature calls (src/contracts.ts). */
export function startCheckoutFor(runtime: PaymentsRuntime): StartCheckout {
  return async (em, purpose) => {
    if (purpose.kind === 'tip') {
      if (purpose.adult && !(await isAdult(em, purpose.userId, runtime.now()))) {
        throw forbidden('Tipping adult content needs an adult account.');
      }
      return openCheckout(em, runtime, {
        purpose,
        plan: null,
        initialAmountJpy: purpose.amountJpy,
      });
    }
    const plan = await em.findOneOrFail(Plan, { id: purpose.planId });
    return openCheckout(em, runtime, { purpose, plan, initialAmountJpy: plan.priceJpy });
  };
}

/** An offered plan by id, or NOT_FOUND. */
export async function offeredPlan(em: EntityManager, planId: string) {
  const plan = isUuid(planId) ? await em.findOne(Plan, { id: planId, active: true }) : null;
  if (!plan) {
    throw notFound('The plan');
  }
  return plan;
}

/** Refuses adults-only plans to anyone not known to be 18 or older. */
export async function assertMaySubscribeTo(context: PaymentsContext, plan: Plan, userId: string) {
  if (plan.adultsOnly && !(await isAdult(context.em, userId, context.payments.now()))) {
    throw forbidden(`${plan.name} is for adults only.`);
  }
}

/** `startCheckout(planId, returnUrl)`: where the signed-in viewer pays for a plan. */
export async function startPlanCheckout(
  context: PaymentsContext,
  planId: string,
  returnUrl?: string | null,
) {
  const viewer = context.viewer;
  if (!viewer) {
    throw unauthenticated('Sign in to subscribe.');
  }
  const accepted = acceptedReturnUrl(returnUrl, context.payments.publicWebUrl);
  const plan = await offeredPlan(context.em, planId);
  if (plan.tier === PlanTier.FREE) {
    throw badInput('The free plan needs no checkout.', [
      { field: 'planId', message: 'Choose a paid plan.' },
    ]);
  }
  await assertMaySubscribeTo(context, plan, viewer.id);
  const current = await context.em.findOne(
    PlanSubscription,
    { userId: viewer.id, status: { $in: CURRENT_STATUSES } },
    { populate: ['plan'] },
  );
  if (current?.plan.id === plan.id) {
    throw badInput(`You are already subscribed to ${plan.name}.`, [
      { field: 'planId', message: 'This is your current plan.' },
    ]);
  }
  if (current) {
    throw badInput('You already have a subscription: change its plan with changePlan.', [
      { field: 'planId', message: 'Use changePlan to move to another plan.' },
    ]);
  }
  const { url } = await openCheckout(context.em, context.payments, {
    purpose: { kind: 'subscription', userId: viewer.id, planId: plan.id },
    plan,
    initialAmountJpy: plan.priceJpy,
    returnUrl: accepted,
  });
  return { url };
}
