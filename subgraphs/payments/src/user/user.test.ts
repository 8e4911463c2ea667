import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import {
  errorCodes,
  graphql,
  tokenFor,
  startTestSubgraph,
  type TestSubgraph,
} from '@vp/kit/testing';
import { payments } from '../definition';
import { PLAN_IDS } from '../plans/plan-ids';
import { Plan } from '../plans/plan.entity';
import { PlanSubscription, SubscriptionStatus } from '../subscriptions/subscription.entity';

const BILLING = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  id planTier subscription { id status currentPeriodEnd cancelAtPeriodEnd plan { tier priceJpy } user { id } }
} } }`;
const billingOf = (...ids: string[]) => ({ r: ids.map(id => ({ __typename: 'User', id })) });

describe('User.subscription and User.planTier', () => {
  let app: TestSubgraph;
  const subscriber = randomUUID();
  const stranger = randomUUID();
  const periodEnd = new Date('2027-01-15T03:00:00.000Z');
  let subscriptionId: string;

  beforeAll(async () => {
    app = await startTestSubgraph(payments);
    const em = app.em();
    const subscription = em.create(PlanSubscription, {
      userId: subscriber,
      plan: em.getReference(Plan, PLAN_IDS.PREMIUM),
      status: SubscriptionStatus.ACTIVE,
      currentPeriodEnd: periodEnd,
      cancelAtPeriodEnd: true,
      providerCustomerId: 'cus_secret',
      providerSubscriptionId: 'sub_secret',
    });
    await em.flush();
    subscriptionId = subscription.id;
  });
  afterAll(() => app?.stop());

  it('shows the subscriber their own subscription and tier', async () => {
    const response = await graphql(app.url, BILLING, billingOf(subscriber), {
      token: await tokenFor(subscriber, [Role.VIEWER]),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      {
        id: subscriber,
        planTier: 'PREMIUM',
        subscription: {
          id: subscriptionId,
          status: 'ACTIVE',
          currentPeriodEnd: periodEnd.toISOString(),
          cancelAtPeriodEnd: true,
          plan: { tier: 'PREMIUM', priceJpy: 980 },
          user: { id: subscriber },
        },
      },
    ]);
  });

  it('gives a user on the free plan a null subscription and the FREE tier', async () => {
    const freeUser = randomUUID();
    const response = await graphql(app.url, BILLING, billingOf(freeUser), {
      token: await tokenFor(freeUser),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: freeUser, planTier: 'FREE', subscription: null },
    ]);
  });

  it("refuses a stranger someone else's subscription and tier with FORBIDDEN", async () => {
    const response = await graphql(app.url, BILLING, billingOf(subscriber), {
      token: await tokenFor(stranger, [Role.VIEWER, Role.CREATOR]),
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(response.data._entities).toEqual([
      { id: subscriber, planTier: null, subscription: null },
    ]);
    expect(JSON.stringify(response)).not.toContain(subscriptionId);
  });

  it('refuses a signed-out viewer with UNAUTHENTICATED', async () => {
    const response = await graphql(app.url, BILLING, billingOf(subscriber));
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(response.data._entities).toEqual([
      { id: subscriber, planTier: null, subscription: null },
    ]);
  });

  it('lets an ADMIN read anyone, batching the look-ups of many users into one query', async () => {
    const others = [randomUUID(), randomUUID()];
    app.takeSql();
    const response = await graphql(app.url, BILLING, billingOf(others[0], subscriber, others[1]), {
      token: await tokenFor(stranger, [Role.ADMIN]),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((user: any) => [user.id, user.planTier])).toEqual([
      [others[0], 'FREE'],
      [subscriber, 'PREMIUM'],
      [others[1], 'FREE'],
    ]);
    expect(response.data._entities[1].subscription.id).toBe(subscriptionId);
    const subscriptionQueries = app
      .takeSql()
      .filter(sql => /from "payments"."subscription"/.test(sql));
    expect(subscriptionQueries).toHaveLength(1);
  });

  it('keeps the tier of a PAST_DUE subscription and ignores ended ones', async () => {
    const em = app.em();
    const pastDue = randomUUID();
    const ended = randomUUID();
    em.create(PlanSubscription, {
      userId: pastDue,
      plan: em.getReference(Plan, PLAN_IDS.PREMIUM_PLUS),
      status: SubscriptionStatus.PAST_DUE,
      currentPeriodEnd: periodEnd,
    });
    for (const status of [SubscriptionStatus.CANCELED, SubscriptionStatus.EXPIRED]) {
      em.create(PlanSubscription, {
        userId: ended,
        plan: em.getReference(Plan, PLAN_IDS.PREMIUM),
        status,
        currentPeriodEnd: new Date('2026-01-01T00:00:00Z'),
      });
    }
    await em.flush();
    const response = await graphql(app.url, BILLING, billingOf(pastDue, ended), {
      token: await tokenFor(randomUUID(), [Role.ADMIN]),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities[0]).toMatchObject({
      planTier: 'PREMIUM_PLUS',
      subscription: { status: 'PAST_DUE', plan: { tier: 'PREMIUM_PLUS', priceJpy: 1980 } },
    });
    expect(response.data._entities[1]).toMatchObject({ planTier: 'FREE', subscription: null });
  });

  it('answers a malformed user id with FREE for an admin instead of a database error', async () => {
    const response = await graphql(app.url, BILLING, billingOf("x' or 1=1 --"), {
      token: await tokenFor(randomUUID(), [Role.ADMIN]),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: "x' or 1=1 --", planTier: 'FREE', subscription: null },
    ]);
  });

  it('never exposes the provider ids', async () => {
    const response = await graphql(
      app.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { subscription { providerCustomerId } } } }',
      billingOf(subscriber),
      { token: await tokenFor(subscriber) },
    );
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(response)).not.toContain('cus_secret');
  });
});
