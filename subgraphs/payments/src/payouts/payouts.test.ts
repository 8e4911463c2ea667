import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { errorCodes, eventually, graphql, tokenFor } from '@vp/kit/testing';
import { accounts } from '../ledger/accounts';
import { LedgerTransaction, LedgerTransactionKind } from '../ledger/ledger.entity';
import { accountBalances, ledgerImbalance, settledTip } from '../ledger/ledger.testing';
import {
  type Recorder,
  startRecorder,
  stripeAnswer,
  stripeRefusal,
} from '../providers/recorders.testing';
import { deliverToWebhooks } from '../providers/sandbox/sandbox-deliveries';
import { parseIpAllowList } from '../webhooks/ip-allow-list';
import { type PaymentsTest, startPaymentsTest } from '../webhooks/payments.testing';
import { Withdrawal, WithdrawalStatus } from '../withdrawals/withdrawal.entity';
import { PayoutAccount } from './payout-account.entity';
import { sandboxAccountEvent, sandboxPayoutEvent } from './payouts.provider';

const DAY_MS = 24 * 3600_000;
const CONNECT = 'mutation { connectPayoutAccount { url } }';
const ACCOUNT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  payoutAccount { status } earnings { availableJpy lifetimeJpy } } } }`;
const REQUEST = 'mutation($amount: Int!) { requestWithdrawal(amountJpy: $amount) { id status } }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';
const QUEUE = `query($status: WithdrawalStatus!) { withdrawals(status: $status, first: 20) {
  edges { node { id status amountJpy } } } }`;

/** A creator with ¥`earned` of tips already past the hold (tips settled 8 days ago). */
async function creatorWith(t: PaymentsTest, earned: number) {
  const creator = randomUUID();
  await settledTip(t.app.em(), creator, earned, () => new Date(Date.now() - 8 * DAY_MS));
  return { creator, token: await tokenFor(creator, [Role.CREATOR]) };
}

const me = async (t: PaymentsTest, userId: string, token: string) =>
  (await graphql(t.app.url, ACCOUNT, { r: [{ __typename: 'User', id: userId }] }, { token })).data
    ._entities[0];

describe('payouts on the sandbox: onboarding, withdrawal, approval, payout.paid / payout.failed', () => {
  let t: PaymentsTest;
  let adminToken: string;
  beforeAll(async () => {
    t = await startPaymentsTest();
    adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
  });
  afterAll(() => t?.stop());

  async function onboarded(earned: number) {
    const { creator, token } = await creatorWith(t, earned);
    const { url } = (await graphql(t.app.url, CONNECT, {}, { token })).data.connectPayoutAccount;
    const done = await fetch(url.replace('http://localhost:4000', t.base), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'active' }),
    });
    expect(done.status).toBe(200);
    return { creator, token };
  }

  it('onboarding makes one account, PENDING until the provider says ACTIVE; an older update changes nothing', async () => {
    const { creator, token } = await creatorWith(t, 5000);
    const first = await graphql(t.app.url, CONNECT, {}, { token });
    const again = await graphql(t.app.url, CONNECT, {}, { token });
    expect(first.data.connectPayoutAccount.url).toMatch(
      /^http:\/\/localhost:4000\/payouts\/onboarding\/acct_test_[0-9a-f]{24}$/,
    );
    expect(again.data.connectPayoutAccount.url).toBe(first.data.connectPayoutAccount.url);
    expect(await t.app.em().count(PayoutAccount, { userId: creator })).toBe(1);
    expect((await me(t, creator, token)).payoutAccount).toEqual({ status: 'PENDING' });

    // without an ACTIVE account a withdrawal is refused and nothing is held
    expect(errorCodes(await graphql(t.app.url, REQUEST, { amount: 1000 }, { token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      (await accountBalances(t.app.em(), [accounts.creatorWithdrawalHold(creator)]))[
        accounts.creatorWithdrawalHold(creator)
      ],
    ).toBe(0);

    const page = first.data.connectPayoutAccount.url.replace('http://localhost:4000', t.base);
    expect((await fetch(page)).status).toBe(200);
    await fetch(page, { method: 'POST', body: new URLSearchParams({ outcome: 'active' }) });
    expect((await me(t, creator, token)).payoutAccount).toEqual({ status: 'ACTIVE' });

    const account = await t.app.em().findOneOrFail(PayoutAccount, { userId: creator });
    const stale = sandboxAccountEvent(
      account.providerAccountId,
      creator,
      { payoutsEnabled: false, detailsSubmitted: true, disabledReason: 'requirements.past_due' },
      new Date(Date.now() - 3600_000),
    );
    expect(await t.deliver([{ provider: 'STRIPE', event: stale }])).toEqual([200]);
    expect((await me(t, creator, token)).payoutAccount).toEqual({ status: 'ACTIVE' });

    // others may not read it
    const stranger = await tokenFor(randomUUID());
    expect(
      errorCodes(
        await graphql(
          t.app.url,
          ACCOUNT,
          { r: [{ __typename: 'User', id: creator }] },
          { token: stranger },
        ),
      ),
    ).toContain('FORBIDDEN');
  });

  it('the admin queue lists requests; approving sends the money once, and payout.paid makes it PAID', async () => {
    const { creator, token } = await onboarded(3000);
    const { id } = (await graphql(t.app.url, REQUEST, { amount: 2000 }, { token })).data
      .requestWithdrawal;

    expect(errorCodes(await graphql(t.app.url, QUEUE, { status: 'PENDING' }, { token }))).toEqual([
      'FORBIDDEN',
    ]);
    const queue = await graphql(t.app.url, QUEUE, { status: 'PENDING' }, { token: adminToken });
    expect(
      queue.data.withdrawals.edges.map((edge: { node: { id: string } }) => edge.node),
    ).toContainEqual({ id, status: 'PENDING', amountJpy: 2000 });

    // five admins at once: one payout
    const approvals = await Promise.all(
      Array.from({ length: 5 }, () => graphql(t.app.url, APPROVE, { id }, { token: adminToken })),
    );
    expect(approvals.map(response => response.errors)).toEqual(Array(5).fill(undefined));
    // PROCESSING, or PAID for an approval that came after the sandbox's payout.paid webhook
    for (const response of approvals) {
      expect(['PROCESSING', 'PAID']).toContain(response.data.approveWithdrawal.status);
    }
    const withdrawal = await eventually(async () => {
      const row = await t.app.em().findOneOrFail(Withdrawal, { id });
      return row.status === WithdrawalStatus.PAID ? row : null;
    });
    expect(withdrawal.providerPayoutId).toMatch(/^po_test_/);
    expect(
      await t.app.em().count(LedgerTransaction, {
        reference: id,
        kind: LedgerTransactionKind.WITHDRAWAL_PAID,
      }),
    ).toBe(1);
    expect(
      (await graphql(t.app.url, APPROVE, { id }, { token: adminToken })).data.approveWithdrawal,
    ).toEqual({ id, status: 'PAID' });
    expect((await me(t, creator, token)).earnings).toEqual({
      availableJpy: 400,
      lifetimeJpy: 2400,
    });
  });

  it('concurrent approvals of many requests never pay out more than was available', async () => {
    const { creator, token } = await onboarded(5000); // ¥4,000 for the creator after the fee
    const requests = await Promise.all(
      Array.from({ length: 8 }, () => graphql(t.app.url, REQUEST, { amount: 1000 }, { token })),
    );
    const ids = requests
      .filter(response => response.data?.requestWithdrawal)
      .map(response => response.data.requestWithdrawal.id as string);
    expect(ids).toHaveLength(4);
    await Promise.all(
      ids.flatMap(id => [
        graphql(t.app.url, APPROVE, { id }, { token: adminToken }),
        graphql(t.app.url, APPROVE, { id }, { token: adminToken }),
      ]),
    );
    const rows = await t.app.em().find(Withdrawal, { creatorId: creator });
    expect(rows.filter(row => row.status !== WithdrawalStatus.PENDING)).toHaveLength(4);
    const [{ paid }] = await t.app.em().execute<{ paid: string }[]>(
      `select coalesce(sum(e.amount_jpy), 0) as paid from payments.ledger_entry e
           join payments.ledger_transaction x on x.id = e.transaction_id
          where x.kind = 'WITHDRAWAL_PAID' and x.reference in (?) and e.account = 'payouts:paid'`,
      [ids],
    );
    expect(Number(paid)).toBe(4000);
    expect((await me(t, creator, token)).earnings.availableJpy).toBe(0);
  });

  it('a failed payout returns the amount to the available balance once', async () => {
    const { creator, token } = await onboarded(2000); // ¥1,600 for the creator
    const { id } = (await graphql(t.app.url, REQUEST, { amount: 1500 }, { token })).data
      .requestWithdrawal;
    await graphql(t.app.url, APPROVE, { id }, { token: adminToken });
    const sent = await eventually(async () => {
      const row = await t.app.em().findOneOrFail(Withdrawal, { id });
      return row.status === WithdrawalStatus.PAID ? row : null;
    });
    expect((await me(t, creator, token)).earnings.availableJpy).toBe(100);
    const account = await t.app.em().findOneOrFail(PayoutAccount, { userId: creator });
    const order = {
      withdrawalId: id,
      creatorId: creator,
      amountJpy: 1500,
      providerAccountId: account.providerAccountId,
    };
    // the bank returns it after it was paid; the provider tells twice (two events)
    const failed = sandboxPayoutEvent('payout.failed', order, sent.providerPayoutId!, new Date());
    const failedAgain = sandboxPayoutEvent(
      'payout.failed',
      order,
      sent.providerPayoutId!,
      new Date(),
    );
    expect(
      await t.deliver([
        { provider: 'STRIPE', event: failed },
        { provider: 'STRIPE', event: failedAgain },
      ]),
    ).toEqual([200, 200]);
    expect((await t.app.em().findOneOrFail(Withdrawal, { id })).status).toBe(
      WithdrawalStatus.FAILED,
    );
    expect((await me(t, creator, token)).earnings).toEqual({
      availableJpy: 1600,
      lifetimeJpy: 1600,
    });
    expect(
      await t.app.em().count(LedgerTransaction, {
        reference: id,
        kind: LedgerTransactionKind.WITHDRAWAL_RETURNED,
      }),
    ).toBe(1);
    // a late payout.paid does not undo the failure
    const latePaid = sandboxPayoutEvent('payout.paid', order, sent.providerPayoutId!, new Date());
    expect(await t.deliver([{ provider: 'STRIPE', event: latePaid }])).toEqual([200]);
    expect((await t.app.em().findOneOrFail(Withdrawal, { id })).status).toBe(
      WithdrawalStatus.FAILED,
    );
    expect((await ledgerImbalance(t.app.em())).unbalanced).toEqual([]);
  });
});

describe('payouts against Stripe Connect (local recording server)', () => {
  let t: PaymentsTest;
  let stripe: Recorder;
  let adminToken: string;
  beforeAll(async () => {
    stripe = await startRecorder(stripeAnswer);
    t = await startPaymentsTest({
      mode: 'live',
      stripe: {
        secretKey: 'sk_test_recorded',
        webhookSecret: 'whsec_recorded_payouts',
        connectWebhookSecret: 'whsec_recorded_connect',
        api: { host: '127.0.0.1', port: stripe.port, protocol: 'http' },
      },
      ccbill: {
        account: '900100',
        subaccount: '0001',
        flexFormId: 'form',
        salt: 'salt',
        webhookToken: 'token',
        allowedIps: parseIpAllowList('64.38.212.1', { loopback: false }),
        datalink: { username: 'u', password: 'p', url: 'http://127.0.0.1:1' },
      },
    });
    adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
  });
  afterAll(async () => {
    await t?.stop();
    await stripe?.stop();
  });

  it('creates an Express account and an onboarding link; approval makes a transfer and a payout with idempotency keys; a refusal changes nothing', async () => {
    const { creator, token } = await creatorWith(t, 5000);
    const connect = await graphql(t.app.url, CONNECT, {}, { token });
    expect(connect.data.connectPayoutAccount.url).toBe(
      'https://connect.stripe.com/setup/e/acct_recorded/x',
    );
    const [create, link] = stripe.requests.splice(0);
    expect([create.path, create.headers['idempotency-key']]).toEqual([
      '/v1/accounts',
      `vp-payout-account-${creator}`,
    ]);
    expect(Object.fromEntries(create.params)).toMatchObject({
      type: 'express',
      country: 'JP',
      'capabilities[transfers][requested]': 'true',
      'metadata[userId]': creator,
    });
    expect(Object.fromEntries(link.params)).toMatchObject({
      account: 'acct_recorded',
      type: 'account_onboarding',
      return_url: expect.stringMatching(/\/payouts\/return$/),
    });
    // the page Stripe sends the creator back to exists, on payments, in live mode too
    const back = await fetch(`${t.base}/payouts/return`);
    expect([back.status, await back.text()]).toEqual([
      200,
      expect.stringContaining('go back to the studio'),
    ]);

    // account events come through the Connect endpoint, signed with its own secret
    const activated = sandboxAccountEvent(
      'acct_recorded',
      creator,
      { payoutsEnabled: true, detailsSubmitted: true },
      new Date(),
    );
    const signedWith = (webhookSecret: string) => ({
      ...t.settings,
      stripe: { ...t.settings.stripe, webhookSecret },
    });
    expect(
      await deliverToWebhooks(t.base, signedWith('whsec_someone_else'), [
        { provider: 'STRIPE', event: activated },
      ]),
    ).toEqual([400]);
    expect(
      await deliverToWebhooks(t.base, signedWith('whsec_recorded_connect'), [
        { provider: 'STRIPE', event: activated },
      ]),
    ).toEqual([200]);
    const { id } = (await graphql(t.app.url, REQUEST, { amount: 2000 }, { token })).data
      .requestWithdrawal;

    stripe.answerWith(stripeRefusal);
    const refused = await graphql(t.app.url, APPROVE, { id }, { token: adminToken });
    expect(refused.errors?.[0].extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      provider: 'STRIPE',
      providerCode: 'resource_missing',
    });
    expect((await t.app.em().findOneOrFail(Withdrawal, { id })).status).toBe(
      WithdrawalStatus.PENDING,
    );
    expect(
      await t.app
        .em()
        .count(LedgerTransaction, { reference: id, kind: LedgerTransactionKind.WITHDRAWAL_PAID }),
    ).toBe(0);
    stripe.reset();

    const approved = await graphql(t.app.url, APPROVE, { id }, { token: adminToken });
    expect(approved.data.approveWithdrawal.status).toBe('PROCESSING');
    const [transfer, payout] = stripe.requests.splice(0);
    expect([transfer.path, transfer.headers['idempotency-key']]).toEqual([
      '/v1/transfers',
      `vp-transfer-${id}`,
    ]);
    expect(Object.fromEntries(transfer.params)).toMatchObject({
      amount: '2000',
      currency: 'jpy',
      destination: 'acct_recorded',
      transfer_group: id,
    });
    expect([
      payout.path,
      payout.headers['idempotency-key'],
      payout.headers['stripe-account'],
    ]).toEqual(['/v1/payouts', `vp-payout-${id}`, 'acct_recorded']);
    expect(payout.params.get('amount')).toBe('2000');

    // failed at the bank: the transfer is reversed, once
    const order = {
      withdrawalId: id,
      creatorId: creator,
      amountJpy: 2000,
      providerAccountId: 'acct_recorded',
    };
    await t.deliver([
      {
        provider: 'STRIPE',
        event: sandboxPayoutEvent('payout.failed', order, 'po_recorded', new Date()),
      },
    ]);
    const [reversal] = stripe.requests.splice(0);
    expect([reversal.path, reversal.headers['idempotency-key']]).toEqual([
      '/v1/transfers/tr_recorded/reversals',
      `vp-transfer-reversal-${id}`,
    ]);
    expect((await t.app.em().findOneOrFail(Withdrawal, { id })).status).toBe(
      WithdrawalStatus.FAILED,
    );
    expect((await me(t, creator, token)).earnings.availableJpy).toBe(4000);
  });
});
