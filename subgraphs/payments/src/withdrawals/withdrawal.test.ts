import { randomUUID } from 'node:crypto';
import { AuditRecorded, type EventPayload, parseEmitted } from '@vp/contracts';
import { Role } from '@vp/kit';
import {
  errorCodes,
  eventually,
  graphql,
  type PeerEvents,
  startPeerEvents,
  startTestSubgraph,
  tokenFor,
  type TestSubgraph,
} from '@vp/kit/testing';
import { payments } from '../definition';
import { accounts } from '../ledger/accounts';
import { LedgerTransaction, LedgerTransactionKind } from '../ledger/ledger.entity';
import {
  accountBalances,
  EARNINGS,
  ledgerImbalance,
  movableClock,
  settledTip,
  userRef,
} from '../ledger/ledger.testing';
import { createTipSettlement } from '../ledger/tip-settlement';
import { PayoutAccount, PayoutAccountStatus } from '../payouts/payout-account.entity';
import { Withdrawal, WithdrawalStatus } from './withdrawal.entity';

const REQUEST =
  'mutation($amount: Int!) { requestWithdrawal(amountJpy: $amount) { id status amountJpy createdAt } }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status decidedAt } }';
const REJECT =
  'mutation($id: ID!, $reason: String!) { rejectWithdrawal(id: $id, reason: $reason) { id status rejectionReason } }';
