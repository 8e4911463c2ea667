import { randomUUID } from 'node:crypto';
import { parseIpAllowList } from '@vp/payments/src/webhooks/ip-allow-list';
import { CCBILL_PUBLISHED_RANGES, sandboxSettings } from '@vp/payments/src/providers/settings';
import { Client } from 'pg';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

/**
 * A CCBill postback through the whole chain of production: a load balancer (here a request from
 * 127.0.0.1 carrying the X-Forwarded-For it would set), the gateway, the payments subgraph with its
 * live allow-list (CCBill's published ranges, no loopback). Payments must check the address the
 * load balancer saw; what it sees on its socket is the gateway's. Each TRUST_PROXY missing or too
 * wide is tried too, as compose and the Kubernetes manifests could get them wrong.
 */
const CCBILL_ADDRESS = '64.38.241.20';

/** The platform with these TRUST_PROXY settings, and the webhook token its payments expects. */
async function platformWith(trust: { gateway: string; payments: string }) {
  const settings = sandboxSettings();
  const platform = await startTestPlatform({
    subgraphs: ['users', 'payments'],
    gatewayConfig: () => ({ trustProxy: trust.gateway }),
    config: {
      payments: {
        trustProxy: trust.payments,
        payments: {
          ...settings,
          ccbill: {
            ...settings.ccbill,
            allowedIps: parseIpAllowList(CCBILL_PUBLISHED_RANGES, { loopback: false }),
          },
        },
      },
    },
  });
  return { platform, token: settings.ccbill.webhookToken };
}

/** Posts a NewSaleSuccess through the gateway; answers its status and whether payments stored it. */
async function postback(platform: TestPlatform, forwardedFor: string | undefined, token: string) {
  const marker = randomUUID();
  const query = new URLSearchParams({
    token,
    eventType: 'NewSaleSuccess',
    eventGroupType: 'Subscription',
  });
  const response = await fetch(`${platform.origin}/webhooks/ccbill?${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: new URLSearchParams({
      subscriptionId: String(Date.now()),
      transactionId: `0${Date.now()}`,
      userMarker: marker,
    }).toString(),
  });
  await response.body?.cancel();
  const client = new Client({ connectionString: platform.database.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from payments.provider_event where raw_body like $1`,
      [`%${marker}%`],
    );
    return { status: response.status, stored: rows[0].n };
  } finally {
    await client.end();
  }
}

describe('CCBill postbacks behind a load balancer and the gateway', () => {
  let token: string;

  describe('gateway trusts the load balancer, payments trusts the gateway (compose, Kubernetes)', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      ({ platform, token } = await platformWith({ gateway: '127.0.0.1', payments: '127.0.0.1' }));
    });
    afterAll(() => platform?.stop());

    it('accepts a postback the load balancer saw come from CCBill', async () => {
      expect(await postback(platform, CCBILL_ADDRESS, token)).toEqual({ status: 200, stored: 1 });
    });

    it('refuses one from elsewhere, and one whose caller wrote a CCBill address before its own', async () => {
      expect(await postback(platform, '198.51.100.7', token)).toEqual({ status: 400, stored: 0 });
      expect(await postback(platform, `${CCBILL_ADDRESS}, 198.51.100.7`, token)).toEqual({
        status: 400,
        stored: 0,
      });
    });
  });

  describe('payments trusting no proxy (the original fault)', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      ({ platform, token } = await platformWith({ gateway: '127.0.0.1', payments: '' }));
    });
    afterAll(() => platform?.stop());

    it('sees only the gateway and refuses every postback', async () => {
      expect(await postback(platform, CCBILL_ADDRESS, token)).toEqual({ status: 400, stored: 0 });
    });
  });

  describe('a gateway that trusts no proxy (clients connect directly)', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      ({ platform, token } = await platformWith({ gateway: '', payments: '127.0.0.1' }));
    });
    afterAll(() => platform?.stop());

    it('drops what the caller claims, so a claimed CCBill address is refused', async () => {
      expect(await postback(platform, CCBILL_ADDRESS, token)).toEqual({ status: 400, stored: 0 });
    });
  });
});
