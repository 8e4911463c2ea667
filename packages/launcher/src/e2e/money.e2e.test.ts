import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { eventually } from '@vp/kit/testing';
import { sandboxPayoutEvent } from '@vp/payments/src/payouts/payouts.provider';
import { deliverToWebhooks } from '@vp/payments/src/providers/sandbox/sandbox-deliveries';
import { stripeEvent, stripeRefund } from '@vp/payments/src/providers/sandbox/stripe-events';
import { sandboxSettings } from '@vp/payments/src/providers/settings';
import { Client } from 'pg';
import { type Person, startTestPlatform, type TestPlatform } from '../testing/test-platform';

/**
 * Issue 20's money flows end to end on the sandbox, through the gateway only (the webhooks a
 * sandbox does not send by itself — a failed payout, a partial refund — are posted signed to the
 * gateway's /webhooks, as Stripe would): pay → receipt in the mailbox → cancel → confirmation, the
 * plan kept until the period end; tip → payout onboarding → withdrawal → admin approves → PAID →
 * balance and mails; a failed payout returns the money; a partial refund takes back its share.
 */
const settings = sandboxSettings();
const nowSeconds = () => Math.floor(Date.now() / 1000);
const jaDay = (iso: string) =>
  new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(
    new Date(iso),
  );

