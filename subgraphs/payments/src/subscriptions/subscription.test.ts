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
import { PlanSubscription, SubscriptionStatus } from './subscription.entity';

const SUBSCRIPTIONS = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on PlanSubscription { id status plan { tier } }
} }`;
const refs = (...ids: string[]) => ({ r: ids.map(id => ({ __typename: 'PlanSubscription', id })) });

describe('PlanSubscription', () => {
  let app: TestSubgraph;
  const periodEnd = new Date('2027-02-01T00:00:00Z');

  async function subscribe(
    userId: string,
    status = SubscriptionStatus.ACTIVE,
    planId: string = PLAN_IDS.PREMIUM,
  ) {
    const em = app.em();
    const subscription = em.create(PlanSubscription, {
      userId,
      plan: em.getReference(Plan, planId),
      status,
      currentPeriodEnd: periodEnd,
    });
    await em.flush();
    return subscription;
  }

  beforeAll(async () => {
    app = await startTestSubgraph(payments);
  });
  afterAll(() => app?.stop());

  describe('one current subscription per user, enforced by the database', () => {
    it('refuses a second ACTIVE subscription for the same user', async () => {
      const user = randomUUID();
      await subscribe(user);
      await expect(
        subscribe(user, SubscriptionStatus.ACTIVE, PLAN_IDS.PREMIUM_PLUS),
      ).rejects.toThrow(/subscription_one_current_per_user/);
      expect(await app.em().count(PlanSubscription, { userId: user })).toBe(1);
    });

    it('refuses a PAST_DUE subscription beside an ACTIVE one', async () => {
      const user = randomUUID();
      await subscribe(user);
      await expect(subscribe(user, SubscriptionStatus.PAST_DUE)).rejects.toThrow(
        /subscription_one_current_per_user/,
      );
    });

    it('refuses an update that would make a second one current', async () => {
      const user = randomUUID();
      await subscribe(user);
      const old = await subscribe(user, SubscriptionStatus.EXPIRED);
      const em = app.em();
      await expect(
        em.nativeUpdate(PlanSubscription, { id: old.id }, { status: SubscriptionStatus.ACTIVE }),
      ).rejects.toThrow(/subscription_one_current_per_user/);
    });

    it('keeps any number of ended subscriptions, and allows a new one once the current one ends', async () => {
      const user = randomUUID();
      const first = await subscribe(user);
      await subscribe(user, SubscriptionStatus.CANCELED);
      await subscribe(user, SubscriptionStatus.EXPIRED);
      await app
        .em()
        .nativeUpdate(PlanSubscription, { id: first.id }, { status: SubscriptionStatus.CANCELED });
      await subscribe(user, SubscriptionStatus.ACTIVE, PLAN_IDS.PREMIUM_PLUS);
      expect(await app.em().count(PlanSubscription, { userId: user })).toBe(4);
      expect(
        await app.em().count(PlanSubscription, { userId: user, status: SubscriptionStatus.ACTIVE }),
      ).toBe(1);
    });

    it('refuses a status outside the enum and a plan that does not exist', async () => {
      const em = app.em();
      await expect(
        em.getConnection().execute(
          `insert into "payments"."subscription" (id, user_id, plan_id, status, current_period_end, created_at, updated_at)
           values (?, ?, ?, 'TRIALING', now(), now(), now())`,
          [randomUUID(), randomUUID(), PLAN_IDS.PREMIUM],
        ),
      ).rejects.toThrow(/check constraint/);
      await expect(
        subscribe(randomUUID(), SubscriptionStatus.ACTIVE, randomUUID()),
      ).rejects.toThrow(/foreign key/);
    });
  });

  describe('reference resolution (_entities)', () => {
    const owner = randomUUID();
    const other = randomUUID();
    let mine: PlanSubscription;
    let theirs: PlanSubscription;
    beforeAll(async () => {
      mine = await subscribe(owner, SubscriptionStatus.ACTIVE, PLAN_IDS.PREMIUM_PLUS);
      theirs = await subscribe(other);
    });

    it("resolves the viewer's own subscription", async () => {
      const response = await graphql(app.url, SUBSCRIPTIONS, refs(mine.id), {
        token: await tokenFor(owner),
      });
      expect(response.errors).toBeUndefined();
      expect(response.data._entities).toEqual([
        { id: mine.id, status: 'ACTIVE', plan: { tier: 'PREMIUM_PLUS' } },
      ]);
    });

    it("refuses someone else's subscription with FORBIDDEN, even mixed with one's own", async () => {
      const response = await graphql(app.url, SUBSCRIPTIONS, refs(mine.id, theirs.id), {
        token: await tokenFor(owner),
      });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.data._entities).toEqual([
        { id: mine.id, status: 'ACTIVE', plan: { tier: 'PREMIUM_PLUS' } },
        null,
      ]);
    });

    it('refuses signed-out viewers with UNAUTHENTICATED without reading anything', async () => {
      app.takeSql();
      const response = await graphql(app.url, SUBSCRIPTIONS, refs(mine.id));
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.data._entities).toEqual([null]);
      expect(app.takeSql().filter(sql => /subscription/.test(sql))).toEqual([]);
    });

    it('lets an ADMIN resolve many in one batched query, null for unknown and malformed ids', async () => {
      app.takeSql();
      const response = await graphql(
        app.url,
        SUBSCRIPTIONS,
        refs(theirs.id, randomUUID(), mine.id, 'nope'),
        { token: await tokenFor(randomUUID(), [Role.ADMIN]) },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data._entities).toEqual([
        { id: theirs.id, status: 'ACTIVE', plan: { tier: 'PREMIUM' } },
        null,
        { id: mine.id, status: 'ACTIVE', plan: { tier: 'PREMIUM_PLUS' } },
        null,
      ]);
      const sql = app.takeSql();
      expect(sql.filter(query => /from "payments"."subscription"/.test(query))).toHaveLength(1);
      expect(sql.filter(query => /from "payments"."plan"/.test(query))).toHaveLength(1);
    });
  });
});
