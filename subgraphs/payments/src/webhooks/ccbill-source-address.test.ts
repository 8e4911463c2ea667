import { randomUUID } from 'node:crypto';
import { PLAN_IDS } from '../plans/plan-ids';
import {
  ccbillDate,
  ccbillSubscriptionId,
  ccbillTimestamp,
  ccbillTransactionId,
} from '../providers/sandbox/ccbill-events';
import { CCBILL_PUBLISHED_RANGES, sandboxSettings } from '../providers/settings';
import { PlanSubscription } from '../subscriptions/subscription.entity';
import { parseIpAllowList } from './ip-allow-list';
import { type PaymentsTest, startPaymentsTest } from './payments.testing';
import { ProviderEvent } from './provider-event.entity';

/**
 * The CCBill allow-list sees the address TRUST_PROXY makes of the request: the gateway's
 * X-Forwarded-For when the hop to payments is a trusted proxy, the hop itself otherwise. The
 * allow-list is live mode's (CCBill's ranges only, no loopback), so that only the worked-out
 * address decides.
 */
const CCBILL_ADDRESS = '64.38.241.20';
const liveAllowList = () => {
  const { ccbill } = sandboxSettings();
  return {
    ccbill: {
      ...ccbill,
      allowedIps: parseIpAllowList(CCBILL_PUBLISHED_RANGES, { loopback: false }),
    },
  };
};

async function ccbillPostback(t: PaymentsTest, forwardedFor: string) {
  const user = randomUUID();
  await t.adult(user);
  const checkout = await t.checkout(user, PLAN_IDS.PREMIUM_PLUS, 'CCBILL');
  const fields = {
    subscriptionId: ccbillSubscriptionId(),
    transactionId: ccbillTransactionId(),
    timestamp: ccbillTimestamp(new Date()),
    nextRenewalDate: ccbillDate(new Date(Date.now() + 30 * 24 * 3600 * 1000)),
    'X-checkoutId': checkout.id,
    userMarker: user,
  };
  const query = new URLSearchParams({
    token: t.settings.ccbill.webhookToken,
    eventType: 'NewSaleSuccess',
    eventGroupType: 'Subscription',
  });
  const response = await fetch(`${t.base}/webhooks/ccbill?${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': forwardedFor,
    },
    body: new URLSearchParams(fields).toString(),
  });
  const em = t.app.em();
  return {
    status: response.status,
    subscriptions: await em.count(PlanSubscription, { userId: user }),
    storedEvents: await em.count(ProviderEvent, { rawBody: { $like: `%${user}%` } }),
  };
}

describe('CCBill postback behind a trusted proxy (the gateway on its own host, as in compose)', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    // the test's requests come from 127.0.0.1: here that is the gateway's address, named as such
    t = await startPaymentsTest(liveAllowList(), '127.0.0.1');
  });
  afterAll(() => t.stop());

  it('is accepted when the gateway says it came from a CCBill address', async () => {
    expect(await ccbillPostback(t, CCBILL_ADDRESS)).toEqual({
      status: 200,
      subscriptions: 1,
      storedEvents: 1,
    });
  });

  it('is refused when the caller wrote a CCBill address in front of its own', async () => {
    // the gateway appends the address it saw (198.51.100.7) to what the caller claimed
    expect(await ccbillPostback(t, `${CCBILL_ADDRESS}, 198.51.100.7`)).toEqual({
      status: 400,
      subscriptions: 0,
      storedEvents: 0,
    });
  });
});

describe('CCBill postback from a hop that is not a trusted proxy', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    // only a proxy network the caller is not on is trusted: its X-Forwarded-For counts for nothing
    t = await startPaymentsTest(liveAllowList(), '10.0.0.0/8');
  });
  afterAll(() => t.stop());

  it('is refused whatever X-Forwarded-For claims', async () => {
    expect(await ccbillPostback(t, CCBILL_ADDRESS)).toEqual({
      status: 400,
      subscriptions: 0,
      storedEvents: 0,
    });
  });
});
