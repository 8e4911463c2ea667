import { graphql, errorCodes, startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { PlanTier } from '@vp/kit';
import { payments } from '../definition';
import { PLAN_IDS } from './plan-ids';
import { Plan, PaymentProvider } from './plan.entity';

describe('plans', () => {
  let app: TestSubgraph;
  beforeAll(async () => {
    app = await startTestSubgraph(payments);
  });
  afterAll(() => app?.stop());

  it('lists the three seeded plans cheapest first with their yen prices, to anonymous viewers', async () => {
    const response = await graphql(
      app.url,
      '{ plans { id tier name priceJpy provider interval adultsOnly } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.plans).toEqual([
      {
        id: PLAN_IDS.FREE,
        tier: 'FREE',
        name: 'Free',
        priceJpy: 0,
        provider: 'NONE',
        interval: 'MONTH',
        adultsOnly: false,
      },
      {
        id: PLAN_IDS.PREMIUM,
        tier: 'PREMIUM',
        name: 'Premium',
        priceJpy: 980,
        provider: 'STRIPE',
        interval: 'MONTH',
        adultsOnly: false,
      },
      {
        id: PLAN_IDS.PREMIUM_PLUS,
        tier: 'PREMIUM_PLUS',
        name: 'Premium+',
        priceJpy: 1980,
        provider: 'CCBILL',
        interval: 'MONTH',
        adultsOnly: true,
      },
    ]);
  });

  it('leaves retired plans out of the list but still resolves them by reference', async () => {
    const em = app.em();
    const retired = em.create(Plan, {
      tier: PlanTier.PREMIUM,
      name: 'Premium (2025 price)',
      priceJpy: 500,
      provider: PaymentProvider.STRIPE,
      active: false,
    });
    await em.flush();
    try {
      const list = await graphql(app.url, '{ plans { id } }');
      expect(list.data.plans.map((plan: { id: string }) => plan.id)).not.toContain(retired.id);
      const reference = await graphql(
        app.url,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { id priceJpy } } }',
        { r: [{ __typename: 'Plan', id: retired.id }] },
      );
      expect(reference.data._entities).toEqual([{ id: retired.id, priceJpy: 500 }]);
    } finally {
      await em.nativeDelete(Plan, { id: retired.id });
    }
  });

  it('refuses a negative price in the database', async () => {
    const em = app.em();
    em.create(Plan, {
      tier: PlanTier.FREE,
      name: 'Broken',
      priceJpy: -1,
      provider: PaymentProvider.NONE,
    });
    await expect(em.flush()).rejects.toThrow(/plan_price_jpy_not_negative/);
  });

  it('resolves Plan references in one batched query, in order, null for unknown and malformed ids', async () => {
    app.takeSql();
    const unknown = '3f1d9b7e-1111-4000-8000-000000000000';
    const response = await graphql(
      app.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { id tier priceJpy } } }',
      {
        r: [
          { __typename: 'Plan', id: PLAN_IDS.PREMIUM_PLUS },
          { __typename: 'Plan', id: unknown },
          { __typename: 'Plan', id: PLAN_IDS.FREE },
          { __typename: 'Plan', id: 'not-a-uuid' },
          { __typename: 'Plan', id: PLAN_IDS.PREMIUM },
        ],
      },
    );
    expect(errorCodes(response)).toEqual([]);
    expect(response.data._entities).toEqual([
      { id: PLAN_IDS.PREMIUM_PLUS, tier: 'PREMIUM_PLUS', priceJpy: 1980 },
      null,
      { id: PLAN_IDS.FREE, tier: 'FREE', priceJpy: 0 },
      null,
      { id: PLAN_IDS.PREMIUM, tier: 'PREMIUM', priceJpy: 980 },
    ]);
    const planQueries = app.takeSql().filter(sql => /from "payments"."plan"/.test(sql));
    expect(planQueries).toHaveLength(1);
  });
});
