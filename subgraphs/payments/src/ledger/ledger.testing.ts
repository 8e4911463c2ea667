/**
 * Fixtures shared by the money tests (tips, ledger, earnings, withdrawals). Not a test file: jest
 * only runs `*.test.ts`.
 */
import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, createLogger, InboxEntry, Messaging, openDatabase } from '@vp/kit';
import { type CheckoutPurpose, type StartCheckout } from '../contracts';
import { TipTarget, TipTargetKind } from '../content/tip-target.entity';
import { Tip } from '../tips/tip.entity';
import { DAY_MS } from './ledger.service';
import { createTipSettlement } from './tip-settlement';

export const SEND_TIP = `mutation($input: SendTipInput!) {
  sendTip(input: $input) { id status checkoutUrl amountJpy message createdAt } }`;

export const EARNINGS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  id earnings { availableJpy pendingJpy lifetimeJpy } } } }`;

export const userRef = (...ids: string[]) => ({ r: ids.map(id => ({ __typename: 'User', id })) });

/** A StartCheckout that records what it was asked and answers like the real one would. */
export function recordingCheckout() {
  const calls: CheckoutPurpose[] = [];
  const startCheckout: StartCheckout = async (_em, purpose) => {
    calls.push(purpose);
    const adult = purpose.kind === 'tip' && purpose.adult;
    const ref = `${adult ? 'ccb' : 'cs'}_test_${calls.length}`;
    return {
      url: `http://localhost:4000/checkout/sandbox/${ref}`,
      provider: adult ? 'CCBILL' : 'STRIPE',
      providerRef: ref,
    };
  };
  return { startCheckout, calls };
}

/** "Now" as the subgraph sees it; tests move it past the earnings hold. */
export function movableClock() {
  let offsetMs = 0;
  return {
    clock: () => new Date(Date.now() + offsetMs),
    passDays(days: number) {
      offsetMs += days * DAY_MS;
    },
  };
}

export async function addTipTarget(
  em: EntityManager,
  target: Partial<Pick<TipTarget, 'ownerId' | 'audience' | 'kind' | 'deleted' | 'visibility'>> = {},
): Promise<TipTarget> {
  const row = em.create(TipTarget, {
    id: randomUUID(),
    kind: TipTargetKind.VIDEO,
    ownerId: randomUUID(),
    audience: Audience.GENERAL,
    visibility: 'PUBLIC',
    version: new Date(),
    ...target,
  });
  await em.flush();
  return row;
}

/** A tip paid and settled through the ledger, as the provider's webhook would leave it. */
export async function settledTip(
  em: EntityManager,
  creatorId: string,
  amountJpy: number,
  now: () => Date = () => new Date(),
) {
  const tip = em.create(Tip, {
    fromUserId: randomUUID(),
    targetId: randomUUID(),
    targetKind: TipTargetKind.VIDEO,
    creatorId,
    amountJpy,
  });
  await em.flush();
  await createTipSettlement({ now }).tipSucceeded(em.fork(), tip.id, 'STRIPE', `pi_${tip.id}`);
  return tip;
}

/** The sum of every entry and the transactions whose entries do not sum to zero. */
export async function ledgerImbalance(em: EntityManager) {
  const [{ total, entries }] = await em.execute<{ total: string; entries: string }[]>(
    'select coalesce(sum("amount_jpy"), 0) as "total", count(*) as "entries" from "payments"."ledger_entry"',
  );
  const unbalanced = await em.execute<{ transaction_id: string; sum: string }[]>(
    `select "transaction_id", sum("amount_jpy") as "sum" from "payments"."ledger_entry"
     group by "transaction_id" having sum("amount_jpy") <> 0`,
  );
  return { total: Number(total), entries: Number(entries), unbalanced };
}

/** Balances of accounts, straight from the ledger. */
export async function accountBalances(em: EntityManager, accountNames: string[]) {
  const rows = await em.execute<{ account: string; balance: string }[]>(
    `select "account", sum("amount_jpy") as "balance" from "payments"."ledger_entry"
     where "account" in (?) group by "account"`,
    [accountNames],
  );
  return Object.fromEntries(
    accountNames.map(name => [name, Number(rows.find(row => row.account === name)?.balance ?? 0)]),
  );
}

/**
 * Another service on the test subgraph's message bus (the live chat consuming TipReceived, the
 * videos subgraph publishing its events): a Messaging of its own on the same database.
 */
/**
 * True once payments' outbox is relayed and `consumer` has nothing left to handle: after that, an
 * event that has not arrived was never sent.
 */
export async function eventsSettled(em: EntityManager, consumer: string): Promise<boolean> {
  const connection = em.getConnection();
  const [outbox] = await connection.execute(`select count(*)::int as n from payments.outbox`);
  const [pending] = await connection.execute(
    `select count(*)::int as n from pgboss.job where name like ? and state in ('created', 'active', 'retry')`,
    [`${consumer}.%`],
  );
  return outbox.n === 0 && pending.n === 0;
}

export async function joinMessageBus(em: EntityManager, consumer: string) {
  const databaseUrl = em.config.get('clientUrl')!;
  const orm = await openDatabase({
    schema: 'payments',
    databaseUrl,
    entities: [InboxEntry],
    migrations: [],
    migrate: false,
  });
  const messaging = await Messaging.start({
    consumer,
    databaseUrl,
    orm,
    log: createLogger(consumer, 'warn'),
  });
  return {
    messaging,
    async stop() {
      await messaging.stop();
      await orm.close();
    },
  };
}