const WITHDRAWALS = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  withdrawals(first: $first, after: $after) { edges { cursor node { id status amountJpy } } pageInfo { hasNextPage endCursor } }
} } }`;

describe('withdrawals', () => {
  let app: TestSubgraph;
  const time = movableClock();
  let adminToken: string;

  /** A creator with `availableJpy` of available earnings (a tip of 125% of it, past its hold). */
  async function creatorWithAvailable(availableJpy: number) {
    const creator = randomUUID();
    await settledTip(app.em(), creator, (availableJpy * 100) / 80, time.clock);
    time.passDays(7.01);
    await activePayoutAccount(creator);
    return { creator, token: await tokenFor(creator, [Role.CREATOR]) };
  }
  /** What onboarding at the provider leaves (src/payouts tests drive it for real). */
  async function activePayoutAccount(creator: string) {
    const em = app.em();
    em.create(PayoutAccount, {
      userId: creator,
      providerAccountId: `acct_test_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      status: PayoutAccountStatus.ACTIVE,
    });
    await em.flush();
  }
  const earnings = async (creator: string) => {
    const response = await graphql(app.url, EARNINGS, userRef(creator), { token: adminToken });
    expect(response.errors).toBeUndefined();
    return response.data._entities[0].earnings;
  };
  const request = (amount: unknown, token?: string) =>
    graphql(app.url, REQUEST, { amount }, { token });
  const withdrawalsOf = (creator: string) => app.em().find(Withdrawal, { creatorId: creator });

  beforeAll(async () => {
    app = await startTestSubgraph(payments, { clock: time.clock });
    adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
  });
  afterEach(async () => {
    const { total, unbalanced } = await ledgerImbalance(app.em());
    expect(total).toBe(0);
    expect(unbalanced).toEqual([]);
  });
  afterAll(() => app?.stop());

  it('holds the amount at once: available drops, the hold account grows, lifetime stays', async () => {
    const { creator, token } = await creatorWithAvailable(3200);
    expect(await earnings(creator)).toEqual({
      availableJpy: 3200,
      pendingJpy: 0,
      lifetimeJpy: 3200,
    });
    const response = await request(1500, token);
    expect(response.errors).toBeUndefined();
    expect(response.data.requestWithdrawal).toMatchObject({ status: 'PENDING', amountJpy: 1500 });
    expect(await earnings(creator)).toEqual({
      availableJpy: 1700,
      pendingJpy: 0,
      lifetimeJpy: 3200,
    });
    expect(await accountBalances(app.em(), [accounts.creatorWithdrawalHold(creator)])).toEqual({
      [accounts.creatorWithdrawalHold(creator)]: 1500,
    });
  });

  it.each([
    ['¥999', 999],
    ['more than is available', 3201],
    ['zero', 0],
    ['a negative amount', -1000],
  ])('refuses %s with BAD_USER_INPUT and holds nothing', async (_name, amount) => {
    const { creator, token } = await creatorWithAvailable(3200);
    const response = await request(amount, token);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems).toEqual([
      expect.objectContaining({ field: 'amountJpy' }),
    ]);
    expect(await withdrawalsOf(creator)).toEqual([]);
    expect(await earnings(creator)).toEqual({
      availableJpy: 3200,
      pendingJpy: 0,
      lifetimeJpy: 3200,
    });
  });

  it('refuses pending earnings, fractional amounts and signed-out viewers', async () => {
    const creator = randomUUID();
    await settledTip(app.em(), creator, 5000, time.clock); // ¥4,000 still on hold
    const token = await tokenFor(creator);
    expect(errorCodes(await request(1000, token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await request(1000.5, token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await request(1000))).toEqual(['UNAUTHENTICATED']);
    expect(await withdrawalsOf(creator)).toEqual([]);
  });

  it('never overdraws: of 10 parallel requests of ¥1,000 against ¥3,200, exactly 3 succeed', async () => {
    const { creator, token } = await creatorWithAvailable(3200);
    const responses = await Promise.all(Array.from({ length: 10 }, () => request(1000, token)));
    const succeeded = responses.filter(response => response.data?.requestWithdrawal);
    const refused = responses.filter(response => errorCodes(response)[0] === 'BAD_USER_INPUT');
    expect(succeeded).toHaveLength(3);
    expect(refused).toHaveLength(7);
    expect(await withdrawalsOf(creator)).toHaveLength(3);
    expect(await earnings(creator)).toEqual({
      availableJpy: 200,
      pendingJpy: 0,
      lifetimeJpy: 3200,
    });
    expect(await accountBalances(app.em(), [accounts.creatorWithdrawalHold(creator)])).toEqual({
      [accounts.creatorWithdrawalHold(creator)]: 3000,
    });
  });

  it('lets only an ADMIN approve; paying moves the hold to payouts:paid, once', async () => {
    const { creator, token } = await creatorWithAvailable(2000);
    const { id } = (await request(2000, token)).data.requestWithdrawal;
    const paidBefore = (await accountBalances(app.em(), [accounts.payoutsPaid]))[
      accounts.payoutsPaid
    ];

    expect(errorCodes(await graphql(app.url, APPROVE, { id }, { token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(app.url, APPROVE, { id }))).toEqual(['UNAUTHENTICATED']);
    expect((await app.em().findOneOrFail(Withdrawal, { id })).status).toBe(
      WithdrawalStatus.PENDING,
    );

    const approved = await graphql(app.url, APPROVE, { id }, { token: adminToken });
    expect(approved.errors).toBeUndefined();
    // the money is on its way; the provider's payout.paid makes it PAID (src/payouts tests)
    expect(approved.data.approveWithdrawal).toMatchObject({
      id,
      status: 'PROCESSING',
      decidedAt: expect.any(String),
    });
    const again = await graphql(app.url, APPROVE, { id }, { token: adminToken });
    expect(['PROCESSING', 'PAID']).toContain(again.data.approveWithdrawal.status);
    const reject = await graphql(
      app.url,
      REJECT,
      { id, reason: 'too late' },
      { token: adminToken },
    );
    expect(errorCodes(reject)).toEqual(['BAD_USER_INPUT']);

    expect(
      await accountBalances(app.em(), [
        accounts.creatorWithdrawalHold(creator),
        accounts.payoutsPaid,
      ]),
    ).toEqual({
      [accounts.creatorWithdrawalHold(creator)]: 0,
      [accounts.payoutsPaid]: paidBefore + 2000,
    });
    expect(
      await app
        .em()
        .count(LedgerTransaction, { reference: id, kind: LedgerTransactionKind.WITHDRAWAL_PAID }),
    ).toBe(1);
    expect(await earnings(creator)).toEqual({ availableJpy: 0, pendingJpy: 0, lifetimeJpy: 2000 });
  });

  it('records each decision in the audit log (AuditRecorded, from the admin and their address)', async () => {
    const peers: PeerEvents = await startPeerEvents(app.databaseUrl);
    const audited: EventPayload<typeof AuditRecorded>[] = [];
    await peers.onEvent(AuditRecorded, event => audited.push(event.payload));
    try {
      const { creator, token } = await creatorWithAvailable(1000);
      const { id } = (await request(1000, token)).data.requestWithdrawal;
      const approved = await graphql(
        app.url,
        APPROVE,
        { id },
        { token: adminToken, headers: { 'x-forwarded-for': '198.51.100.4' } },
      );
      expect(approved.errors).toBeUndefined();
      // the second, unchanged approval records nothing more
      await graphql(app.url, APPROVE, { id }, { token: adminToken });
      const entry = await eventually(() => audited.find(found => found.targetId === id), {
        what: 'the audit entry of the approval',
      });
      // AuditRecorded's producer contract test (the consumer's: users' moderation tests)
      expect(parseEmitted(AuditRecorded, entry)).toMatchObject({
        action: 'WITHDRAWAL_APPROVED',
        targetType: 'WITHDRAWAL',
        ip: '198.51.100.4',
        detail: { creatorId: creator, amountJpy: 1000, reason: null },
      });
      // (the payout that follows the approval records its own WITHDRAWAL_PAID_OUT, maybe by now)
      expect(
        audited.filter(found => found.targetId === id && found.action === 'WITHDRAWAL_APPROVED'),
      ).toHaveLength(1);
    } finally {
      await peers.stop();
    }
  });

  it('releases the hold back to available when an ADMIN rejects, with the reason kept', async () => {
    const { creator, token } = await creatorWithAvailable(2400);
    const { id } = (await request(2000, token)).data.requestWithdrawal;
    expect(errorCodes(await graphql(app.url, REJECT, { id, reason: 'no' }, { token }))).toEqual([
      'FORBIDDEN',
    ]);
    const [empty, blank] = [
      await graphql(app.url, REJECT, { id, reason: '' }, { token: adminToken }),
      await graphql(app.url, REJECT, { id, reason: ' \n ' }, { token: adminToken }),
    ];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'reason', message: 'Required.' }],
    });
    const rejected = await graphql(
      app.url,
      REJECT,
      { id, reason: 'Bank details missing' },
      { token: adminToken },
    );
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.rejectWithdrawal).toEqual({
      id,
      status: 'REJECTED',
      rejectionReason: 'Bank details missing',
    });
    await graphql(app.url, REJECT, { id, reason: 'again' }, { token: adminToken });
    expect(errorCodes(await graphql(app.url, APPROVE, { id }, { token: adminToken }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await earnings(creator)).toEqual({
      availableJpy: 2400,
      pendingJpy: 0,
      lifetimeJpy: 2400,
    });
    expect(await app.em().count(LedgerTransaction, { reference: id })).toBe(2);
  });

  it('answers NOT_FOUND for an unknown or malformed withdrawal id', async () => {
    for (const id of [randomUUID(), 'nope']) {
      expect(errorCodes(await graphql(app.url, APPROVE, { id }, { token: adminToken }))).toEqual([
        'NOT_FOUND',
      ]);
    }
  });

  it('drives the balance negative when a tip is refunded after its earnings were paid out, and reverses it once', async () => {
    const creator = randomUUID();
    const token = await tokenFor(creator, [Role.CREATOR]);
    const tip = await settledTip(app.em(), creator, 4000, time.clock); // ¥3,200 to the creator
    time.passDays(7.01);
    await activePayoutAccount(creator);
    const { id } = (await request(3000, token)).data.requestWithdrawal;
    await graphql(app.url, APPROVE, { id }, { token: adminToken });

    const settlement = createTipSettlement({ now: time.clock });
    await settlement.tipReversed(app.em(), tip.id, 'REFUND');
    await settlement.tipReversed(app.em(), tip.id, 'REFUND');
    await settlement.tipReversed(app.em(), tip.id, 'CHARGEBACK');
    expect(
      await app
        .em()
        .count(LedgerTransaction, { reference: tip.id, kind: LedgerTransactionKind.TIP_REVERSAL }),
    ).toBe(1);
    // ¥3,200 credited − ¥3,000 paid out − ¥3,200 reversed; lifetime nets the tip to nothing.
    expect(await earnings(creator)).toEqual({ availableJpy: -3000, pendingJpy: 0, lifetimeJpy: 0 });
    expect(errorCodes(await request(1000, token))).toEqual(['BAD_USER_INPUT']);

    // The next tip pays the debt back first.
    await settledTip(app.em(), creator, 5000, time.clock);
    time.passDays(7.01);
    expect(await earnings(creator)).toEqual({
      availableJpy: 1000,
      pendingJpy: 0,
      lifetimeJpy: 4000,
    });
  });

  it('lists the creator’s withdrawals newest first, page by page, to them and admins only', async () => {
    const { creator, token } = await creatorWithAvailable(4000);
    const ids: string[] = [];
    for (const amount of [1000, 1100, 1200]) {
      ids.push((await request(amount, token)).data.requestWithdrawal.id);
      time.passDays(0.001);
    }
    const first = await graphql(app.url, WITHDRAWALS, { ...userRef(creator), first: 2 }, { token });
    expect(first.errors).toBeUndefined();
    const page1 = first.data._entities[0].withdrawals;
    expect(page1.edges.map((edge: any) => edge.node.amountJpy)).toEqual([1200, 1100]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await graphql(
      app.url,
      WITHDRAWALS,
      { ...userRef(creator), first: 2, after: page1.pageInfo.endCursor },
      { token: adminToken },
    );
    const page2 = second.data._entities[0].withdrawals;
    expect(page2.edges.map((edge: any) => edge.node.id)).toEqual([ids[0]]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const stranger = await graphql(
      app.url,
      WITHDRAWALS,
      { ...userRef(creator), first: 2 },
      {
        token: await tokenFor(randomUUID(), [Role.CREATOR]),
      },
    );
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);
    expect(stranger.data._entities[0].withdrawals).toBeNull();
    const tooMany = await graphql(
      app.url,
      WITHDRAWALS,
      { ...userRef(creator), first: 101 },
      { token },
    );
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const forged = await graphql(
      app.url,
      WITHDRAWALS,
      { ...userRef(creator), first: 2, after: 'garbage' },
      { token },
    );
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
  });
});