describe('money on the sandbox, through the gateway', () => {
  let platform: TestPlatform;
  let sql: Client;
  beforeAll(async () => {
    platform = await startTestPlatform({
      subgraphs: ['users', 'live', 'payments'],
      // earnings withdrawable at once, so the payout follows the tip without waiting a week
      config: {
        payments: { payments: settings, ledger: { platformFeePercent: 20, earningsHoldDays: 0 } },
      },
    });
    sql = new Client({ connectionString: platform.database.url });
    await sql.connect();
  }, 90_000);
  afterAll(async () => {
    await sql?.end();
    await platform?.stop();
  });

  /** The mails the users subgraph wrote to the local mailbox for one address, oldest first. */
  async function mailsTo(email: string) {
    const folder = join(platform.dataDir, 'mailbox');
    const files = (await readdir(folder).catch(() => [] as string[])).sort();
    const mails = await Promise.all(
      files.map(async file => JSON.parse(await readFile(join(folder, file), 'utf8'))),
    );
    return mails.filter(mail => mail.to === email) as { subject: string; text: string }[];
  }
  const mailMatching = (person: Person, subject: RegExp) =>
    eventually(async () => (await mailsTo(person.email)).find(mail => subject.test(mail.subject)), {
      what: `a mail ${subject} to ${person.email}`,
    });
  const query = async (text: string, variables: Record<string, unknown>, token?: string) => {
    const response = await platform.query(text, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  };
  const pay = async (url: string) => {
    const paid = await fetch(url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
      redirect: 'manual',
    });
    expect(paid.status).toBeLessThan(400);
  };
  const stripe = (...events: ReturnType<typeof stripeEvent>[]) =>
    deliverToWebhooks(
      platform.origin,
      settings,
      events.map(event => ({ provider: 'STRIPE' as const, event })),
    );

  it('pay → receipt mailed → cancel → confirmation mailed; the plan stays until the period end; invoices list the charge', async () => {
    const viewer = await platform.signUp({ name: 'payer' });
    const { plans } = await query('{ plans { id tier priceJpy } }', {});
    const premium = plans.find((plan: { tier: string }) => plan.tier === 'PREMIUM');
    const { startCheckout } = await query(
      'mutation ($planId: ID!) { startCheckout(planId: $planId) { url } }',
      { planId: premium.id },
      viewer.token,
    );
    await pay(startCheckout.url);

    const ME = `{ me { planTier subscription { status cancelAtPeriodEnd currentPeriodEnd }
      invoices(first: 20) { edges { node { id amountJpy status periodStart periodEnd paidAt } }
        pageInfo { hasNextPage } } } }`;
    const paid = await eventually(() => query(ME, {}, viewer.token), {
      until: data => data.me.invoices.edges.length === 1,
      what: 'the invoice',
    });
    const invoice = paid.me.invoices.edges[0].node;
    expect(invoice).toMatchObject({ amountJpy: 980, status: 'PAID' });
    expect(paid.me.invoices.pageInfo.hasNextPage).toBe(false);

    // signed up without Accept-Language: Japanese
    const receipt = await mailMatching(viewer, /領収書/);
    expect(receipt.subject).toContain('￥980');
    expect(receipt.text).toContain(
      `期間: ${jaDay(invoice.periodStart)} 〜 ${jaDay(invoice.periodEnd)}`,
    );
    expect(receipt.text).toContain(invoice.id);

    const { cancelSubscription } = await query(
      'mutation { cancelSubscription { status cancelAtPeriodEnd currentPeriodEnd } }',
      {},
      viewer.token,
    );
    expect(cancelSubscription).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: true });
    const confirmation = await mailMatching(viewer, /解約完了/);
    expect(confirmation.subject).toContain(jaDay(cancelSubscription.currentPeriodEnd));
    // the provider said it too (the sandbox's customer.subscription.updated): still one mail each
    await eventually(
      async () =>
        (
          await sql.query(
            `select count(*)::int as n from payments.provider_event
              where event_type = 'customer.subscription.updated' and outcome = 'APPLIED'`,
          )
        ).rows[0].n,
      { until: n => n >= 1, what: "the provider's update" },
    );
    const after = await query(ME, {}, viewer.token);
    expect(after.me.planTier).toBe('PREMIUM');
    expect(after.me.subscription).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: true });
    expect(new Date(after.me.subscription.currentPeriodEnd).getTime()).toBeGreaterThan(
      Date.now() + 25 * 24 * 3600_000,
    );
    const subjects = (await mailsTo(viewer.email)).map(mail => mail.subject);
    expect(subjects.filter(subject => /領収書|解約完了/.test(subject))).toHaveLength(2);
  });

  it('tip → payout onboarding → withdrawal → approved → PAID; a failed payout returns the money; a partial refund takes back its share', async () => {
    const creator = await platform.signUp({ name: 'creator' });
    const fan = await platform.signUp({ name: 'fan' });
    const admin = await platform.signUp({ name: 'admin' });
    const adminToken = await platform.grantRole(admin, Role.ADMIN);
    const { createLiveStream: stream } = await query(
      'mutation { createLiveStream(input: { title: "Money stream" }) { id } }',
      {},
      creator.token,
    );
    // payments learns of the stream from live's event (LiveStreamChanged)
    const tip = await eventually(
      async () =>
        (
          await platform.query(
            `mutation ($input: SendTipInput!) { sendTip(input: $input) { id status checkoutUrl } }`,
            { input: { targetId: stream.id, amountJpy: 5000, message: 'ありがとう' } },
            fan.token,
          )
        ).data?.sendTip,
      { what: 'the stream to be tippable' },
    );
    await pay(tip.checkoutUrl);
    const EARNINGS = `{ me { earnings { availableJpy pendingJpy lifetimeJpy }
      payoutAccount { status } withdrawals(first: 20) { edges { node { id status amountJpy } } }
      earningEntries(first: 20) { edges { node { kind amountJpy } } } } }`;
    await eventually(() => query(EARNINGS, {}, creator.token), {
      until: data => data.me.earnings.availableJpy === 4000,
      what: "the tip in the creator's balance",
    });
    const tipReceipt = await mailMatching(fan, /投げ銭/);
    expect(tipReceipt.subject).toContain(`@${creator.handle}`);
    expect(tipReceipt.subject).toContain('￥5,000');
    expect((await mailMatching(creator, /投げ銭が届きました/)).subject).toContain(`@${fan.handle}`);

    // payout onboarding on the sandbox page
    const { connectPayoutAccount } = await query(
      'mutation { connectPayoutAccount { url } }',
      {},
      creator.token,
    );
    const onboarded = await fetch(connectPayoutAccount.url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'active' }),
    });
    expect(onboarded.status).toBe(200);
    expect((await query(EARNINGS, {}, creator.token)).me.payoutAccount).toEqual({
      status: 'ACTIVE',
    });

    const withdraw = async (amountJpy: number) => {
      const { requestWithdrawal } = await query(
        'mutation ($a: Int!) { requestWithdrawal(amountJpy: $a) { id status } }',
        { a: amountJpy },
        creator.token,
      );
      const { withdrawals } = await query(
        '{ withdrawals(status: PENDING, first: 20) { edges { node { id amountJpy } } } }',
        {},
        adminToken,
      );
      expect(withdrawals.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
        id: requestWithdrawal.id,
        amountJpy,
      });
      await query(
        'mutation ($id: ID!) { approveWithdrawal(id: $id) { status } }',
        { id: requestWithdrawal.id },
        adminToken,
      );
      await eventually(() => query(EARNINGS, {}, creator.token), {
        until: data =>
          data.me.withdrawals.edges.some(
            (edge: { node: { id: string; status: string } }) =>
              edge.node.id === requestWithdrawal.id && edge.node.status === 'PAID',
          ),
        what: 'the withdrawal PAID',
      });
      return requestWithdrawal.id as string;
    };
    await withdraw(2000);
    expect((await query(EARNINGS, {}, creator.token)).me.earnings).toEqual({
      availableJpy: 2000,
      pendingJpy: 0,
      lifetimeJpy: 4000,
    });
    await mailMatching(creator, /出金申請/);
    expect((await mailMatching(creator, /出金完了/)).subject).toContain('￥2,000');

    // the bank returns the second payout: the money comes back, once
    const returned = await withdraw(1000);
    const { rows } = await sql.query(
      `select w.provider_payout_id, a.provider_account_id from payments.withdrawal w
         join payments.payout_account a on a.user_id = w.creator_id where w.id = $1`,
      [returned],
    );
    const order = {
      withdrawalId: returned,
      creatorId: creator.id,
      amountJpy: 1000,
      providerAccountId: rows[0].provider_account_id,
    };
    const failed = sandboxPayoutEvent(
      'payout.failed',
      order,
      rows[0].provider_payout_id,
      new Date(),
    );
    expect(await stripe(failed, failed)).toEqual([200, 200]);
    const afterFailure = await query(EARNINGS, {}, creator.token);
    expect(afterFailure.me.earnings.availableJpy).toBe(2000);
    expect(afterFailure.me.withdrawals.edges[0].node).toEqual({
      id: returned,
      status: 'FAILED',
      amountJpy: 1000,
    });
    expect((await mailMatching(creator, /出金失敗/)).text).toContain('出金可能残高に戻っています');

    // a partial refund of ¥1,000 of the ¥5,000 tip takes back the creator's share: ¥800
    const { rows: tipRows } = await sql.query(
      'select provider_ref from payments.tip where id = $1',
      [tip.id],
    );
    const refund = stripeEvent(
      'refund.created',
      stripeRefund({
        amountJpy: 1000,
        paymentIntent: tipRows[0].provider_ref,
        created: nowSeconds(),
      }),
      nowSeconds(),
    );
    expect(await stripe(refund, refund)).toEqual([200, 200]);
    const refunded = await query(EARNINGS, {}, creator.token);
    expect(refunded.me.earnings.availableJpy).toBe(1200);
    expect(refunded.me.earningEntries.edges[0].node).toEqual({
      kind: 'TIP_PARTIAL_REFUND',
      amountJpy: -800,
    });

    // every money mail once
    const creatorSubjects = (await mailsTo(creator.email)).map(mail => mail.subject);
    expect(creatorSubjects.filter(subject => /出金申請/.test(subject))).toHaveLength(2);
    expect(creatorSubjects.filter(subject => /出金完了/.test(subject))).toHaveLength(2);
    expect(creatorSubjects.filter(subject => /出金失敗/.test(subject))).toHaveLength(1);
    expect(creatorSubjects.filter(subject => /投げ銭が届きました/.test(subject))).toHaveLength(1);
  });
});
