import { randomUUID } from 'node:crypto';
import { type PaymentsTest, startPaymentsTest } from './payments.testing';
import { PAYLOAD_RETENTION_QUEUE, purgeOldProviderPayloads } from './payload-retention';
import { ProviderEvent } from './provider-event.entity';

/**
 * Issue 16, weakness 6: raw provider payloads lose their personal data after 90 days; what the
 * ledger and a dispute need (ids, amounts, types, dates) stays.
 */
let t: PaymentsTest;
beforeAll(async () => {
  t = await startPaymentsTest();
});
afterAll(() => t?.stop());

const DAY = 86_400_000;
const email = () => `payer-${randomUUID().slice(0, 8)}@example.com`;

/** A Stripe checkout.session.completed as Stripe sends it, with the payer's details. */
function stripeBody(payerEmail: string, userId: string) {
  return JSON.stringify({
    id: `evt_${randomUUID()}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: 1_790_000_000,
    data: {
      object: {
        id: `cs_${randomUUID()}`,
        object: 'checkout.session',
        amount_total: 990,
        currency: 'jpy',
        client_reference_id: userId,
        customer: 'cus_123',
        customer_email: payerEmail,
        customer_details: {
          email: payerEmail,
          name: 'Hanako Yamada',
          phone: '+81 90 1234 5678',
          address: {
            city: 'Tokyo',
            country: 'JP',
            line1: '1-2-3 Shibuya',
            postal_code: '150-0002',
          },
        },
        metadata: { userId, note: `contact ${payerEmail}` },
        subscription: 'sub_123',
      },
    },
  });
}

/** A CCBill NewSaleSuccess, form-encoded, with the payer's details. */
function ccbillBody(payerEmail: string, subscriptionId: string) {
  return new URLSearchParams({
    subscriptionId,
    transactionId: `tx${subscriptionId}`,
    billedAmount: '1490.00',
    billedCurrencyCode: '392',
    timestamp: '2026-09-01 10:00:00',
    email: payerEmail,
    firstName: 'Taro',
    lastName: 'Suzuki',
    address1: '4-5-6 Umeda',
    city: 'Osaka',
    postalCode: '530-0001',
    country: 'JP',
    phoneNumber: '0612345678',
    ipAddress: '203.0.113.7',
    username: 'taro_s',
    cardType: 'VISA',
    last4: '4242',
    expDate: '1228',
  }).toString();
}

async function store(
  provider: 'STRIPE' | 'CCBILL',
  rawBody: string,
  ageDays: number,
  waitingFor: string | null = null,
) {
  const em = t.app.em();
  const event = em.create(ProviderEvent, {
    provider,
    eventKey: randomUUID(),
    eventType: provider === 'STRIPE' ? 'checkout.session.completed' : 'NewSaleSuccess',
    rawBody,
    waitingFor,
    outcome: waitingFor ? 'DEFERRED' : 'APPLIED',
    receivedAt: new Date(Date.now() - ageDays * DAY),
  });
  await em.flush();
  return event.id;
}

const bodyOf = async (id: string) =>
  (await t.app.em().findOneOrFail(ProviderEvent, { id })).rawBody;

it('purges personal data from Stripe and CCBill bodies older than 90 days, keeping ids, amounts and dates', async () => {
  const [stripeEmail, ccbillEmail, recentEmail, deferredEmail] = [
    email(),
    email(),
    email(),
    email(),
  ];
  const userId = randomUUID();
  const oldStripe = await store('STRIPE', stripeBody(stripeEmail, userId), 91);
  const oldCcbill = await store('CCBILL', ccbillBody(ccbillEmail, '0123456789'), 120);
  const recent = await store('STRIPE', stripeBody(recentEmail, userId), 89);
  const deferred = await store('CCBILL', ccbillBody(deferredEmail, '0999'), 100, 'sub:0999');

  expect(await purgeOldProviderPayloads(t.app.em())).toBeGreaterThanOrEqual(2);

  const stripe = await bodyOf(oldStripe);
  for (const personal of [stripeEmail, 'Hanako', 'Yamada', '+81 90', 'Shibuya', '150-0002']) {
    expect(stripe).not.toContain(personal);
  }
  expect(JSON.parse(stripe)).toMatchObject({
    object: 'event',
    type: 'checkout.session.completed',
    created: 1_790_000_000,
    data: {
      object: {
        amount_total: 990,
        currency: 'jpy',
        client_reference_id: userId,
        customer: 'cus_123',
        subscription: 'sub_123',
        metadata: { userId },
      },
    },
  });

  const ccbill = await bodyOf(oldCcbill);
  for (const personal of [
    ccbillEmail,
    'Taro',
    'Suzuki',
    'Umeda',
    'Osaka',
    '530-0001',
    '0612345678',
    '203.0.113.7',
    'taro_s',
    '4242',
    '1228',
  ]) {
    expect(ccbill).not.toContain(personal);
  }
  expect(JSON.parse(ccbill)).toEqual({
    subscriptionId: '0123456789',
    transactionId: 'tx0123456789',
    billedAmount: '1490.00',
    billedCurrencyCode: '392',
    timestamp: '2026-09-01 10:00:00',
  });
  const purgedRow = await t.app.em().findOneOrFail(ProviderEvent, { id: oldCcbill });
  expect(purgedRow.purgedAt).toBeInstanceOf(Date);

  // within 90 days, or still waiting to be replayed: as received
  expect(await bodyOf(recent)).toContain(recentEmail);
  expect(await bodyOf(deferred)).toContain(
    new URLSearchParams({ email: deferredEmail }).toString(),
  );

  // a second run finds nothing left to purge among these
  const again = await purgeOldProviderPayloads(t.app.em());
  expect(again).toBe(0);
  expect(await bodyOf(oldStripe)).toBe(stripe);
});

it('runs daily as a durable pg-boss job', async () => {
  const rows: { cron: string }[] = await t.app
    .em()
    .getConnection()
    .execute(`select cron from pgboss.schedule where name = ?`, [PAYLOAD_RETENTION_QUEUE]);
  expect(rows).toEqual([{ cron: '17 3 * * *' }]);
});
