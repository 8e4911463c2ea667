import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type EntityManager } from '@mikro-orm/postgresql';
import { startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { BillingCustomer } from '../checkout/billing-customer.entity';
import { CheckoutSession } from '../checkout/checkout-session.entity';
import { payments } from '../definition';
import { PLAN_IDS } from '../plans/plan-ids';
import { Plan } from '../plans/plan.entity';
import { isAllowedIp, parseIpAllowList } from '../webhooks/ip-allow-list';
import { CcbillProvider, ccbillFormDigest } from './ccbill.provider';
import { CCBILL_PUBLISHED_RANGES, paymentsSettingsFromEnv, sandboxSettings } from './settings';
import { StripeProvider } from './stripe.provider';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  params: URLSearchParams;
}

/** A stand-in for api.stripe.com that records each request and answers like Stripe. */
async function startStripeRecorder() {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        params: new URLSearchParams(body),
      });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/customers') {
        res.end(JSON.stringify({ id: 'cus_recorded', object: 'customer' }));
      } else {
        res.end(
          JSON.stringify({
            id: 'cs_test_recorded',
            object: 'checkout.session',
            url: 'https://checkout.stripe.com/c/pay/cs_test_recorded',
          }),
        );
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    requests,
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('provider adapters', () => {
  describe('StripeProvider against a local HTTP endpoint', () => {
    let app: TestSubgraph;
    let recorder: Awaited<ReturnType<typeof startStripeRecorder>>;
    let provider: StripeProvider;
    beforeAll(async () => {
      app = await startTestSubgraph(payments, { payments: sandboxSettings() });
      recorder = await startStripeRecorder();
      provider = new StripeProvider({
        secretKey: 'sk_test_recorded',
        webhookSecret: 'whsec_x',
        api: { host: '127.0.0.1', port: recorder.port, protocol: 'http' },
      });
    });
    afterAll(async () => {
      await recorder?.stop();
      await app?.stop();
    });

    const checkoutFor = async (
      em: EntityManager,
      userId: string,
      fields: Partial<CheckoutSession>,
    ) => {
      const checkout = em.create(CheckoutSession, {
        userId,
        kind: 'SUBSCRIPTION',
        amountJpy: 980,
        provider: 'STRIPE',
        mode: 'LIVE',
        url: '',
        expiresAt: new Date(Date.now() + 3600_000),
        ...fields,
      } as never);
      return checkout;
    };

    it("creates the user's customer once, then a subscription-mode Checkout Session with idempotency keys", async () => {
      const em = app.em();
      const userId = randomUUID();
      const plan = await em.findOneOrFail(Plan, { id: PLAN_IDS.PREMIUM });
      const checkout = await checkoutFor(em, userId, { plan });
      const result = await provider.createCheckout(em, {
        checkout,
        plan,
        initialAmountJpy: 980,
        publicUrl: 'https://video.example',
      });
      expect(result).toEqual({
        url: 'https://checkout.stripe.com/c/pay/cs_test_recorded',
        providerRef: 'cs_test_recorded',
      });

      const [customer, session] = recorder.requests.splice(0);
      expect([customer.method, customer.path]).toEqual(['POST', '/v1/customers']);
      expect(customer.headers['idempotency-key']).toBe(`vp-customer-${userId}`);
      expect(customer.params.get('metadata[userId]')).toBe(userId);
      expect(customer.headers.authorization).toBe('Bearer sk_test_recorded');

      expect([session.method, session.path]).toEqual(['POST', '/v1/checkout/sessions']);
      expect(session.headers['idempotency-key']).toBe(
        `vp-checkout-subscription-${userId}-${plan.id}-${checkout.id}`,
      );
      expect(Object.fromEntries(session.params)).toMatchObject({
        mode: 'subscription',
        customer: 'cus_recorded',
        client_reference_id: userId,
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'jpy',
        'line_items[0][price_data][unit_amount]': '980',
        'line_items[0][price_data][recurring][interval]': 'month',
        'subscription_data[metadata][userId]': userId,
        'subscription_data[metadata][planId]': PLAN_IDS.PREMIUM,
        'subscription_data[metadata][checkoutId]': checkout.id,
        success_url: `https://video.example/checkout/${checkout.id}?result=success`,
      });
      expect(await em.findOne(BillingCustomer, { userId, provider: 'STRIPE' })).toMatchObject({
        providerCustomerId: 'cus_recorded',
      });

      // A second checkout reuses the customer: no second POST /v1/customers.
      await provider.createCheckout(app.em(), {
        checkout: await checkoutFor(app.em(), userId, { plan }),
        plan,
        initialAmountJpy: 980,
        publicUrl: 'https://video.example',
      });
      expect(recorder.requests.splice(0).map(request => request.path)).toEqual([
        '/v1/checkout/sessions',
      ]);
    });

    it('creates a payment-mode session for a tip, keyed by the tip', async () => {
      const em = app.em();
      const tipId = randomUUID();
      const checkout = await checkoutFor(em, randomUUID(), { kind: 'TIP', tipId, amountJpy: 1500 });
      await provider.createCheckout(em, {
        checkout,
        plan: null,
        initialAmountJpy: 1500,
        publicUrl: 'https://video.example',
      });
      const [session] = recorder.requests.splice(0);
      expect(session.headers['idempotency-key']).toBe(`vp-checkout-tip-${tipId}`);
      expect(Object.fromEntries(session.params)).toMatchObject({
        mode: 'payment',
        'line_items[0][price_data][unit_amount]': '1500',
        'line_items[0][price_data][currency]': 'jpy',
        'payment_intent_data[metadata][tipId]': tipId,
        'metadata[tipId]': tipId,
      });
      expect(session.params.has('customer')).toBe(false);
    });
  });

  describe('CCBill', () => {
    it('computes the formDigest exactly as CCBill documents it (its published examples)', () => {
      const salt = '7d901dad245fd0ff6bc20d06';
      expect(
        ccbillFormDigest({ initialPrice: '10.00', initialPeriod: '30', currencyCode: '840' }, salt),
      ).toBe('a7459445d0e5dc0963fe736dc5cf900b');
      expect(
        ccbillFormDigest(
          {
            initialPrice: '10.00',
            initialPeriod: '30',
            recurringPrice: '10.00',
            recurringPeriod: '30',
            numRebills: '99',
            currencyCode: '840',
          },
          salt,
        ),
      ).toBe('48f0b12e4307e64edb781c479665c899');
    });

    it('builds a FlexForms dynamic-pricing URL for Premium+ in yen, with the digest of those very values', async () => {
      const provider = new CcbillProvider({
        account: '900100',
        subaccount: '0001',
        flexFormId: '687fa3e0-e60d-4466-88e2-181fa56dd6a9',
        salt: 'salty',
        webhookToken: 't',
        allowedIps: parseIpAllowList(CCBILL_PUBLISHED_RANGES, { loopback: false }),
        datalink: { username: 'u', password: 'p', url: 'http://127.0.0.1:1' },
      });
      const plan = Object.assign(new Plan(), {
        id: PLAN_IDS.PREMIUM_PLUS,
        priceJpy: 1980,
        name: 'Premium+',
      });
      const checkout = Object.assign(new CheckoutSession(), {
        id: randomUUID(),
        kind: 'SUBSCRIPTION',
        amountJpy: 1980,
      });
      const { url } = await provider.createCheckout(null, {
        checkout,
        plan,
        initialAmountJpy: 1200,
        publicUrl: '',
      });
      const parsed = new URL(url);
      expect(parsed.origin + parsed.pathname).toBe(
        'https://api.ccbill.com/wap-frontflex/flexforms/687fa3e0-e60d-4466-88e2-181fa56dd6a9',
      );
      const query = Object.fromEntries(parsed.searchParams);
      expect(query).toMatchObject({
        clientAccnum: '900100',
        clientSubacc: '0001',
        initialPrice: '1200.00',
        initialPeriod: '30',
        recurringPrice: '1980.00',
        recurringPeriod: '30',
        numRebills: '99',
        currencyCode: '392',
        checkoutId: checkout.id,
      });
      expect(query.formDigest).toBe(
        ccbillFormDigest(
          {
            initialPrice: '1200.00',
            initialPeriod: '30',
            recurringPrice: '1980.00',
            recurringPeriod: '30',
            numRebills: '99',
            currencyCode: '392',
          },
          'salty',
        ),
      );
    });

    it("allows CCBill's published ranges, and loopback only in sandbox mode", () => {
      const live = parseIpAllowList(CCBILL_PUBLISHED_RANGES, { loopback: false });
      expect(
        ['64.38.212.1', '64.38.215.254', '64.38.240.77', '::ffff:64.38.241.9'].map(ip =>
          isAllowedIp(live, ip),
        ),
      ).toEqual([true, true, true, true]);
      expect(
        ['64.38.213.1', '64.38.212.255', '127.0.0.1', '::1', '10.0.0.1', 'garbage', undefined].map(
          ip => isAllowedIp(live, ip),
        ),
      ).toEqual(Array(7).fill(false));
      expect(
        isAllowedIp(parseIpAllowList(CCBILL_PUBLISHED_RANGES, { loopback: true }), '127.0.0.1'),
      ).toBe(true);
      expect(() => parseIpAllowList('64.38.212.1-nope', { loopback: false })).toThrow(
        /CCBILL_ALLOWED_IPS/,
      );
    });
  });

  describe('settings from the environment', () => {
    it('refuses live mode without its secrets, naming them', () => {
      expect(() =>
        paymentsSettingsFromEnv({ PAYMENTS_PROVIDER: 'live', STRIPE_SECRET_KEY: 'sk_live_x' }),
      ).toThrow(
        /STRIPE_WEBHOOK_SECRET: .*\n.*CCBILL_ACCOUNT: .*\n.*CCBILL_SUBACCOUNT: .*\n.*CCBILL_FLEXFORM_ID: .*\n.*CCBILL_SALT: .*\n.*CCBILL_WEBHOOK_TOKEN: /,
      );
    });

    it('makes the sandbox secrets once in <dataDir>/keys and reuses them', async () => {
      const { mkdtempSync, statSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const dataDir = mkdtempSync(join(tmpdir(), 'payments-keys-'));
      const first = paymentsSettingsFromEnv({}, dataDir);
      const second = paymentsSettingsFromEnv({}, dataDir);
      expect(first.mode).toBe('sandbox');
      expect(first.stripe.webhookSecret).toMatch(/^whsec_/);
      expect(second.stripe.webhookSecret).toBe(first.stripe.webhookSecret);
      expect(second.ccbill.webhookToken).toBe(first.ccbill.webhookToken);
      expect(statSync(join(dataDir, 'keys', 'payments-sandbox.json')).mode & 0o077).toBe(0);
    });
  });
});
