import { randomUUID } from 'node:crypto';
import { AuditRecorded, eventTopic, parseEmitted } from '@vp/contracts';
import { eventually } from '@vp/kit/testing';
import Stripe from 'stripe';
import { PLAN_IDS } from '../plans/plan-ids';
import {
  addMonth,
  stripeCheckoutSession,
  stripeCharge,
  stripeDispute,
  stripeEvent,
  stripeId,
  stripeInvoice,
  stripeSubscription,
  type StripeSubscriptionShape,
} from '../providers/sandbox/stripe-events';
import {
  ccbillDate,
  ccbillSubscriptionId,
  ccbillTimestamp,
  ccbillTransactionId,
} from '../providers/sandbox/ccbill-events';
import { type SandboxDelivery } from '../providers/sandbox/sandbox-deliveries';
import { Entitlement } from '../entitlements/entitlement.entity';
import { PlanSubscription } from '../subscriptions/subscription.entity';
import { ProviderEvent } from './provider-event.entity';
import { type PaymentsTest, startPaymentsTest } from './payments.testing';

const DAY = 24 * 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A deterministic shuffle (so a failure replays the same order). */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

interface Expected {
  status: string;
  tier: string;
  cancelAtPeriodEnd?: boolean;
  periodEnd?: number;
  entitlement: string;
  ageVerified?: boolean;
}

/** One Stripe subscription's story: its objects at a start time T. */
function stripeStory(userId: string, start: number) {
  const shape: StripeSubscriptionShape = {
    id: stripeId('sub'),
    customer: stripeId('cus'),
    metadata: { userId, planId: PLAN_IDS.PREMIUM, checkoutId: randomUUID() },
    status: 'active',
    cancelAtPeriodEnd: false,
    periodStart: start,
    periodEnd: addMonth(start),
    priceJpy: 980,
    created: start,
  };
  const next = { ...shape, periodStart: shape.periodEnd, periodEnd: addMonth(shape.periodEnd) };
  const paymentIntent = stripeId('pi');
  const firstInvoice = stripeInvoice({
    subscription: shape,
    status: 'paid',
    paymentIntent,
    created: start,
  });
  const stripe = (event: Stripe.Event): SandboxDelivery => ({ provider: 'STRIPE', event });
  return {
    shape,
    next,
    completed: stripe(
      stripeEvent(
        'checkout.session.completed',
        stripeCheckoutSession({
          id: stripeId('cs'),
          mode: 'subscription',
          status: 'complete',
          userId,
          customer: shape.customer,
          subscription: shape.id,
          invoice: firstInvoice.id,
          paymentIntent: null,
          amountJpy: 980,
          metadata: shape.metadata,
          created: start,
        }),
        start,
      ),
    ),
    created: stripe(stripeEvent('customer.subscription.created', stripeSubscription(shape), start)),
    paid: stripe(stripeEvent('invoice.paid', firstInvoice, start)),
    updated: (at: number, change: Partial<StripeSubscriptionShape>) =>
      stripe(
        stripeEvent(
          'customer.subscription.updated',
          stripeSubscription({ ...shape, ...change }),
          at,
        ),
      ),
    deleted: (at: number) =>
      stripe(
        stripeEvent(
          'customer.subscription.deleted',
          // Cancelled now, before the paid period's end.
          {
            ...stripeSubscription({ ...shape, status: 'canceled' }),
            canceled_at: at,
            ended_at: at,
          },
          at,
        ),
      ),
    renewalFailed: (at: number) =>
      stripe(
        stripeEvent(
          'invoice.payment_failed',
          stripeInvoice({
            subscription: next,
            status: 'open',
            paymentIntent: stripeId('pi'),
            created: at,
          }),
          at,
        ),
      ),
    renewalPaid: (at: number) =>
      stripe(
        stripeEvent(
          'invoice.paid',
          stripeInvoice({
            subscription: next,
            status: 'paid',
            paymentIntent: stripeId('pi'),
            created: at,
          }),
          at,
        ),
      ),
    refunded: (at: number) =>
      stripe(
        stripeEvent(
          'charge.refunded',
          stripeCharge({
            customer: shape.customer,
            paymentIntent,
            amountJpy: 980,
            refundedJpy: 980,
            created: at,
          }),
          at,
        ),
      ),
    disputed: (at: number) =>
      stripe(
        stripeEvent(
          'charge.dispute.created',
          stripeDispute({ charge: stripeId('ch'), paymentIntent, amountJpy: 980, created: at }),
          at,
        ),
      ),
  };
}

