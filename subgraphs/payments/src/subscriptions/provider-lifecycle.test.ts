import { randomUUID } from 'node:crypto';
import { eventually, graphql, tokenFor } from '@vp/kit/testing';
import { syncEntitlement } from '../entitlements/entitlement.service';
import { PLAN_IDS } from '../plans/plan-ids';
import { Plan, PaymentProvider } from '../plans/plan.entity';
import { PlanTier } from '@vp/kit';
import {
  type Recorder,
  startRecorder,
  stripeAnswer,
  stripeRefusal,
} from '../providers/recorders.testing';
import {
  ccbillSubscriptionId,
  ccbillTimestamp,
  ccbillTransactionId,
  ccbillDate,
} from '../providers/sandbox/ccbill-events';
import { stripeEvent, stripeSubscription } from '../providers/sandbox/stripe-events';
import { parseIpAllowList } from '../webhooks/ip-allow-list';
import { ProviderEvent } from '../webhooks/provider-event.entity';
import { type PaymentsTest, startPaymentsTest } from '../webhooks/payments.testing';
import { PlanSubscription, SubscriptionStatus } from './subscription.entity';

const DAY_MS = 24 * 3600_000;
const CANCEL = `mutation { cancelSubscription { status cancelAtPeriodEnd } }`;
const RESUME = `mutation { resumeSubscription { status cancelAtPeriodEnd } }`;
const CHANGE = `mutation($planId: ID!) { changePlan(planId: $planId) {
  checkoutUrl amountDueNowJpy subscription { cancelAtPeriodEnd plan { id } } } }`;

const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.map(error => error.extensions);

async function subscribe(
  t: PaymentsTest,
  userId: string,
  planId: string,
  provider: 'STRIPE' | 'CCBILL',
) {
  const em = t.app.em();
  const subscription = em.create(PlanSubscription, {
    userId,
    plan: em.getReference(Plan, planId),
    provider,
    providerSubscriptionId: provider === 'STRIPE' ? `sub_${randomUUID()}` : ccbillSubscriptionId(),
    providerCustomerId: provider === 'STRIPE' ? 'cus_recorded' : null,
    currentPeriodEnd: new Date(Date.now() + 20 * DAY_MS),
    periodEndConfirmed: true,
    createdAt: new Date(Date.now() - 10 * DAY_MS),
  });
  await em.flush();
  await em.transactional(tx => syncEntitlement(tx, userId, 3).then(() => undefined));
  return subscription;
}

const stored = (t: PaymentsTest, id: string) =>
  t.app.em().findOneOrFail(PlanSubscription, { id }, { populate: ['plan', 'scheduledPlan'] });

