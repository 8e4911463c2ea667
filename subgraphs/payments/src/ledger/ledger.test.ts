import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type EventPayload, parseEmitted, TipReceived } from '@vp/contracts';
import { Role } from '@vp/kit';
import {
  eventually,
  graphql,
  startTestSubgraph,
  type TestSubgraph,
  tokenFor,
} from '@vp/kit/testing';
import { payments } from '../definition';
import { Tip, TipStatus } from '../tips/tip.entity';
import { TipTargetKind } from '../content/tip-target.entity';
import { accounts } from './accounts';
import { LedgerEntry, LedgerTransaction, LedgerTransactionKind } from './ledger.entity';
import { DAY_MS, platformFeeOf, postTransaction } from './ledger.service';
import {
  accountBalances,
  EARNINGS,
  eventsSettled,
  joinMessageBus,
  ledgerImbalance,
  movableClock,
  userRef,
} from './ledger.testing';
import { createTipSettlement, tipSettlement } from './tip-settlement';

describe('the ledger and TipSettlement', () => {
  let app: TestSubgraph;
  const time = movableClock();
  let live: Awaited<ReturnType<typeof joinMessageBus>>;
  const received: EventPayload<typeof TipReceived>[] = [];

  const pendingTip = async (creatorId: string, amountJpy: number, em: EntityManager = app.em()) => {
    const tip = em.create(Tip, {
      fromUserId: randomUUID(),
      targetId: randomUUID(),
      targetKind: TipTargetKind.VIDEO,
      creatorId,
      amountJpy,
      message: 'おめでとう',
    });
    await em.flush();
    return tip;
  };
  const tipState = async (id: string) => (await app.em().findOneOrFail(Tip, { id })).status;
  const movements = (reference: string) =>
    app.em().find(LedgerTransaction, { reference }, { orderBy: { createdAt: 'asc', kind: 'asc' } });
  const earningsOf = async (creatorId: string) => {
    const response = await graphql(app.url, EARNINGS, userRef(creatorId), {
      token: await tokenFor(creatorId, [Role.CREATOR]),
    });
    expect(response.errors).toBeUndefined();
    return response.data._entities[0].earnings;
  };

  beforeAll(async () => {
    app = await startTestSubgraph(payments, { clock: time.clock });
    // The live chat's side: a consumer of TipReceived on the same database.
    live = await joinMessageBus(app.em(), 'live-test');
    await live.messaging.onEvent(TipReceived, async event => {
      received.push(event.payload);
    });
  });
  afterEach(async () => {
    // Whatever a scenario did, money is conserved: everything and every movement sums to zero.
    const { total, unbalanced } = await ledgerImbalance(app.em());
    expect(total).toBe(0);
    expect(unbalanced).toEqual([]);
  });
  afterAll(async () => {
    await live?.stop();
    await app?.stop();
  });

  it('credits 80% to the creator (pending for 7 days) and 20% to the platform, then makes it available', async () => {
    const creator = randomUUID();
    const tip = await pendingTip(creator, 1000);
    const before = Date.now();
    await tipSettlement.tipSucceeded(app.em(), tip.id, 'STRIPE', 'pi_123');
    expect(await tipState(tip.id)).toBe(TipStatus.SUCCEEDED);

    const entries = await app
      .em()
      .find(
        LedgerEntry,
        { transaction: { reference: tip.id, kind: LedgerTransactionKind.TIP_CREDIT } },
        { orderBy: { id: 'asc' } },
      );
    expect(entries.map(entry => [entry.account, entry.amountJpy])).toEqual([
      ['provider:STRIPE:clearing', -1000],
      ['platform:fees', 200],
      [`creator:${creator}:earnings`, 800],
    ]);
    const hold = entries[2].availableAt.getTime() - entries[2].createdAt.getTime();
    expect(hold).toBe(7 * DAY_MS);
    expect(entries[2].createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(entries[0].availableAt).toEqual(entries[0].createdAt);

    expect(await earningsOf(creator)).toEqual({
      availableJpy: 0,
      pendingJpy: 800,
      lifetimeJpy: 800,
    });
    time.passDays(6.9);
    expect(await earningsOf(creator)).toEqual({
      availableJpy: 0,
      pendingJpy: 800,
      lifetimeJpy: 800,
    });
    time.passDays(0.2);
    expect(await earningsOf(creator)).toEqual({
      availableJpy: 800,
      pendingJpy: 0,
      lifetimeJpy: 800,
    });

    await eventually(() => received.some(event => event.tipId === tip.id), { what: 'TipReceived' });
    // TipReceived's producer contract test (the live chat's side: live-chat.e2e.test.ts).
    expect(
      parseEmitted(
        TipReceived,
        received.find(event => event.tipId === tip.id),
      ),
    ).toEqual({
      tipId: tip.id,
      targetId: tip.targetId,
      targetKind: 'VIDEO',
      creatorId: creator,
      fromUserId: tip.fromUserId,
      amountJpy: 1000,
      message: 'おめでとう',
    });
  });

  it('credits once and announces once, however often and however concurrently success is reported', async () => {
    const creator = randomUUID();
    const tip = await pendingTip(creator, 5000);
    await Promise.all(
      Array.from({ length: 6 }, () =>
        tipSettlement.tipSucceeded(app.em(), tip.id, 'CCBILL', 'sub_1'),
      ),
    );
    await tipSettlement.tipSucceeded(app.em(), tip.id, 'CCBILL', 'sub_1');
    expect((await movements(tip.id)).map(move => move.kind)).toEqual([
      LedgerTransactionKind.TIP_CREDIT,
    ]);
    expect(
      await accountBalances(app.em(), [
        accounts.creatorEarnings(creator),
        'provider:CCBILL:clearing',
      ]),
    ).toEqual({
      [accounts.creatorEarnings(creator)]: 4000,
      'provider:CCBILL:clearing': expect.any(Number),
    });
    await eventually(() => received.some(event => event.tipId === tip.id), { what: 'TipReceived' });
    await eventually(() => eventsSettled(app.em(), 'live-test'), { what: 'every event delivered' });
    expect(received.filter(event => event.tipId === tip.id)).toHaveLength(1);
  });

  it('rounds the fee down, so the creator gets the odd yen', async () => {
    expect([100, 101, 104, 199, 50_000].map(amount => platformFeeOf(amount, 20))).toEqual([
      20, 20, 20, 39, 10_000,
    ]);
    const creator = randomUUID();
    const tip = await pendingTip(creator, 199);
    await tipSettlement.tipSucceeded(app.em(), tip.id, 'STRIPE', 'pi_199');
    expect(await accountBalances(app.em(), [accounts.creatorEarnings(creator)])).toEqual({
      [accounts.creatorEarnings(creator)]: 160,
    });
  });

  it('takes its fee and hold from the configuration', async () => {
    const creator = randomUUID();
    const tip = await pendingTip(creator, 1000);
    const settle = createTipSettlement({
      settings: { platformFeePercent: 15, earningsHoldDays: 0 },
    });
    await settle.tipSucceeded(app.em(), tip.id, 'STRIPE', 'pi_cfg');
    const entry = await app
      .em()
      .findOneOrFail(LedgerEntry, { account: accounts.creatorEarnings(creator) });
    expect(entry.amountJpy).toBe(850);
    expect(entry.availableAt).toEqual(entry.createdAt);
  });

  it('marks a declined tip FAILED with nothing credited, and a late decline undoes no success', async () => {
    const creator = randomUUID();
    const declined = await pendingTip(creator, 1000);
    await tipSettlement.tipFailed(app.em(), declined.id);
    await tipSettlement.tipFailed(app.em(), declined.id);
    expect(await tipState(declined.id)).toBe(TipStatus.FAILED);
    expect(await movements(declined.id)).toEqual([]);

    const paid = await pendingTip(creator, 1000);
    await tipSettlement.tipSucceeded(app.em(), paid.id, 'STRIPE', 'pi_ok');
    await tipSettlement.tipFailed(app.em(), paid.id);
    expect(await tipState(paid.id)).toBe(TipStatus.SUCCEEDED);

    // The viewer paid on a second attempt after a decline: the money arrived, so it counts.
    await tipSettlement.tipSucceeded(app.em(), declined.id, 'STRIPE', 'pi_retry');
    expect(await tipState(declined.id)).toBe(TipStatus.SUCCEEDED);
    expect(await accountBalances(app.em(), [accounts.creatorEarnings(creator)])).toEqual({
      [accounts.creatorEarnings(creator)]: 1600,
    });
  });

  it('reverses exactly what a tip credited, once, and nets a still-pending credit to zero', async () => {
    const creator = randomUUID();
    const tip = await pendingTip(creator, 3000);
    await tipSettlement.tipSucceeded(app.em(), tip.id, 'STRIPE', 'pi_rev');
    const feesBefore = (await accountBalances(app.em(), [accounts.platformFees]))[
      accounts.platformFees
    ];
    await tipSettlement.tipReversed(app.em(), tip.id, 'REFUND');
    await tipSettlement.tipReversed(app.em(), tip.id, 'CHARGEBACK');
    await Promise.all([1, 2, 3].map(() => tipSettlement.tipReversed(app.em(), tip.id, 'REFUND')));

    const stored = await app.em().findOneOrFail(Tip, { id: tip.id });
    expect([stored.status, stored.reversalReason]).toEqual([TipStatus.REVERSED, 'REFUND']);
    expect((await movements(tip.id)).map(move => move.kind)).toEqual([
      LedgerTransactionKind.TIP_CREDIT,
      LedgerTransactionKind.TIP_REVERSAL,
    ]);
    const reversal = await app
      .em()
      .find(
        LedgerEntry,
        { transaction: { reference: tip.id, kind: LedgerTransactionKind.TIP_REVERSAL } },
        { orderBy: { id: 'asc' } },
      );
    expect(reversal.map(entry => [entry.account, entry.amountJpy])).toEqual([
      ['provider:STRIPE:clearing', 3000],
      ['platform:fees', -600],
      [`creator:${creator}:earnings`, -2400],
    ]);
    expect((await accountBalances(app.em(), [accounts.platformFees]))[accounts.platformFees]).toBe(
      feesBefore - 600,
    );
    expect(await earningsOf(creator)).toEqual({ availableJpy: 0, pendingJpy: 0, lifetimeJpy: 0 });
    time.passDays(8);
    expect(await earningsOf(creator)).toEqual({ availableJpy: 0, pendingJpy: 0, lifetimeJpy: 0 });
  });

  it('credits nothing, ever, for a tip refunded before its success was reported', async () => {
    const creator = randomUUID();
    const tip = await pendingTip(creator, 2000);
    await tipSettlement.tipReversed(app.em(), tip.id, 'CHARGEBACK');
    await tipSettlement.tipSucceeded(app.em(), tip.id, 'STRIPE', 'pi_late');
    expect(await tipState(tip.id)).toBe(TipStatus.REVERSED);
    expect(await movements(tip.id)).toEqual([]);
  });

  it('ignores unknown or malformed tip ids: no tip changes, nothing is posted or announced', async () => {
    const creator = randomUUID();
    const pending = await pendingTip(creator, 1000);
    const stored = async () => ({
      tips: (await app.em().find(Tip, {}, { orderBy: { id: 'asc' } })).map(tip => [
        tip.id,
        tip.status,
      ]),
      transactions: await app.em().count(LedgerTransaction),
      entries: await app.em().count(LedgerEntry),
      outbox: await app.em().getConnection().execute(`select id from payments.outbox order by id`),
    });
    await eventually(() => eventsSettled(app.em(), 'live-test'), {
      what: 'earlier events delivered',
    });
    const announced = received.length;
    const before = await stored();

    for (const id of [randomUUID(), 'not-a-uuid', '']) {
      await tipSettlement.tipSucceeded(app.em(), id, 'STRIPE', 'pi_x');
      await tipSettlement.tipReversed(app.em(), id, 'REFUND');
      await tipSettlement.tipFailed(app.em(), id);
    }

    expect(await stored()).toEqual(before);
    expect(await tipState(pending.id)).toBe(TipStatus.PENDING);
    expect(await accountBalances(app.em(), [accounts.creatorEarnings(creator)])).toEqual({
      [accounts.creatorEarnings(creator)]: 0,
    });
    expect(received).toHaveLength(announced);
  });

  it('joins the caller’s transaction: a webhook that rolls back leaves no credit behind', async () => {
    const creator = randomUUID();
    const tip = await pendingTip(creator, 1000);
    await expect(
      app.em().transactional(async em => {
        await tipSettlement.tipSucceeded(em, tip.id, 'STRIPE', 'pi_rollback');
        throw new Error('the webhook failed after settling');
      }),
    ).rejects.toThrow('the webhook failed');
    expect(await tipState(tip.id)).toBe(TipStatus.PENDING);
    expect(await movements(tip.id)).toEqual([]);
  });

  it('refuses an unbalanced or fractional movement in code', () => {
    const em = app.em();
    const at = new Date();
    expect(() =>
      postTransaction(
        em,
        LedgerTransactionKind.TIP_CREDIT,
        randomUUID(),
        [
          { account: 'a', amountJpy: -100 },
          { account: 'b', amountJpy: 99 },
        ],
        at,
      ),
    ).toThrow('must balance');
    expect(() =>
      postTransaction(
        em,
        LedgerTransactionKind.TIP_CREDIT,
        randomUUID(),
        [
          { account: 'a', amountJpy: -0.5 },
          { account: 'b', amountJpy: 0.5 },
        ],
        at,
      ),
    ).toThrow('whole number');
  });

  it('has the database refuse an unbalanced movement, a second credit of a tip, and any edit or deletion', async () => {
    const em = app.em();
    const transactionId = randomUUID();
    await expect(
      em.transactional(async tx => {
        await tx.execute(
          `insert into "payments"."ledger_transaction" ("id", "kind", "reference", "created_at") values (?, 'TIP_CREDIT', ?, now())`,
          [transactionId, randomUUID()],
        );
        await tx.execute(
          `insert into "payments"."ledger_entry" ("transaction_id", "account", "amount_jpy", "created_at", "available_at")
           values (?, 'platform:fees', 100, now(), now()), (?, 'provider:STRIPE:clearing', -99, now(), now())`,
          [transactionId, transactionId],
        );
      }),
    ).rejects.toThrow('does not balance');

    const creator = randomUUID();
    const tip = await pendingTip(creator, 1000);
    await tipSettlement.tipSucceeded(app.em(), tip.id, 'STRIPE', 'pi_db');
    await expect(
      em.execute(
        `insert into "payments"."ledger_transaction" ("id", "kind", "reference", "created_at") values (?, 'TIP_CREDIT', ?, now())`,
        [randomUUID(), tip.id],
      ),
    ).rejects.toThrow('ledger_transaction_kind_reference_unique');
    await expect(
      em.execute(
        `update "payments"."ledger_entry" set "amount_jpy" = "amount_jpy" * 2 where "account" = ?`,
        [accounts.creatorEarnings(creator)],
      ),
    ).rejects.toThrow('append only');
    await expect(em.execute(`delete from "payments"."ledger_entry"`)).rejects.toThrow(
      'append only',
    );
    await expect(em.execute(`delete from "payments"."ledger_transaction"`)).rejects.toThrow(
      'append only',
    );
  });
});
