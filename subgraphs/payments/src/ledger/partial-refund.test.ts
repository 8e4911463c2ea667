import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { graphql, startTestSubgraph, tokenFor, type TestSubgraph } from '@vp/kit/testing';
import { payments } from '../definition';
import { deliverToWebhooks } from '../providers/sandbox/sandbox-deliveries';
import {
  stripeCharge,
  stripeEvent,
  stripeId,
  stripeRefund,
} from '../providers/sandbox/stripe-events';
import { type PaymentsSettings, sandboxSettings } from '../providers/settings';
import { Tip, TipStatus } from '../tips/tip.entity';
import { ProviderEvent } from '../webhooks/provider-event.entity';
import { ProviderPayment } from '../webhooks/provider-payment.entity';
import { accounts } from './accounts';
import { accountBalances, ledgerImbalance, settledTip } from './ledger.testing';
import { PaymentRefund } from './payment-refund.entity';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const refundIdOf = (event: { data: { object: unknown } }) =>
  (event.data.object as { id: string }).id;

describe('partial refunds of tips (Stripe refund events, the real ledger)', () => {
  let app: TestSubgraph;
  let settings: PaymentsSettings;
  let base: string;
  beforeAll(async () => {
    settings = sandboxSettings();
    app = await startTestSubgraph(payments, { payments: settings, publicUrl: 'http://x' });
    base = app.url.replace(/\/graphql$/, '');
  });
  afterAll(() => app?.stop());

  async function paidTip(amountJpy: number) {
    const creator = randomUUID();
    const em = app.em();
    const tip = await settledTip(em, creator, amountJpy);
    em.create(ProviderPayment, {
      provider: 'STRIPE',
      paymentRef: `pi_${tip.id}`,
      userId: tip.fromUserId,
      tipId: tip.id,
      createdAt: new Date(),
    });
    await em.flush();
    const balances = () =>
      accountBalances(app.em(), [
        accounts.creatorEarnings(creator),
        accounts.platformFees,
        accounts.providerClearing('STRIPE'),
      ]).then(all => Object.values(all));
    return { tip, creator, balances };
  }

  const refundEvent = (
    tipId: string,
    amountJpy: number,
    fields: { id?: string; status?: 'pending' | 'succeeded'; type?: string } = {},
  ) =>
    stripeEvent(
      fields.type ?? 'refund.created',
      stripeRefund({
        id: fields.id,
        amountJpy,
        paymentIntent: `pi_${tipId}`,
        status: fields.status,
        created: nowSeconds(),
      }),
      nowSeconds(),
    );
  const deliver = (...events: ReturnType<typeof stripeEvent>[]) =>
    deliverToWebhooks(
      base,
      settings,
      events.map(event => ({ provider: 'STRIPE' as const, event })),
    );
  const outcomeOf = async (event: ReturnType<typeof stripeEvent>) =>
    (await app.em().findOneOrFail(ProviderEvent, { provider: 'STRIPE', eventKey: event.id }))
      .outcome;

  // platform-wide accounts are shared by the tests: compare their changes, not their totals
  const delta = (before: number[], after: number[]) => after.map((value, i) => value - before[i]);

  it('takes back exactly the refunded share, in proportion, once per refund id, and the rest at the full refund', async () => {
    // ¥999 at 20 %: fee ¥199, creator ¥800.
    const { tip, balances } = await paidTip(999);
    const start = await balances();

    const first = refundEvent(tip.id, 333);
    expect(await deliver(first)).toEqual([200]);
    expect(await outcomeOf(first)).toBe('APPLIED: partial refund');
    // creator floor(800 × 333 / 999) = 266, fee 67
    expect(delta(start, await balances())).toEqual([-266, -67, 333]);

    // the same refund again, as another event (refund.updated) and as the same one
    const again = refundEvent(tip.id, 333, {
      id: refundIdOf(first),
      type: 'refund.updated',
    });
    expect(await deliver(again, first)).toEqual([200, 200]);
    expect(await outcomeOf(again)).toBe('IGNORED: refund already counted');
    expect(delta(start, await balances())).toEqual([-266, -67, 333]);

    // larger than what is left (¥666): nothing moves, nothing is kept
    const tooLarge = refundEvent(tip.id, 700);
    expect(await deliver(tooLarge)).toEqual([200]);
    expect(await outcomeOf(tooLarge)).toBe(
      'IGNORED: refund larger than what is left of the charge',
    );
    expect(delta(start, await balances())).toEqual([-266, -67, 333]);
    expect(await app.em().count(PaymentRefund, { refundId: refundIdOf(tooLarge) })).toBe(0);

    // a pending refund moves nothing until it succeeds
    const pending = refundEvent(tip.id, 333, { status: 'pending' });
    expect(await deliver(pending)).toEqual([200]);
    expect(delta(start, await balances())).toEqual([-266, -67, 333]);
    const succeeded = refundEvent(tip.id, 333, {
      id: refundIdOf(pending),
      type: 'refund.updated',
    });
    expect(await deliver(succeeded)).toEqual([200]);
    // running total ¥666: creator floor(800 × 666 / 999) = 533 → 267 more, fee 66
    expect(delta(start, await balances())).toEqual([-533, -133, 666]);
    expect((await app.em().findOneOrFail(Tip, { id: tip.id })).status).toBe(TipStatus.SUCCEEDED);

    // the charge is then refunded in full: only the remainder moves
    const full = stripeEvent(
      'charge.refunded',
      stripeCharge({
        customer: null,
        paymentIntent: `pi_${tip.id}`,
        amountJpy: 999,
        refundedJpy: 999,
        created: nowSeconds(),
      }),
      nowSeconds(),
    );
    expect(await deliver(full)).toEqual([200]);
    expect(delta(start, await balances())).toEqual([-800, -199, 999]);
    expect((await app.em().findOneOrFail(Tip, { id: tip.id })).status).toBe(TipStatus.REVERSED);
    expect((await ledgerImbalance(app.em())).unbalanced).toEqual([]);
  });

  it('leaves the odd yen with the creator, as the fee does', async () => {
    // ¥101 at 20 %: fee ¥20, creator ¥81; a ¥50 refund takes floor(81 × 50 / 101) = 40 and fee 10
    const { tip, balances, creator } = await paidTip(101);
    const start = await balances();
    expect(await deliver(refundEvent(tip.id, 50))).toEqual([200]);
    expect(delta(start, await balances())).toEqual([-40, -10, 50]);
    const entries = await graphql(
      app.url,
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on User {
              earningEntries(first: 5) {
                edges {
                  node {
                    kind
                    amountJpy
                    tipId
                    withdrawalId
                  }
                }
              }
            }
          }
        }
      `,
      { r: [{ __typename: 'User', id: creator }] },
      { token: await tokenFor(randomUUID(), [Role.ADMIN]) },
    );
    expect(
      entries.data._entities[0].earningEntries.edges.map((edge: { node: unknown }) => edge.node),
    ).toEqual([
      { kind: 'TIP_PARTIAL_REFUND', amountJpy: -40, tipId: tip.id, withdrawalId: null },
      { kind: 'TIP_CREDIT', amountJpy: 81, tipId: tip.id, withdrawalId: null },
    ]);
    // the other ¥51: creator 81 − 40 = 41, fee 10 → all of it back, to the yen
    expect(await deliver(refundEvent(tip.id, 51))).toEqual([200]);
    expect(delta(start, await balances())).toEqual([-81, -20, 101]);
    expect((await app.em().findOneOrFail(Tip, { id: tip.id })).status).toBe(TipStatus.REVERSED);
  });

  it('a refund of the whole tip in one refund reverses it once, whichever of refund and charge.refunded comes first', async () => {
    const { tip, balances } = await paidTip(1000);
    const start = await balances();
    const full = stripeEvent(
      'charge.refunded',
      stripeCharge({
        customer: null,
        paymentIntent: `pi_${tip.id}`,
        amountJpy: 1000,
        refundedJpy: 1000,
        created: nowSeconds(),
      }),
      nowSeconds(),
    );
    const whole = refundEvent(tip.id, 1000);
    expect(await deliver(whole, full)).toEqual([200, 200]);
    expect(await outcomeOf(full)).toBe('IGNORED: already reversed');
    expect(delta(start, await balances())).toEqual([-800, -200, 1000]);

    const other = await paidTip(1000);
    const otherStart = await other.balances();
    const otherFull = {
      ...full,
      id: stripeId('evt'),
      data: { object: { ...full.data.object, payment_intent: `pi_${other.tip.id}` } },
    };
    expect(await deliver(otherFull as typeof full, refundEvent(other.tip.id, 1000))).toEqual([
      200, 200,
    ]);
    expect(delta(otherStart, await other.balances())).toEqual([-800, -200, 1000]);
    expect((await ledgerImbalance(app.em())).unbalanced).toEqual([]);
  });
});
