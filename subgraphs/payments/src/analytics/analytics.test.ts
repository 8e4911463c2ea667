import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { Role, signAccessToken } from '@vp/kit';
import {
  errorCodes,
  graphql,
  startTestSubgraph,
  type TestSubgraph,
  testKeys,
  tokenFor,
} from '@vp/kit/testing';
import { payments } from '../definition';
import { accounts } from '../ledger/accounts';
import { accountBalances, settledTip } from '../ledger/ledger.testing';
import { tipSettlement } from '../ledger/tip-settlement';
import { PLAN_IDS } from '../plans/plan-ids';
import { applySubscriptionFacts } from '../subscriptions/subscription-sync';

const ANALYTICS = `query ($r: [_Any!]!, $from: String!, $to: String!) { _entities(representations: $r) { ... on Analytics {
  revenueByDay(from: $from, to: $to) { day subscriptionJpy tipJpy platformFeeJpy refundJpy }
  subscribersByPlan { tier count } } } }`;
const ref = { r: [{ __typename: 'Analytics', id: 'platform' }] };
const today = () => new Date().toISOString().slice(0, 10);

// Analysts' revenue: a rollup kept in the transaction that moves the money, so it agrees with the
// ledger; only ANALYST and ADMIN, or a key with ANALYTICS_READ.
describe('payments analytics', () => {
  let app: TestSubgraph;
  beforeAll(async () => {
    app = await startTestSubgraph(payments, {});
  });
  afterAll(() => app?.stop());

  const ask = async (
    variables: Record<string, unknown>,
    roles: Role[] = [Role.ANALYST],
    extra: object = {},
  ) =>
    graphql(
      app.url,
      ANALYTICS,
      { ...ref, ...variables },
      { token: await tokenFor(randomUUID(), roles), ...extra },
    );

  it('adds tips, fees and refunds per day as the ledger records them', async () => {
    const creator = randomUUID();
    await settledTip(app.em(), creator, 1000);
    await settledTip(app.em(), creator, 101);
    const refunded = await settledTip(app.em(), creator, 500);
    await tipSettlement.tipReversed(app.em(), refunded.id, 'REFUND');

    const response = await ask({ from: today(), to: today() });
    expect(response.errors).toBeUndefined();
    const [day] = response.data._entities[0].revenueByDay;
    const balances = await accountBalances(app.em(), [
      accounts.platformFees,
      accounts.providerClearing('STRIPE'),
    ]);
    expect(day).toEqual({
      day: today(),
      subscriptionJpy: 0,
      tipJpy: 1601,
      platformFeeJpy: 200 + 20,
      refundJpy: 500,
    });
    // the ledger says the same: fees kept, and what the provider collected less what went back
    expect(balances[accounts.platformFees]).toBe(day.platformFeeJpy);
    expect(-balances[accounts.providerClearing('STRIPE')]).toBe(day.tipJpy - day.refundJpy);
  });

  it('counts each subscription period paid once, at its plan price', async () => {
    const before = (await ask({ from: today(), to: today() })).data._entities[0].revenueByDay[0]
      .subscriptionJpy;
    const facts = {
      provider: 'STRIPE' as const,
      providerSubscriptionId: `sub_${randomUUID()}`,
      userId: randomUUID(),
      planId: PLAN_IDS.PREMIUM,
      at: new Date(),
    };
    const now = Date.now();
    const month = (n: number) => new Date(now + n * 30 * 86_400_000);
    const apply = (extra: object) =>
      app
        .em()
        .transactional(em => applySubscriptionFacts(em as EntityManager, { ...facts, ...extra }));
    await apply({ paidThrough: month(1) });
    await apply({ paidThrough: new Date(month(1).getTime() + 5000) }); // the same payment told again
    await apply({ paidThrough: month(2) }); // the renewal
    const after = (await ask({ from: today(), to: today() })).data._entities[0].revenueByDay[0]
      .subscriptionJpy;
    expect(after - before).toBe(2 * 980);
    const plans = (await ask({ from: today(), to: today() })).data._entities[0].subscribersByPlan;
    expect(
      plans.find((row: { tier: string }) => row.tier === 'PREMIUM').count,
    ).toBeGreaterThanOrEqual(1);
  });

  it('lists every day of the range and counts accounts per plan', async () => {
    const response = await ask({ from: '2026-01-01', to: '2026-01-03' });
    expect(response.data._entities[0].revenueByDay.map((row: { day: string }) => row.day)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
    ]);
    expect(
      response.data._entities[0].subscribersByPlan.map((row: { tier: string }) => row.tier),
    ).toEqual(['FREE', 'PREMIUM', 'PREMIUM_PLUS']);
  });

  it('refuses other roles, keys without ANALYTICS_READ, and ranges beyond 366 days', async () => {
    expect(errorCodes(await ask({ from: today(), to: today() }, [Role.CREATOR]))).toContain(
      'FORBIDDEN',
    );
    expect(
      errorCodes(await graphql(app.url, ANALYTICS, { ...ref, from: today(), to: today() })),
    ).toContain('UNAUTHENTICATED');
    expect(errorCodes(await ask({ from: '2025-01-01', to: '2026-01-02' }))).toContain(
      'BAD_USER_INPUT',
    );
    expect(errorCodes(await ask({ from: '2026-02-01', to: '2026-01-01' }))).toContain(
      'BAD_USER_INPUT',
    );
    expect(errorCodes(await ask({ from: 'yesterday', to: today() }))).toContain('BAD_USER_INPUT');
    expect((await ask({ from: '2025-01-01', to: '2026-01-01' })).errors).toBeUndefined(); // 366 days
    const { privateJwk } = await testKeys();
    const key = async (scopes: string[]) =>
      (
        await signAccessToken(privateJwk, {
          id: randomUUID(),
          roles: [Role.ANALYST],
          sessionId: 'apikey:k',
          apiKeyId: randomUUID(),
          scopes,
        })
      ).token;
    const withoutScope = await graphql(
      app.url,
      ANALYTICS,
      { ...ref, from: today(), to: today() },
      { token: await key(['PUBLIC_READ']) },
    );
    expect(errorCodes(withoutScope)).toContain('FORBIDDEN');
    const withScope = await graphql(
      app.url,
      ANALYTICS,
      { ...ref, from: today(), to: today() },
      { token: await key(['ANALYTICS_READ']) },
    );
    expect(withScope.errors).toBeUndefined();
  });
});
