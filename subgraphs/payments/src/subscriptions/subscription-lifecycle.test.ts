import { randomUUID } from 'node:crypto';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { Entitlement } from '../entitlements/entitlement.entity';
import { syncEntitlement } from '../entitlements/entitlement.service';
import { PLAN_IDS } from '../plans/plan-ids';
import { Plan } from '../plans/plan.entity';
import { type PaymentsTest, startPaymentsTest } from '../webhooks/payments.testing';
import { expireLapsedSubscriptions, prorationCreditJpy } from './subscription-lifecycle';
import { PlanSubscription, SubscriptionStatus } from './subscription.entity';

const DAY_MS = 24 * 3600_000;
const CANCEL = `mutation { cancelSubscription { status cancelAtPeriodEnd } }`;
const RESUME = `mutation { resumeSubscription { status cancelAtPeriodEnd } }`;
const CHANGE = `mutation($planId: ID!) { changePlan(planId: $planId) {
  checkoutUrl prorationCreditJpy amountDueNowJpy effectiveAt subscription { cancelAtPeriodEnd plan { tier } } } }`;
const BILLING = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { planTier subscription { status } } } }`;

describe('subscription lifecycle', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    t = await startPaymentsTest();
  });
  afterAll(() => t?.stop());

  async function subscribed(
    userId: string,
    planId: string,
    periodEnd: Date,
    fields: Partial<PlanSubscription> = {},
  ) {
    const em = t.app.em();
    em.create(PlanSubscription, {
      userId,
      plan: em.getReference(Plan, planId),
      provider: planId === PLAN_IDS.PREMIUM ? 'STRIPE' : 'CCBILL',
      providerSubscriptionId: `sub_${randomUUID()}`,
      currentPeriodEnd: periodEnd,
      periodEndConfirmed: true,
      ...fields,
    });
    await em.flush();
    await em.transactional(tx => syncEntitlement(tx, userId, 3).then(() => undefined));
  }

  it('cancels at the period end, keeps the plan until then, and resumes', async () => {
    const user = randomUUID();
    await subscribed(user, PLAN_IDS.PREMIUM, new Date(Date.now() + 10 * DAY_MS));
    const token = await tokenFor(user);
    expect((await graphql(t.app.url, CANCEL, {}, { token })).data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    const billing = await graphql(
      t.app.url,
      BILLING,
      { r: [{ __typename: 'User', id: user }] },
      { token },
    );
    expect(billing.data._entities[0]).toEqual({
      planTier: 'PREMIUM',
      subscription: { status: 'ACTIVE' },
    });
    expect((await graphql(t.app.url, RESUME, {}, { token })).data.resumeSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: false,
    });
    expect(errorCodes(await graphql(t.app.url, RESUME, {}, { token }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses lifecycle changes without a subscription or without signing in', async () => {
    expect(
      errorCodes(await graphql(t.app.url, CANCEL, {}, { token: await tokenFor(randomUUID()) })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await graphql(t.app.url, CANCEL))).toEqual(['UNAUTHENTICATED']);
  });

  it('prorates an upgrade in yen: the unused part of the current period is credited, rounded down', async () => {
    expect(prorationCreditJpy(980, new Date(Date.now() + 15 * DAY_MS), new Date())).toBe(490);
    expect(prorationCreditJpy(980, new Date(Date.now() + 10 * DAY_MS), new Date())).toBe(326); // 326.67
    expect(prorationCreditJpy(980, new Date(Date.now() - DAY_MS), new Date())).toBe(0);
    expect(prorationCreditJpy(980, new Date(Date.now() + 90 * DAY_MS), new Date())).toBe(980);

    const adult = randomUUID();
    await t.adult(adult);
    await subscribed(adult, PLAN_IDS.PREMIUM, new Date(Date.now() + 15 * DAY_MS));
    const response = await graphql(
      t.app.url,
      CHANGE,
      { planId: PLAN_IDS.PREMIUM_PLUS },
      { token: await tokenFor(adult) },
    );
    expect(response.errors).toBeUndefined();
    const change = response.data.changePlan;
    expect(change.prorationCreditJpy).toBeGreaterThanOrEqual(489);
    expect(change.prorationCreditJpy).toBeLessThanOrEqual(490);
    expect(change.amountDueNowJpy).toBe(1980 - change.prorationCreditJpy);
    expect(change.checkoutUrl).toMatch(/\/checkout\//);
    const page = await (
      await fetch(change.checkoutUrl.replace('http://localhost:4000', t.base))
    ).text();
    expect(page).toContain(`¥${change.amountDueNowJpy.toLocaleString('en-US')}`);

    // Paying it starts Premium+ and ends Premium at once.
    await fetch(change.checkoutUrl.replace('http://localhost:4000', t.base), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'success' }),
    });
    const subscriptions = await t.app
      .em()
      .find(
        PlanSubscription,
        { userId: adult },
        { populate: ['plan'], orderBy: { createdAt: 'asc' } },
      );
    expect(
      subscriptions
        .map(row => [row.plan.tier, row.status, row.endReason])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['PREMIUM', 'CANCELED', 'REPLACED'],
      ['PREMIUM_PLUS', 'ACTIVE', null],
    ]);
    expect(await t.app.em().findOne(Entitlement, { userId: adult })).toMatchObject({
      tier: 'PREMIUM_PLUS',
      ageVerified: true,
    });
  });

  it('refuses an upgrade to Premium+ for a minor, and a change to the current plan', async () => {
    const minor = randomUUID();
    await t.minor(minor);
    await subscribed(minor, PLAN_IDS.PREMIUM, new Date(Date.now() + 15 * DAY_MS));
    const token = await tokenFor(minor);
    expect(
      errorCodes(await graphql(t.app.url, CHANGE, { planId: PLAN_IDS.PREMIUM_PLUS }, { token })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await graphql(t.app.url, CHANGE, { planId: PLAN_IDS.PREMIUM }, { token })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('downgrades at the period end', async () => {
    const user = randomUUID();
    const periodEnd = new Date(Date.now() + 5 * DAY_MS);
    await subscribed(user, PLAN_IDS.PREMIUM_PLUS, periodEnd);
    const response = await graphql(
      t.app.url,
      CHANGE,
      { planId: PLAN_IDS.PREMIUM },
      { token: await tokenFor(user) },
    );
    expect(response.data.changePlan).toEqual({
      checkoutUrl: null,
      prorationCreditJpy: 0,
      amountDueNowJpy: 0,
      effectiveAt: periodEnd.toISOString(),
      subscription: { cancelAtPeriodEnd: true, plan: { tier: 'PREMIUM_PLUS' } },
    });
  });

  it('expires a subscription whose period is over and falls back to FREE, publishing the change once', async () => {
    const cancelled = randomUUID();
    const lapsed = randomUUID();
    const inGrace = randomUUID();
    await subscribed(cancelled, PLAN_IDS.PREMIUM, new Date(Date.now() + 60_000), {
      cancelAtPeriodEnd: true,
    });
    await subscribed(lapsed, PLAN_IDS.PREMIUM, new Date(Date.now() - 4 * DAY_MS));
    await subscribed(inGrace, PLAN_IDS.PREMIUM, new Date(Date.now() - DAY_MS));
    // Read-time check: a period that is over reads as FREE before the job runs.
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await expireLapsedSubscriptions(t.app.em(), 3, later)).toBeGreaterThanOrEqual(2);
    const em = t.app.em();
    expect((await em.findOneOrFail(PlanSubscription, { userId: cancelled })).status).toBe(
      SubscriptionStatus.EXPIRED,
    );
    expect((await em.findOneOrFail(PlanSubscription, { userId: lapsed })).status).toBe(
      SubscriptionStatus.EXPIRED,
    );
    expect((await em.findOneOrFail(PlanSubscription, { userId: inGrace })).status).toBe(
      SubscriptionStatus.ACTIVE,
    );
    expect((await em.findOneOrFail(Entitlement, { userId: cancelled })).tier).toBe('FREE');
    expect(await expireLapsedSubscriptions(t.app.em(), 3, later)).toBe(0);
    const billing = await graphql(
      t.app.url,
      BILLING,
      { r: [{ __typename: 'User', id: lapsed }] },
      { token: await tokenFor(lapsed) },
    );
    expect(billing.data._entities[0]).toEqual({ planTier: 'FREE', subscription: null });
  });
});