describe('provider webhooks', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    t = await startPaymentsTest();
  });
  afterAll(() => t?.stop());

  async function stateOf(userId: string) {
    const em = t.app.em();
    const subscriptions = await em.find(
      PlanSubscription,
      { userId },
      { populate: ['plan'], orderBy: { createdAt: 'desc' } },
    );
    const entitlement = await em.findOne(Entitlement, { userId });
    return { subscriptions, entitlement };
  }

  async function expectState(userId: string, expected: Expected) {
    const { subscriptions, entitlement } = await stateOf(userId);
    expect(subscriptions).toHaveLength(1);
    const [subscription] = subscriptions;
    expect({ status: subscription.status, tier: subscription.plan.tier }).toEqual({
      status: expected.status,
      tier: expected.tier,
    });
    if (expected.cancelAtPeriodEnd !== undefined) {
      expect(subscription.cancelAtPeriodEnd).toBe(expected.cancelAtPeriodEnd);
    }
    if (expected.periodEnd !== undefined) {
      expect(subscription.currentPeriodEnd.getTime()).toBe(expected.periodEnd * 1000);
    }
    expect(entitlement?.tier ?? 'FREE').toBe(expected.entitlement);
    if (expected.ageVerified !== undefined) {
      expect(entitlement?.ageVerified ?? false).toBe(expected.ageVerified);
    }
  }

  const start = nowSeconds() - 3 * DAY;
  type Scenario = {
    name: string;
    build: (userId: string) => Promise<{ deliveries: SandboxDelivery[]; expected: Expected }>;
  };
  const scenarios: Scenario[] = [
    {
      name: 'Stripe: a new subscription (session completed, subscription created, invoice paid)',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          deliveries: [story.completed, story.created, story.paid],
          expected: {
            status: 'ACTIVE',
            tier: 'PREMIUM',
            cancelAtPeriodEnd: false,
            periodEnd: story.shape.periodEnd,
            entitlement: 'PREMIUM',
          },
        };
      },
    },
    {
      name: 'Stripe: cancelled at period end, then an older update saying it renews',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          deliveries: [
            story.completed,
            story.paid,
            story.updated(start + 100, { cancelAtPeriodEnd: false }),
            story.updated(start + 200, { cancelAtPeriodEnd: true }),
          ],
          expected: {
            status: 'ACTIVE',
            tier: 'PREMIUM',
            cancelAtPeriodEnd: true,
            periodEnd: story.shape.periodEnd,
            entitlement: 'PREMIUM',
          },
        };
      },
    },
    {
      name: 'Stripe: a failed renewal after the payment for a later period changes nothing (never regress)',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          deliveries: [
            story.completed,
            story.paid,
            story.renewalFailed(start + 100),
            story.renewalPaid(start + 200),
          ],
          expected: {
            status: 'ACTIVE',
            tier: 'PREMIUM',
            periodEnd: story.next.periodEnd,
            entitlement: 'PREMIUM',
          },
        };
      },
    },
    {
      name: 'Stripe: a failed renewal makes it PAST_DUE, still PREMIUM within the grace period',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          // The renewal failed a minute ago: the grace period runs from then.
          deliveries: [
            story.completed,
            story.created,
            story.paid,
            story.renewalFailed(nowSeconds() - 60),
          ],
          expected: {
            status: 'PAST_DUE',
            tier: 'PREMIUM',
            periodEnd: story.shape.periodEnd,
            entitlement: 'PREMIUM',
          },
        };
      },
    },
    {
      name: 'Stripe: a full refund ends it and locks the entitlement again',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          deliveries: [story.completed, story.created, story.paid, story.refunded(start + 100)],
          expected: { status: 'CANCELED', tier: 'PREMIUM', entitlement: 'FREE' },
        };
      },
    },
    {
      name: 'Stripe: a dispute ends it and locks the entitlement again',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          deliveries: [story.completed, story.created, story.paid, story.disputed(start + 100)],
          expected: { status: 'CANCELED', tier: 'PREMIUM', entitlement: 'FREE' },
        };
      },
    },
    {
      name: 'Stripe: deleted is final, whatever arrives after it',
      build: async user => {
        const story = stripeStory(user, start);
        return {
          deliveries: [
            story.completed,
            story.paid,
            story.deleted(start + 100),
            story.updated(start + 50, { cancelAtPeriodEnd: false }),
          ],
          expected: { status: 'CANCELED', tier: 'PREMIUM', entitlement: 'FREE' },
        };
      },
    },
    ...(['renewal and cancellation', 'chargeback', 'expiration'] as const).map(
      (kind): Scenario => ({
        name: `CCBill: sale, then ${kind}`,
        build: async user => {
          await t.adult(user);
          const checkout = await t.checkout(user, PLAN_IDS.PREMIUM_PLUS, 'CCBILL');
          const subscriptionId = ccbillSubscriptionId();
          const at = (offsetDays: number) => new Date((start + offsetDays * DAY) * 1000);
          const sale: SandboxDelivery = {
            provider: 'CCBILL',
            postback: {
              eventType: 'NewSaleSuccess',
              eventGroupType: 'Subscription',
              fields: {
                subscriptionId,
                transactionId: ccbillTransactionId(),
                timestamp: ccbillTimestamp(at(0)),
                nextRenewalDate: ccbillDate(at(30)),
                'X-checkoutId': checkout.id,
                billedInitialPrice: '1980.00',
                billedRecurringPrice: '1980.00',
                initialPeriod: '30',
                recurringPeriod: '30',
              },
            },
          };
          const event = (eventType: string, fields: Record<string, string>): SandboxDelivery => ({
            provider: 'CCBILL',
            postback: {
              eventType,
              eventGroupType: 'Subscription',
              fields: { subscriptionId, ...fields },
            },
          });
          if (kind === 'renewal and cancellation') {
            return {
              deliveries: [
                sale,
                event('RenewalSuccess', {
                  transactionId: ccbillTransactionId(),
                  timestamp: ccbillTimestamp(at(1)),
                  nextRenewalDate: ccbillDate(at(60)),
                  renewalDate: ccbillDate(at(30)),
                }),
                event('Cancellation', {
                  timestamp: ccbillTimestamp(at(2)),
                  reason: 'Customer request',
                  source: 'webAdmin',
                }),
              ],
              expected: {
                status: 'ACTIVE',
                tier: 'PREMIUM_PLUS',
                cancelAtPeriodEnd: true,
                periodEnd: start + 60 * DAY - ((start + 60 * DAY) % DAY),
                entitlement: 'PREMIUM_PLUS',
                ageVerified: true,
              },
            };
          }
          if (kind === 'chargeback') {
            return {
              deliveries: [
                sale,
                event('Chargeback', {
                  transactionId: sale.postback.fields.transactionId,
                  timestamp: ccbillTimestamp(at(1)),
                  amount: '1980.00',
                  reason: 'Fraud',
                }),
              ],
              expected: {
                status: 'CANCELED',
                tier: 'PREMIUM_PLUS',
                entitlement: 'FREE',
                ageVerified: false,
              },
            };
          }
          return {
            deliveries: [sale, event('Expiration', { timestamp: ccbillTimestamp(at(31)) })],
            expected: { status: 'EXPIRED', tier: 'PREMIUM_PLUS', entitlement: 'FREE' },
          };
        },
      }),
    ),
  ];

  describe.each(scenarios)('$name', ({ build }) => {
    it.each([
      ['in order, once each', 0],
      ['three times each, shuffled', 7],
      ['three times each, shuffled differently', 1234],
    ])('reaches the same state delivered %s', async (_name, seed) => {
      const user = randomUUID();
      const { deliveries, expected } = await build(user);
      const sequence =
        seed === 0 ? deliveries : shuffled([...deliveries, ...deliveries, ...deliveries], seed);
      const statuses = await t.deliver(sequence);
      expect(statuses.every(status => status === 200)).toBe(true);
      await expectState(user, expected);
      // Stored once per distinct event, every one of them processed.
      const stored = await t.app.em().find(ProviderEvent, { rawBody: { $like: `%${user}%` } });
      const keys = new Set(stored.map(event => event.eventKey));
      expect(keys.size).toBe(stored.length);
      expect(stored.filter(event => event.outcome === 'DEFERRED')).toEqual([]);
    });
  });

  it('audits a refund and a chargeback once each, whatever the redeliveries (AuditRecorded)', async () => {
    const refunded = randomUUID();
    const refund = stripeStory(refunded, start);
    const deliveries = [
      refund.completed,
      refund.created,
      refund.paid,
      refund.refunded(start + 100),
    ];
    await t.deliver(shuffled([...deliveries, ...deliveries], 99));
    const disputed = randomUUID();
    const dispute = stripeStory(disputed, start);
    await t.deliver([
      dispute.completed,
      dispute.created,
      dispute.paid,
      dispute.disputed(start + 100),
    ]);
    await eventually(
      async () =>
        (
          await t.app.em().getConnection().execute(`select count(*)::int as n from payments.outbox`)
        )[0].n,
      { until: n => n === 0, what: 'the outbox to be relayed' },
    );
    // every relayed event is a job of the listening consumer from then on: counting them is exact
    const audited = async (userId: string) =>
      (
        await t.app
          .em()
          .getConnection()
          .execute(
            `select data->'payload' as payload from pgboss.job where name = ? and data->'payload'->'detail'->>'userId' = ?`,
            [`videos-test.${eventTopic(AuditRecorded)}`, userId],
          )
      ).map(row => parseEmitted(AuditRecorded, (row as { payload: unknown }).payload));
    expect(await audited(refunded)).toEqual([
      expect.objectContaining({
        action: 'PAYMENT_REFUNDED',
        actorId: null,
        targetType: 'PAYMENT',
        ip: null,
      }),
    ]);
    expect(await audited(disputed)).toEqual([
      expect.objectContaining({ action: 'PAYMENT_CHARGED_BACK', targetType: 'PAYMENT' }),
    ]);
  });

  it('processes the same event delivered twice at once exactly once', async () => {
    const user = randomUUID();
    const story = stripeStory(user, start);
    const statuses = await Promise.all(
      [story.completed, story.completed, story.paid, story.paid].map(delivery =>
        t.deliver([delivery]),
      ),
    );
    expect(statuses.flat()).toEqual([200, 200, 200, 200]);
    await expectState(user, { status: 'ACTIVE', tier: 'PREMIUM', entitlement: 'PREMIUM' });
    expect(await t.app.em().count(ProviderEvent, { rawBody: { $like: `%${user}%` } })).toBe(2);
  });

  describe('authenticity (nothing changes on a refused delivery)', () => {
    const stripeWebhook = (body: string, signature: string) =>
      fetch(`${t.base}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
      });
    const sign = (payload: string, overrides: { secret?: string; timestamp?: number } = {}) =>
      new Stripe('sk_test_x').webhooks.generateTestHeaderString({
        payload,
        secret: overrides.secret ?? t.settings.stripe.webhookSecret,
        timestamp: overrides.timestamp,
      });

    async function expectRefusedAndUnchanged(response: Response, user: string) {
      expect(response.status).toBe(400);
      expect(await t.app.em().count(ProviderEvent, { rawBody: { $like: `%${user}%` } })).toBe(0);
      expect(await t.app.em().count(PlanSubscription, { userId: user })).toBe(0);
    }

    it.each([
      [
        'a signature made with another secret',
        (payload: string) => ({
          body: payload,
          signature: sign(payload, { secret: 'whsec_wrong' }),
        }),
      ],
      ['no signature at all', (payload: string) => ({ body: payload, signature: '' })],
      [
        'a body re-serialised by a JSON parser',
        (payload: string) => ({
          body: JSON.stringify(JSON.parse(payload)),
          signature: sign(payload),
        }),
      ],
      [
        'a timestamp older than 300 s',
        (payload: string) => ({
          body: payload,
          signature: sign(payload, { timestamp: nowSeconds() - 301 }),
        }),
      ],
    ])('refuses a Stripe event with %s', async (_name, tamper) => {
      const user = randomUUID();
      const story = stripeStory(user, start);
      const payload = JSON.stringify((story.completed as { event: Stripe.Event }).event, null, 2);
      const { body, signature } = tamper(payload);
      await expectRefusedAndUnchanged(await stripeWebhook(body, signature), user);
    });

    it('accepts a replay of a captured valid delivery inside the window but applies it once', async () => {
      const user = randomUUID();
      const payload = JSON.stringify(
        (stripeStory(user, start).completed as { event: Stripe.Event }).event,
      );
      const signature = sign(payload);
      const first = await stripeWebhook(payload, signature);
      const replay = await stripeWebhook(payload, signature);
      expect([first.status, replay.status]).toEqual([200, 200]);
      expect(await replay.json()).toEqual({ received: true, duplicate: true });
      expect(await t.app.em().count(PlanSubscription, { userId: user })).toBe(1);
    });

    const ccbillPost = (
      query: Record<string, string>,
      fields: Record<string, string>,
      headers: Record<string, string> = {},
    ) =>
      fetch(
        `${t.base}/webhooks/ccbill?${new URLSearchParams({ eventType: 'NewSaleSuccess', eventGroupType: 'Subscription', ...query })}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(fields).toString(),
        },
      );

    async function ccbillSale(user: string) {
      await t.adult(user);
      const checkout = await t.checkout(user, PLAN_IDS.PREMIUM_PLUS, 'CCBILL');
      return {
        subscriptionId: ccbillSubscriptionId(),
        transactionId: ccbillTransactionId(),
        timestamp: ccbillTimestamp(new Date()),
        nextRenewalDate: ccbillDate(new Date(Date.now() + 30 * DAY * 1000)),
        'X-checkoutId': checkout.id,
        userMarker: user,
      };
    }

    it.each([
      ['a wrong token', { token: 'nope' }, {}],
      ['no token', {}, {}],
      [
        'a foreign source address forwarded by the gateway',
        undefined,
        { 'x-forwarded-for': '203.0.113.9' },
      ],
    ])('refuses a CCBill post with %s', async (_name, query, headers) => {
      const user = randomUUID();
      const fields = await ccbillSale(user);
      const response = await ccbillPost(
        query ?? { token: t.settings.ccbill.webhookToken },
        fields,
        headers,
      );
      await expectRefusedAndUnchanged(response, user);
    });

    it('accepts CCBill posts from its published ranges (through the gateway) and JSON-encoded ones', async () => {
      const user = randomUUID();
      const fields = await ccbillSale(user);
      const forwarded = await ccbillPost({ token: t.settings.ccbill.webhookToken }, fields, {
        'x-forwarded-for': '198.51.100.7, 64.38.241.20',
      });
      expect(forwarded.status).toBe(200);
      expect(await t.app.em().count(PlanSubscription, { userId: user })).toBe(1);

      const other = randomUUID();
      const json = await fetch(
        `${t.base}/webhooks/ccbill?${new URLSearchParams({ token: t.settings.ccbill.webhookToken, eventType: 'NewSaleSuccess', eventGroupType: 'Subscription' })}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(await ccbillSale(other)),
        },
      );
      expect(json.status).toBe(200);
      expect(await t.app.em().count(PlanSubscription, { userId: other })).toBe(1);
    });
  });
});