describe('lifecycle calls reach the live providers (local recording servers)', () => {
  let t: PaymentsTest;
  let stripe: Recorder;
  let ccbill: Recorder;
  const ccbillOk = () => ({ body: '"results"\n"1"\n' });
  beforeAll(async () => {
    stripe = await startRecorder(stripeAnswer);
    ccbill = await startRecorder(ccbillOk);
    t = await startPaymentsTest({
      mode: 'live',
      stripe: {
        secretKey: 'sk_test_recorded',
        webhookSecret: 'whsec_recorded_lifecycle',
        api: { host: '127.0.0.1', port: stripe.port, protocol: 'http' },
      },
      ccbill: {
        account: '900100',
        subaccount: '0001',
        flexFormId: 'form',
        salt: 'salt',
        webhookToken: 'token-lifecycle',
        // these tests post CCBill's webhooks from loopback
        allowedIps: parseIpAllowList('64.38.212.1', { loopback: true }),
        datalink: { username: 'dl-user', password: 'dl-pass', url: ccbill.url },
      },
    });
  });
  beforeEach(() => {
    stripe.reset();
    ccbill.reset();
  });
  afterAll(async () => {
    await t?.stop();
    await stripe?.stop();
    await ccbill?.stop();
  });

  it('Stripe: cancel sets cancel_at_period_end with an idempotency key, once; resume clears it with another key', async () => {
    const user = randomUUID();
    const subscription = await subscribe(t, user, PLAN_IDS.PREMIUM, 'STRIPE');
    const token = await tokenFor(user);

    const cancelled = await graphql(t.app.url, CANCEL, {}, { token });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    const [cancel] = stripe.requests.splice(0);
    expect([cancel.method, cancel.path]).toEqual([
      'POST',
      `/v1/subscriptions/${subscription.providerSubscriptionId}`,
    ]);
    expect(cancel.params.get('cancel_at_period_end')).toBe('true');
    expect(cancel.headers['idempotency-key']).toBe(
      `vp-sub-cancel-${subscription.id}-${subscription.createdAt.getTime()}`,
    );
    expect((await stored(t, subscription.id)).cancelAtPeriodEnd).toBe(true);

    // Cancelling again: nothing to tell the provider.
    expect((await graphql(t.app.url, CANCEL, {}, { token })).data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    expect(stripe.requests).toHaveLength(0);

    const resumed = await graphql(t.app.url, RESUME, {}, { token });
    expect(resumed.data.resumeSubscription).toEqual({ status: 'ACTIVE', cancelAtPeriodEnd: false });
    const [resume] = stripe.requests.splice(0);
    expect(resume.params.get('cancel_at_period_end')).toBe('false');
    expect(resume.headers['idempotency-key']).toMatch(`vp-sub-resume-${subscription.id}-`);
    expect(resume.headers['idempotency-key']).not.toBe(cancel.headers['idempotency-key']);
  });

  it('Stripe: a refused call changes nothing and says so, coded', async () => {
    const user = randomUUID();
    const subscription = await subscribe(t, user, PLAN_IDS.PREMIUM, 'STRIPE');
    stripe.answerWith(stripeRefusal);
    const response = await graphql(t.app.url, CANCEL, {}, { token: await tokenFor(user) });
    expect(codeOf(response)).toEqual([
      { code: 'SERVICE_UNAVAILABLE', provider: 'STRIPE', providerCode: 'resource_missing' },
    ]);
    const after = await stored(t, subscription.id);
    expect([after.cancelAtPeriodEnd, after.providerStateAt, after.status]).toEqual([
      false,
      null,
      SubscriptionStatus.ACTIVE,
    ]);
  });

  it("local state follows the provider's webhooks: a newer update wins, an older one does not", async () => {
    const user = randomUUID();
    const subscription = await subscribe(t, user, PLAN_IDS.PREMIUM, 'STRIPE');
    await graphql(t.app.url, CANCEL, {}, { token: await tokenFor(user) });
    const now = Math.floor(Date.now() / 1000);
    const shape = {
      id: subscription.providerSubscriptionId!,
      customer: 'cus_recorded',
      metadata: { userId: user, planId: PLAN_IDS.PREMIUM },
      status: 'active' as const,
      periodStart: now - 10 * 86400,
      periodEnd: now + 20 * 86400,
      priceJpy: 980,
      created: now - 10 * 86400,
    };
    // Delivered late, from before the cancellation: ignored.
    const stale = stripeEvent(
      'customer.subscription.updated',
      stripeSubscription({ ...shape, cancelAtPeriodEnd: false }),
      now - 60,
    );
    // The user resumed in Stripe's own portal afterwards: followed.
    const newer = stripeEvent(
      'customer.subscription.updated',
      stripeSubscription({ ...shape, cancelAtPeriodEnd: false }),
      now + 5,
    );
    expect(await t.deliver([{ provider: 'STRIPE', event: stale }])).toEqual([200]);
    expect((await stored(t, subscription.id)).cancelAtPeriodEnd).toBe(true);
    expect(await t.deliver([{ provider: 'STRIPE', event: newer }])).toEqual([200]);
    expect((await stored(t, subscription.id)).cancelAtPeriodEnd).toBe(false);
  });

  it('CCBill: cancel calls its subscription management API; it cannot resume; a refusal changes nothing', async () => {
    const user = randomUUID();
    await t.adult(user, true);
    const subscription = await subscribe(t, user, PLAN_IDS.PREMIUM_PLUS, 'CCBILL');
    const token = await tokenFor(user);

    ccbill.answerWith(() => ({ body: '"results"\n"-1"\n' }));
    const refused = await graphql(t.app.url, CANCEL, {}, { token });
    expect(codeOf(refused)).toEqual([
      { code: 'SERVICE_UNAVAILABLE', provider: 'CCBILL', providerCode: 'results:-1' },
    ]);
    expect((await stored(t, subscription.id)).cancelAtPeriodEnd).toBe(false);
    ccbill.reset();

    const cancelled = await graphql(t.app.url, CANCEL, {}, { token });
    expect(cancelled.data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    const [call] = ccbill.requests.splice(0);
    expect([call.method, call.path]).toEqual(['GET', '/utils/subscriptionManagement.cgi']);
    expect(Object.fromEntries(call.params)).toEqual({
      clientAccnum: '900100',
      clientSubacc: '',
      usingSubacc: '0001',
      subscriptionId: subscription.providerSubscriptionId,
      username: 'dl-user',
      password: 'dl-pass',
      action: 'cancelSubscription',
    });

    const resumed = await graphql(t.app.url, RESUME, {}, { token });
    expect(codeOf(resumed)?.map(extensions => extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(ccbill.requests).toHaveLength(0);
    expect((await stored(t, subscription.id)).cancelAtPeriodEnd).toBe(true);
  });

  it('a downgrade to another provider stops the renewal at the current one and schedules the plan', async () => {
    const user = randomUUID();
    await t.adult(user, true);
    const subscription = await subscribe(t, user, PLAN_IDS.PREMIUM_PLUS, 'CCBILL');
    const response = await graphql(
      t.app.url,
      CHANGE,
      { planId: PLAN_IDS.PREMIUM },
      { token: await tokenFor(user) },
    );
    expect(response.data.changePlan).toMatchObject({
      checkoutUrl: null,
      subscription: { cancelAtPeriodEnd: true, plan: { id: PLAN_IDS.PREMIUM_PLUS } },
    });
    expect(ccbill.requests.map(request => request.params.get('action'))).toEqual([
      'cancelSubscription',
    ]);
    expect((await stored(t, subscription.id)).scheduledPlan?.id).toBe(PLAN_IDS.PREMIUM);
  });

  it('an upgrade paid at another provider cancels the replaced subscription at its provider, without a credit, once', async () => {
    const user = randomUUID();
    await t.adult(user, true);
    const old = await subscribe(t, user, PLAN_IDS.PREMIUM, 'STRIPE');
    const change = await graphql(
      t.app.url,
      CHANGE,
      { planId: PLAN_IDS.PREMIUM_PLUS },
      { token: await tokenFor(user) },
    );
    const checkoutId = new URL(change.data.changePlan.checkoutUrl).searchParams.get('checkoutId')!;
    const sale = {
      provider: 'CCBILL' as const,
      postback: {
        eventType: 'NewSaleSuccess',
        eventGroupType: 'Subscription' as const,
        fields: {
          transactionId: ccbillTransactionId(),
          subscriptionId: ccbillSubscriptionId(),
          timestamp: ccbillTimestamp(new Date()),
          'X-checkoutId': checkoutId,
          nextRenewalDate: ccbillDate(new Date(Date.now() + 30 * DAY_MS)),
          billedInitialPrice: `${change.data.changePlan.amountDueNowJpy}.00`,
        },
      },
    };
    // Stripe refuses: the sale is not applied (500), CCBill will post it again.
    stripe.answerWith(stripeRefusal);
    expect(await t.deliver([sale])).toEqual([500]);
    expect((await stored(t, old.id)).status).toBe(SubscriptionStatus.ACTIVE);
    stripe.reset();

    expect(await t.deliver([sale])).toEqual([200]);
    expect(await stored(t, old.id)).toMatchObject({
      status: SubscriptionStatus.CANCELED,
      endReason: 'REPLACED',
    });
    const [cancel] = stripe.requests.splice(0);
    expect([cancel.method, cancel.path]).toEqual([
      'DELETE',
      `/v1/subscriptions/${old.providerSubscriptionId}`,
    ]);
    expect([cancel.params.get('prorate'), cancel.params.get('invoice_now')]).toEqual([
      'false',
      'false',
    ]);
    expect(cancel.headers['idempotency-key']).toBe(`vp-sub-replaced-${old.id}`);
    // Delivered once more: a duplicate, nothing called.
    expect(await t.deliver([sale])).toEqual([200]);
    expect(stripe.requests).toHaveLength(0);
  });

  describe('plans of the same provider', () => {
    let lite: Plan;
    beforeAll(async () => {
      const em = t.app.em();
      lite = em.create(Plan, {
        id: randomUUID(),
        tier: PlanTier.PREMIUM,
        name: 'Premium Lite',
        priceJpy: 480,
        provider: PaymentProvider.STRIPE,
      });
      await em.flush();
    });

    it('Stripe upgrade: the item moves to the new price, prorated and invoiced at once', async () => {
      const user = randomUUID();
      const subscription = await subscribe(t, user, lite.id, 'STRIPE');
      const response = await graphql(
        t.app.url,
        CHANGE,
        { planId: PLAN_IDS.PREMIUM },
        { token: await tokenFor(user) },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.changePlan).toMatchObject({
        checkoutUrl: null,
        subscription: { cancelAtPeriodEnd: false, plan: { id: PLAN_IDS.PREMIUM } },
      });
      const [retrieve, product, update] = stripe.requests.splice(0);
      expect([retrieve.method, retrieve.path]).toEqual([
        'GET',
        `/v1/subscriptions/${subscription.providerSubscriptionId}`,
      ]);
      expect([product.path, product.params.get('id')]).toEqual([
        '/v1/products',
        `vp_plan_${PLAN_IDS.PREMIUM}`,
      ]);
      expect(product.headers['idempotency-key']).toBe(`vp-product-${PLAN_IDS.PREMIUM}`);
      expect(Object.fromEntries(update.params)).toMatchObject({
        'items[0][id]': 'si_recorded',
        'items[0][price_data][product]': `vp_plan_${PLAN_IDS.PREMIUM}`,
        'items[0][price_data][unit_amount]': '980',
        'items[0][price_data][currency]': 'jpy',
        proration_behavior: 'always_invoice',
        payment_behavior: 'error_if_incomplete',
        'metadata[planId]': PLAN_IDS.PREMIUM,
      });
      expect(update.headers['idempotency-key']).toMatch(
        `vp-sub-plan-${PLAN_IDS.PREMIUM}-${subscription.id}-`,
      );
      expect((await stored(t, subscription.id)).plan.id).toBe(PLAN_IDS.PREMIUM);
    });

    it('Stripe downgrade: a schedule moves to the cheaper price from the period end', async () => {
      const user = randomUUID();
      const subscription = await subscribe(t, user, PLAN_IDS.PREMIUM, 'STRIPE');
      const response = await graphql(
        t.app.url,
        CHANGE,
        { planId: lite.id },
        { token: await tokenFor(user) },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.changePlan.subscription).toEqual({
        cancelAtPeriodEnd: false,
        plan: { id: PLAN_IDS.PREMIUM },
      });
      const paths = stripe.requests.map(request => `${request.method} ${request.path}`);
      expect(paths).toEqual([
        `GET /v1/subscriptions/${subscription.providerSubscriptionId}`,
        'POST /v1/products',
        'POST /v1/subscription_schedules',
        'POST /v1/subscription_schedules/sub_sched_recorded',
      ]);
      const [, , create, update] = stripe.requests;
      expect(create.params.get('from_subscription')).toBe(subscription.providerSubscriptionId);
      expect(Object.fromEntries(update.params)).toMatchObject({
        end_behavior: 'release',
        'phases[0][items][0][price]': 'price_recorded',
        'phases[1][items][0][price_data][unit_amount]': '480',
        'phases[1][items][0][price_data][product]': `vp_plan_${lite.id}`,
        'phases[1][metadata][planId]': lite.id,
      });
      expect((await stored(t, subscription.id)).scheduledPlan?.id).toBe(lite.id);
    });
  });
});

describe('the sandbox provider models the same calls', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    t = await startPaymentsTest();
  });
  afterAll(() => t?.stop());

  it('pay on the sandbox page, cancel: Stripe’s update webhook follows, and the plan applies until the period end', async () => {
    const user = randomUUID();
    const checkout = await t.checkout(user, PLAN_IDS.PREMIUM, 'STRIPE');
    const paid = await fetch(`${t.base}/checkout/${checkout.id}`, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'success' }),
    });
    expect(paid.status).toBe(200);
    const token = await tokenFor(user);
    const cancelled = await graphql(t.app.url, CANCEL, {}, { token });
    expect(cancelled.data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    const subscription = await t.app.em().findOneOrFail(PlanSubscription, { userId: user });
    await eventually(async () => {
      const events = await t.app.em().find(ProviderEvent, {
        provider: 'STRIPE',
        eventType: 'customer.subscription.updated',
        rawBody: { $like: `%${subscription.providerSubscriptionId}%` },
      });
      expect(events.map(event => event.outcome)).toEqual(['APPLIED']);
      return true;
    });
    const billing = await graphql(
      t.app.url,
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on User {
              planTier
              subscription {
                cancelAtPeriodEnd
              }
            }
          }
        }
      `,
      { r: [{ __typename: 'User', id: user }] },
      { token },
    );
    expect(billing.data._entities[0]).toEqual({
      planTier: 'PREMIUM',
      subscription: { cancelAtPeriodEnd: true },
    });
  });

  it('CCBill in the sandbox: cancel posts a Cancellation; resume is refused as CCBill refuses it', async () => {
    const user = randomUUID();
    await t.adult(user);
    const checkout = await t.checkout(user, PLAN_IDS.PREMIUM_PLUS, 'CCBILL');
    await fetch(`${t.base}/checkout/${checkout.id}`, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'success' }),
    });
    const token = await tokenFor(user);
    expect((await graphql(t.app.url, CANCEL, {}, { token })).data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    const subscription = await t.app.em().findOneOrFail(PlanSubscription, { userId: user });
    await eventually(async () => {
      expect(
        await t.app.em().count(ProviderEvent, {
          provider: 'CCBILL',
          eventKey: `Cancellation:${subscription.providerSubscriptionId}`,
          outcome: 'APPLIED',
        }),
      ).toBe(1);
      return true;
    });
    const resumed = await graphql(t.app.url, RESUME, {}, { token });
    expect(codeOf(resumed)?.map(extensions => extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
