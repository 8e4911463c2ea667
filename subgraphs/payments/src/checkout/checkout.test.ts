import { randomUUID } from 'node:crypto';
import { EntitlementChanged, parseEmitted } from '@vp/contracts';
import { errorCodes, eventually, graphql, tokenFor } from '@vp/kit/testing';
import { Entitlement } from '../entitlements/entitlement.entity';
import { PLAN_IDS } from '../plans/plan-ids';
import { startCheckoutFor } from './checkout.service';
import { createPaymentsRuntime } from '../providers/runtime';
import { PlanSubscription } from '../subscriptions/subscription.entity';
import { ProviderEvent } from '../webhooks/provider-event.entity';
import { type PaymentsTest, startPaymentsTest } from '../webhooks/payments.testing';
import { CheckoutSession } from './checkout-session.entity';

const START = `mutation($planId: ID!) { startCheckout(planId: $planId) { url } }`;
const BILLING = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  planTier subscription { plan { tier } status currentPeriodEnd cancelAtPeriodEnd } } } }`;

describe('checkout through the sandbox provider', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    t = await startPaymentsTest();
  });
  afterAll(() => t?.stop());

  const billingOf = async (userId: string) => {
    const response = await graphql(
      t.app.url,
      BILLING,
      { r: [{ __typename: 'User', id: userId }] },
      {
        token: await tokenFor(userId),
      },
    );
    expect(response.errors).toBeUndefined();
    return response.data._entities[0];
  };
  /** The sandbox page lives under the public origin; tests reach it on the subgraph's own port. */
  const local = (url: string) => url.replace('http://localhost:4000', t.base);

  it('pays for Premium on the sandbox page: webhooks make the subscription ACTIVE and publish the entitlement', async () => {
    const user = randomUUID();
    const started = await graphql(
      t.app.url,
      START,
      { planId: PLAN_IDS.PREMIUM },
      { token: await tokenFor(user) },
    );
    expect(started.errors).toBeUndefined();
    const url: string = started.data.startCheckout.url;
    expect(url).toMatch(/^http:\/\/localhost:4000\/checkout\/[0-9a-f-]{36}$/);

    const pageResponse = await fetch(local(url));
    const html = await pageResponse.text();
    expect(pageResponse.status).toBe(200);
    expect(html).toContain('Premium');
    expect(html).toContain('¥980');
    expect(html).toMatch(/<button[^>]*value="success"[^>]*>Pay</);
    expect(html).toMatch(/<button[^>]*value="decline"[^>]*>Decline</);
    expect((await billingOf(user)).subscription).toBeNull();

    const paid = await fetch(local(url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
    });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Payment received');

    const billing = await billingOf(user);
    expect(billing.planTier).toBe('PREMIUM');
    expect(billing.subscription).toMatchObject({
      plan: { tier: 'PREMIUM' },
      status: 'ACTIVE',
      cancelAtPeriodEnd: false,
    });
    const periodEnd = new Date(billing.subscription.currentPeriodEnd).getTime();
    expect(periodEnd - Date.now()).toBeGreaterThan(27 * 24 * 3600_000);
    expect(periodEnd - Date.now()).toBeLessThan(32 * 24 * 3600_000);

    // Stored raw, in Stripe's format, each once.
    const events = await t.app
      .em()
      .find(ProviderEvent, { rawBody: { $like: `%${user}%` } }, { orderBy: { eventType: 'asc' } });
    expect(events.map(event => [event.provider, event.eventType, event.outcome])).toEqual([
      ['STRIPE', 'checkout.session.completed', 'APPLIED'],
      ['STRIPE', 'customer.subscription.created', 'APPLIED'],
      ['STRIPE', 'invoice.paid', 'APPLIED'],
    ]);
    expect(JSON.parse(events[0].rawBody)).toMatchObject({
      object: 'event',
      data: { object: { object: 'checkout.session' } },
    });
    expect(await t.app.em().findOne(Entitlement, { userId: user })).toMatchObject({
      tier: 'PREMIUM',
      ageVerified: false,
    });
    const announced = await eventually(
      () => t.entitlementEvents.filter(event => event.payload.userId === user),
      { until: events => events.length > 0, what: 'EntitlementChanged' },
    );
    expect(announced.map(event => parseEmitted(EntitlementChanged, event.payload))).toEqual([
      expect.objectContaining({ userId: user, tier: 'PREMIUM', ageVerified: false }),
    ]);
    // The page is spent: paying twice is refused.
    const again = await fetch(local(url), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'success' }),
    });
    expect(again.status).toBe(409);
    expect(await t.app.em().count(PlanSubscription, { userId: user })).toBe(1);
  });

  it('changes nothing when the buyer declines', async () => {
    const user = randomUUID();
    const started = await graphql(
      t.app.url,
      START,
      { planId: PLAN_IDS.PREMIUM },
      { token: await tokenFor(user) },
    );
    const declined = await fetch(local(started.data.startCheckout.url), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'decline' }),
    });
    expect(declined.status).toBe(200);
    expect(await t.app.em().count(PlanSubscription, { userId: user })).toBe(0);
    expect(await t.app.em().findOne(Entitlement, { userId: user })).toBeNull();
    expect((await billingOf(user)).planTier).toBe('FREE');
    expect((await t.app.em().findOneOrFail(CheckoutSession, { userId: user })).status).toBe(
      'EXPIRED',
    );
  });

  it('refuses an outcome other than success or decline, and unknown checkouts', async () => {
    const user = randomUUID();
    const started = await graphql(
      t.app.url,
      START,
      { planId: PLAN_IDS.PREMIUM },
      { token: await tokenFor(user) },
    );
    const bad = await fetch(local(started.data.startCheckout.url), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'free' }),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${t.base}/checkout/${randomUUID()}`)).status).toBe(404);
    expect((await fetch(`${t.base}/checkout/not-a-uuid`)).status).toBe(404);
  });

  it('hands back the same open checkout when asked twice', async () => {
    const token = await tokenFor(randomUUID());
    const first = await graphql(t.app.url, START, { planId: PLAN_IDS.PREMIUM }, { token });
    const second = await graphql(t.app.url, START, { planId: PLAN_IDS.PREMIUM }, { token });
    expect(second.data.startCheckout.url).toBe(first.data.startCheckout.url);
  });

  describe('the way back: returnUrl', () => {
    const START_RETURNING = `mutation($planId: ID!, $returnUrl: String) {
      startCheckout(planId: $planId, returnUrl: $returnUrl) { url } }`;
    const post = (url: string, outcome: string) =>
      fetch(local(url), {
        method: 'POST',
        body: new URLSearchParams({ outcome }),
        redirect: 'manual',
      });

    it("sends the buyer back to the app's vp://checkout/<result> with a 303, and the finished page does too", async () => {
      const user = randomUUID();
      const started = await graphql(
        t.app.url,
        START_RETURNING,
        { planId: PLAN_IDS.PREMIUM, returnUrl: 'vp://checkout' },
        { token: await tokenFor(user) },
      );
      expect(started.errors).toBeUndefined();
      const url: string = started.data.startCheckout.url;
      const id = url.split('/').pop();
      // still open: the page is the checkout itself
      expect((await fetch(local(url), { redirect: 'manual' })).status).toBe(200);

      const paid = await post(url, 'success');
      expect(paid.status).toBe(303);
      expect(paid.headers.get('location')).toBe(`vp://checkout/success?checkout=${id}`);
      // for browsers that do not follow custom schemes
      expect(await paid.text()).toContain(
        `<a id="return" href="vp://checkout/success?checkout=${id}">Back to the app</a>`,
      );
      expect((await billingOf(user)).planTier).toBe('PREMIUM');

      // where a provider's success URL lands once the checkout is finished
      const finished = await fetch(local(url), { redirect: 'manual' });
      expect(finished.status).toBe(303);
      expect(finished.headers.get('location')).toBe(`vp://checkout/success?checkout=${id}`);
    });

    it('sends a declined buyer back to a page of the web app as cancel', async () => {
      const user = randomUUID();
      const started = await graphql(
        t.app.url,
        START_RETURNING,
        { planId: PLAN_IDS.PREMIUM, returnUrl: 'http://localhost:3000/account/checkout' },
        { token: await tokenFor(user) },
      );
      expect(started.errors).toBeUndefined();
      const url: string = started.data.startCheckout.url;
      const declined = await post(url, 'decline');
      expect(declined.status).toBe(303);
      expect(declined.headers.get('location')).toBe(
        `http://localhost:3000/account/checkout/cancel?checkout=${url.split('/').pop()}`,
      );
      expect((await billingOf(user)).planTier).toBe('FREE');
    });

    it('refuses a return URL off the allow-list with BAD_USER_INPUT, and starts no checkout', async () => {
      const user = randomUUID();
      const token = await tokenFor(user);
      for (const returnUrl of [
        'https://evil.example',
        'vp://other',
        'vp://checkout.evil.example',
        'vp://checkout/../other',
        'http://localhost:3000.evil.example/checkout',
        'http://localhost:3000@evil.example/checkout',
        'http://localhost:3000/checkout?next=https://evil.example',
        'javascript:alert(1)',
      ]) {
        const response = await graphql(
          t.app.url,
          START_RETURNING,
          { planId: PLAN_IDS.PREMIUM, returnUrl },
          { token },
        );
        expect({ returnUrl, codes: errorCodes(response) }).toEqual({
          returnUrl,
          codes: ['BAD_USER_INPUT'],
        });
      }
      expect(await t.app.em().count(CheckoutSession, { userId: user })).toBe(0);
    });

    it('without a return URL the pages answer as before, and asking again without one clears it', async () => {
      const token = await tokenFor(randomUUID());
      await graphql(
        t.app.url,
        START_RETURNING,
        { planId: PLAN_IDS.PREMIUM, returnUrl: 'vp://checkout' },
        { token },
      );
      const started = await graphql(t.app.url, START, { planId: PLAN_IDS.PREMIUM }, { token });
      const url: string = started.data.startCheckout.url;
      const paid = await post(url, 'success');
      expect(paid.status).toBe(200);
      const html = await paid.text();
      expect(html).toContain('Payment received. You can close this page.');
      expect(html).not.toContain('Back to the app');
      const finished = await fetch(local(url), { redirect: 'manual' });
      expect(finished.status).toBe(200);
      expect(await finished.text()).toContain('Payment received.');
    });
  });

  describe('who may start which checkout', () => {
    it('refuses Premium+ to a minor, and to a user whose age payments does not know, with FORBIDDEN', async () => {
      const minor = randomUUID();
      await t.minor(minor);
      for (const user of [minor, randomUUID()]) {
        const response = await graphql(
          t.app.url,
          START,
          { planId: PLAN_IDS.PREMIUM_PLUS },
          { token: await tokenFor(user) },
        );
        expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      }
      expect(await t.app.em().count(CheckoutSession, { userId: minor })).toBe(0);
    });

    it('sends an adult to a CCBill-played sandbox page for Premium+ at ¥1,980', async () => {
      const adult = randomUUID();
      await t.adult(adult);
      const response = await graphql(
        t.app.url,
        START,
        { planId: PLAN_IDS.PREMIUM_PLUS },
        { token: await tokenFor(adult) },
      );
      expect(response.errors).toBeUndefined();
      const html = await (await fetch(local(response.data.startCheckout.url))).text();
      expect(html).toContain('Premium+');
      expect(html).toContain('¥1,980');
      expect(html).toContain('CCBill');
      const paid = await fetch(local(response.data.startCheckout.url), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'success' }),
      });
      expect(paid.status).toBe(200);
      expect(await billingOf(adult)).toMatchObject({
        planTier: 'PREMIUM_PLUS',
        subscription: { status: 'ACTIVE' },
      });
      // A CCBill sale verifies the adult's age.
      expect(await t.app.em().findOne(Entitlement, { userId: adult })).toMatchObject({
        tier: 'PREMIUM_PLUS',
        ageVerified: true,
      });
    });

    it('refuses the free plan and a plan already held with BAD_USER_INPUT, unknown plans with NOT_FOUND, strangers with UNAUTHENTICATED', async () => {
      const user = randomUUID();
      const token = await tokenFor(user);
      expect(
        errorCodes(await graphql(t.app.url, START, { planId: PLAN_IDS.FREE }, { token })),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        errorCodes(await graphql(t.app.url, START, { planId: randomUUID() }, { token })),
      ).toEqual(['NOT_FOUND']);
      expect(
        errorCodes(await graphql(t.app.url, START, { planId: "1' or 1=1" }, { token })),
      ).toEqual(['NOT_FOUND']);
      expect(errorCodes(await graphql(t.app.url, START, { planId: PLAN_IDS.PREMIUM }))).toEqual([
        'UNAUTHENTICATED',
      ]);
      const started = await graphql(t.app.url, START, { planId: PLAN_IDS.PREMIUM }, { token });
      await fetch(local(started.data.startCheckout.url), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'success' }),
      });
      expect(
        errorCodes(await graphql(t.app.url, START, { planId: PLAN_IDS.PREMIUM }, { token })),
      ).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('tips (the StartCheckout contract)', () => {
    const startCheckout = () =>
      startCheckoutFor(
        createPaymentsRuntime({ payments: t.settings, tipSettlement: t.tips.settlement }),
      );

    it('settles a paid general tip through Stripe and a declined one as failed, once each', async () => {
      const user = randomUUID();
      const paidTip: string = randomUUID();
      const declinedTip = randomUUID();
      const paid = await startCheckout()(t.app.em(), {
        kind: 'tip',
        userId: user,
        tipId: paidTip,
        amountJpy: 500,
        adult: false,
      });
      expect(paid.provider).toBe('STRIPE');
      expect(await (await fetch(local(paid.url))).text()).toContain('¥500');
      await fetch(local(paid.url), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'success' }),
      });
      const declined = await startCheckout()(t.app.em(), {
        kind: 'tip',
        userId: user,
        tipId: declinedTip,
        amountJpy: 300,
        adult: false,
      });
      await fetch(local(declined.url), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'decline' }),
      });
      expect(
        t.tips.calls.filter(call => [paidTip, declinedTip as string].includes(call.tipId)),
      ).toEqual([
        {
          fn: 'tipSucceeded',
          tipId: paidTip,
          provider: 'STRIPE',
          detail: expect.stringMatching(/^pi_/),
        },
        { fn: 'tipFailed', tipId: declinedTip },
      ]);
    });

    it('bills adult tips through CCBill, and only for adults', async () => {
      const minor = randomUUID();
      await t.minor(minor);
      await expect(
        startCheckout()(t.app.em(), {
          kind: 'tip',
          userId: minor,
          tipId: randomUUID(),
          amountJpy: 1000,
          adult: true,
        }),
      ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const adult = randomUUID();
      await t.adult(adult);
      const tipId = randomUUID();
      const checkout = await startCheckout()(t.app.em(), {
        kind: 'tip',
        userId: adult,
        tipId,
        amountJpy: 1000,
        adult: true,
      });
      expect(checkout.provider).toBe('CCBILL');
      await fetch(local(checkout.url), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'success' }),
      });
      expect(t.tips.calls.filter(call => call.tipId === tipId)).toEqual([
        {
          fn: 'tipSucceeded',
          tipId,
          provider: 'CCBILL',
          detail: expect.stringMatching(/^\d{19}$/),
        },
      ]);
    });
  });
});
