import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { MoneyEmailDue, parseEmitted } from '@vp/contracts';
import { Role } from '@vp/kit';
import { errorCodes, eventually, graphql, tokenFor } from '@vp/kit/testing';
import { Invoice } from '../invoices/invoice.entity';
import { settledTip } from '../ledger/ledger.testing';
import { PayoutAccount } from '../payouts/payout-account.entity';
import { sandboxPayoutEvent } from '../payouts/payouts.provider';
import { PLAN_IDS } from '../plans/plan-ids';
import { createTipSettlement } from '../ledger/tip-settlement';
import { PlanSubscription } from '../subscriptions/subscription.entity';
import { ProviderEvent } from '../webhooks/provider-event.entity';
import { moneyEmailsOf, type PaymentsTest, startPaymentsTest } from '../webhooks/payments.testing';
import { Withdrawal, WithdrawalStatus } from '../withdrawals/withdrawal.entity';
import { sendRenewalReminders } from './renewal-reminders';

// Money emails leave payments as MoneyEmailDue events (users mails them: its
// money-emails.test.ts). Here: each kind is asked for once per event, whatever is replayed.

const DAY_MS = 24 * 3600_000;
const CANCEL = `mutation { cancelSubscription { status cancelAtPeriodEnd } }`;
const RESUME = `mutation { resumeSubscription { status cancelAtPeriodEnd } }`;
const INVOICES = `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on User {
  invoices(first: 2, after: $after) { edges { node { id amountJpy status periodStart periodEnd paidAt } }
    pageInfo { hasNextPage endCursor } } } } }`;
const REQUEST = 'mutation($amount: Int!) { requestWithdrawal(amountJpy: $amount) { id status } }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';

const kinds = (mails: { kind: string }[]) => mails.map(mail => mail.kind);

describe('money emails: each asked for once per event', () => {
  let t: PaymentsTest;
  beforeAll(async () => {
    t = await startPaymentsTest();
  });
  afterAll(() => t?.stop());

  /** Pays a Premium checkout on the sandbox page (Stripe's webhooks follow, signed). */
  async function paidPremium(user: string) {
    const checkout = await t.checkout(user, PLAN_IDS.PREMIUM, 'STRIPE');
    const paid = await fetch(`${t.base}/checkout/${checkout.id}`, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'success' }),
    });
    expect(paid.status).toBe(200);
    // the sandbox's webhooks come one after another, invoice.paid last
    await eventually(() => t.app.em().fork().findOne(Invoice, { userId: user }), {
      what: 'the invoice',
    });
    return t.app.em().fork().findOneOrFail(PlanSubscription, { userId: user });
  }
  const stripeEventsOf = (subscription: PlanSubscription) =>
    t.app
      .em()
      .find(
        ProviderEvent,
        { provider: 'STRIPE', rawBody: { $like: `%${subscription.providerSubscriptionId}%` } },
        { orderBy: { receivedAt: 'asc' } },
      );
  /** Every stored Stripe event of the subscription, delivered again (each signed anew). */
  async function replay(subscription: PlanSubscription) {
    const events = await stripeEventsOf(subscription);
    const statuses = await t.deliver(
      events.map(event => ({ provider: 'STRIPE' as const, event: JSON.parse(event.rawBody) })),
    );
    expect(statuses).toEqual(events.map(() => 200));
    return events.length;
  }

  it('a payment mails its receipt (plan, yen, period) and lists its invoice; replayed webhooks mail nothing more', async () => {
    const user = randomUUID();
    const subscription = await paidPremium(user);
    const [receipt] = await eventually(() => moneyEmailsOf(t, user), {
      until: mails => mails.length > 0,
      what: 'the receipt',
    });
    const invoice = await t.app.em().findOneOrFail(Invoice, { userId: user });
    expect(receipt).toMatchObject({
      key: `PAYMENT_RECEIPT:${invoice.id}`,
      kind: 'PAYMENT_RECEIPT',
      userId: user,
      amountJpy: 980,
      planName: 'Premium',
      referenceId: invoice.id,
    });
    // MoneyEmailDue's producer contract test: what payments emits has the example's fields
    expect(parseEmitted(MoneyEmailDue, receipt)).toEqual(receipt);
    expect(new Date(receipt.periodEnd!).getTime()).toBeGreaterThan(
      new Date(receipt.periodStart!).getTime() + 27 * DAY_MS,
    );
    expect(await replay(subscription)).toBeGreaterThanOrEqual(3);
    expect(kinds(await moneyEmailsOf(t, user))).toEqual(['PAYMENT_RECEIPT']);

    const token = await tokenFor(user);
    const listed = await graphql(
      t.app.url,
      INVOICES,
      { r: [{ __typename: 'User', id: user }] },
      { token },
    );
    expect(listed.data._entities[0].invoices.edges).toEqual([
      {
        node: {
          id: invoice.id,
          amountJpy: 980,
          status: 'PAID',
          periodStart: invoice.periodStart.toISOString(),
          periodEnd: invoice.periodEnd.toISOString(),
          paidAt: invoice.paidAt!.toISOString(),
        },
      },
    ]);
    // only the user (and admins) may read them
    const stranger = await tokenFor(randomUUID());
    expect(
      errorCodes(
        await graphql(
          t.app.url,
          INVOICES,
          { r: [{ __typename: 'User', id: user }] },
          { token: stranger },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('a failed charge mails what to do, once; its successful retry mails the receipt; invoices page newest first', async () => {
    const user = randomUUID();
    const subscription = await paidPremium(user);
    await eventually(() => moneyEmailsOf(t, user), { until: mails => mails.length === 1 });
    const [paidEvent] = (await stripeEventsOf(subscription)).filter(
      event => event.eventType === 'invoice.paid',
    );
    const renewal = JSON.parse(paidEvent.rawBody);
    const later = renewal.created + 30 * 24 * 3600;
    renewal.data.object.id = `in_renewal_${randomUUID().slice(0, 8)}`;
    for (const line of renewal.data.object.lines.data) {
      line.period = { start: line.period.end, end: line.period.end + 30 * 24 * 3600 };
    }
    const failed = {
      ...renewal,
      id: `evt_${randomUUID()}`,
      type: 'invoice.payment_failed',
      created: later,
      data: { object: { ...renewal.data.object, status: 'open', amount_paid: 0 } },
    };
    const failedAgain = { ...failed, id: `evt_${randomUUID()}`, created: later + 3 * 24 * 3600 };
    expect(
      await t.deliver([
        { provider: 'STRIPE', event: failed },
        { provider: 'STRIPE', event: failed },
        { provider: 'STRIPE', event: failedAgain },
      ]),
    ).toEqual([200, 200, 200]);
    const afterFailure = await moneyEmailsOf(t, user);
    expect(kinds(afterFailure)).toEqual(['PAYMENT_RECEIPT', 'PAYMENT_FAILED']);
    expect(afterFailure[1]).toMatchObject({ amountJpy: 980, planName: 'Premium' });
    const failedInvoice = await t.app.em().findOneOrFail(Invoice, {
      providerRef: renewal.data.object.id,
    });
    expect(failedInvoice).toMatchObject({ status: 'FAILED', paidAt: null });

    const retried = {
      ...renewal,
      id: `evt_${randomUUID()}`,
      created: later + 4 * 24 * 3600,
    };
    expect(await t.deliver([{ provider: 'STRIPE', event: retried }])).toEqual([200]);
    const mails = await moneyEmailsOf(t, user);
    expect(kinds(mails)).toEqual(['PAYMENT_RECEIPT', 'PAYMENT_FAILED', 'PAYMENT_RECEIPT']);
    expect(mails[2].key).toBe(`PAYMENT_RECEIPT:${failedInvoice.id}`);

    const token = await tokenFor(user);
    const page = async (after?: string) =>
      (
        await graphql(
          t.app.url,
          INVOICES,
          { r: [{ __typename: 'User', id: user }], after },
          { token },
        )
      ).data._entities[0].invoices;
    const first = await page();
    expect(
      first.edges.map((edge: { node: { id: string; status: string } }) => edge.node),
    ).toMatchObject([{ id: failedInvoice.id, status: 'PAID' }, { status: 'PAID' }]);
    expect(first.pageInfo.hasNextPage).toBe(false);
    expect((await page(first.pageInfo.endCursor)).edges).toEqual([]);
  });

  it('cancelling mails the confirmation with the end date once (the provider’s webhook adds none); cancelling again after resuming mails again', async () => {
    const user = randomUUID();
    const subscription = await paidPremium(user);
    const token = await tokenFor(user);
    await eventually(() => moneyEmailsOf(t, user), { until: mails => mails.length === 1 });
    expect((await graphql(t.app.url, CANCEL, {}, { token })).data.cancelSubscription).toEqual({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
    });
    await eventually(
      async () =>
        (await stripeEventsOf(subscription)).filter(
          event =>
            event.eventType === 'customer.subscription.updated' && event.outcome === 'APPLIED',
        ).length,
      { until: n => n === 1, what: 'the sandbox’s update webhook' },
    );
    expect(await graphql(t.app.url, CANCEL, {}, { token })).toMatchObject({
      data: { cancelSubscription: { cancelAtPeriodEnd: true } },
    });
    await replay(subscription);
    const stored = await t.app.em().findOneOrFail(PlanSubscription, { userId: user });
    const mails = await moneyEmailsOf(t, user);
    expect(kinds(mails)).toEqual(['PAYMENT_RECEIPT', 'CANCELLATION_CONFIRMED']);
    expect(mails[1]).toMatchObject({
      planName: 'Premium',
      periodEnd: stored.currentPeriodEnd.toISOString(),
    });

    await graphql(t.app.url, RESUME, {}, { token });
    await new Promise(resolve => setTimeout(resolve, 1100)); // a new provider second
    await graphql(t.app.url, CANCEL, {}, { token });
    expect(kinds(await moneyEmailsOf(t, user))).toEqual([
      'PAYMENT_RECEIPT',
      'CANCELLATION_CONFIRMED',
      'CANCELLATION_CONFIRMED',
    ]);
  });

  it('the renewal reminder goes 3 days before the renewal, once per period, never for a cancelled plan', async () => {
    const em = t.app.em() as EntityManager;
    const renewing = randomUUID();
    const cancelled = randomUUID();
    const far = randomUUID();
    for (const user of [renewing, cancelled, far]) {
      await paidPremium(user);
    }
    const now = new Date();
    const set = (user: string, days: number, cancelAtPeriodEnd = false) =>
      em.nativeUpdate(
        PlanSubscription,
        { userId: user },
        { currentPeriodEnd: new Date(now.getTime() + days * DAY_MS), cancelAtPeriodEnd },
      );
    await set(renewing, 2.5);
    await set(cancelled, 2, true);
    await set(far, 4);
    expect(await sendRenewalReminders(em, now)).toBeGreaterThanOrEqual(1);
    expect(await sendRenewalReminders(em, now)).toBe(0);
    const reminders = (await moneyEmailsOf(t, renewing)).filter(
      mail => mail.kind === 'RENEWAL_REMINDER',
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ amountJpy: 980, planName: 'Premium' });
    expect(kinds(await moneyEmailsOf(t, cancelled))).not.toContain('RENEWAL_REMINDER');
    expect(kinds(await moneyEmailsOf(t, far))).not.toContain('RENEWAL_REMINDER');

    // the next period (renewed) gets its own reminder
    await set(renewing, 2.9);
    expect(await sendRenewalReminders(em, now)).toBe(1);
    expect(
      (await moneyEmailsOf(t, renewing)).filter(mail => mail.kind === 'RENEWAL_REMINDER'),
    ).toHaveLength(2);
  });

  it('a tip mails a receipt to the tipper and a notice to the creator, once however often it succeeds', async () => {
    const creator = randomUUID();
    const tip = await settledTip(t.app.em(), creator, 500);
    await createTipSettlement().tipSucceeded(t.app.em().fork(), tip.id, 'STRIPE', `pi_${tip.id}`);
    expect(await moneyEmailsOf(t, tip.fromUserId)).toEqual([
      expect.objectContaining({
        key: `TIP_RECEIPT:${tip.id}`,
        kind: 'TIP_RECEIPT',
        amountJpy: 500,
        counterpartId: creator,
      }),
    ]);
    const [received] = await moneyEmailsOf(t, creator);
    expect(await moneyEmailsOf(t, creator)).toHaveLength(1);
    expect(received).toMatchObject({
      key: `TIP_RECEIVED:${tip.id}`,
      amountJpy: 500,
      counterpartId: tip.fromUserId,
    });
    // the creator's share is available after the hold (7 days)
    expect(new Date(received.periodEnd!).getTime() - new Date(received.at).getTime()).toBe(
      7 * DAY_MS,
    );
  });

  it('a withdrawal mails requested, then paid; a failed payout mails failed, once', async () => {
    const creator = randomUUID();
    await settledTip(t.app.em(), creator, 5000, () => new Date(Date.now() - 8 * DAY_MS));
    const token = await tokenFor(creator, [Role.CREATOR]);
    const admin = await tokenFor(randomUUID(), [Role.ADMIN]);
    const { url } = (
      await graphql(t.app.url, 'mutation { connectPayoutAccount { url } }', {}, { token })
    ).data.connectPayoutAccount;
    await fetch(url.replace('http://localhost:4000', t.base), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'active' }),
    });
    const paidOut = async (amount: number) => {
      const { id } = (await graphql(t.app.url, REQUEST, { amount }, { token })).data
        .requestWithdrawal;
      await graphql(t.app.url, APPROVE, { id }, { token: admin });
      return eventually(async () => {
        const row = await t.app.em().findOneOrFail(Withdrawal, { id });
        return row.status === WithdrawalStatus.PAID ? row : null;
      });
    };
    const first = await paidOut(1000);
    const second = await paidOut(2000);
    const account = await t.app.em().findOneOrFail(PayoutAccount, { userId: creator });
    const order = {
      withdrawalId: second.id,
      creatorId: creator,
      amountJpy: 2000,
      providerAccountId: account.providerAccountId,
    };
    const failed = sandboxPayoutEvent('payout.failed', order, second.providerPayoutId!, new Date());
    const failedAgain = sandboxPayoutEvent(
      'payout.failed',
      order,
      second.providerPayoutId!,
      new Date(),
    );
    expect(
      await t.deliver([
        { provider: 'STRIPE', event: failed },
        { provider: 'STRIPE', event: failed },
        { provider: 'STRIPE', event: failedAgain },
      ]),
    ).toEqual([200, 200, 200]);
    const mails = (await moneyEmailsOf(t, creator)).filter(mail =>
      mail.kind.startsWith('WITHDRAWAL_'),
    );
    const told = (kind: string, withdrawal: Withdrawal) =>
      `${kind} ${withdrawal.id} ${withdrawal.amountJpy}`;
    expect(mails.map(mail => `${mail.kind} ${mail.referenceId} ${mail.amountJpy}`).sort()).toEqual(
      [
        told('WITHDRAWAL_REQUESTED', first),
        told('WITHDRAWAL_PAID', first),
        told('WITHDRAWAL_REQUESTED', second),
        told('WITHDRAWAL_PAID', second),
        told('WITHDRAWAL_FAILED', second),
      ].sort(),
    );
  });
});
