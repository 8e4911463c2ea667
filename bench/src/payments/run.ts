import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MoneyEmailDue } from '@vp/contracts';
import { createLogger, InboxEntry, Messaging, openDatabase } from '@vp/kit';
import { graphql } from '@vp/kit/testing';
import { PLATFORM_NODE_FLAGS } from '@vp/launcher/node-flags';
import { Pool } from 'pg';
import { table } from '../report';

/**
 * bench/payments:
 *  (a) `User.earnings` for a creator with 100,000 ledger entries, asked through the payments
 *      subgraph (`_entities`, as the gateway asks for `me { earnings }`) 500 times in a row; p50 and
 *      p99, against the same SQL statements run straight on PostgreSQL (the baseline ratio).
 *  (b) Stripe webhook intake: 2,000 signed `checkout.session.completed` deliveries for 1,600 tips
 *      (20% are re-deliveries of an event already sent) posted concurrently to POST /webhooks/stripe;
 *      events/s and p99, then a check that every tip was credited exactly once.
 *
 *  (c) the new events: a partial `refund.created` for each of those tips (20% re-delivered),
 *      deliveries/s and p99 beside (b)'s, and a check that each refund moved money once.
 *  (d) the payout flow on the sandbox for PAYOUT_CREATORS creators: connectPayoutAccount,
 *      onboarding → ACTIVE, requestWithdrawal, approveWithdrawal (transfer + payout) and the time
 *      until payout.paid makes it PAID; p50/p99 per step beside requestWithdrawal's.
 *  (e) the money emails' events: subscription `invoice.paid` intake (each records an invoice and
 *      asks for a receipt, MoneyEmailDue, through the outbox), 20% re-delivered, deliveries/s and
 *      p99 beside (b)'s; and for (b), (d) and (e) a count of the MoneyEmailDue events asked for
 *      (read by a stand-in consumer, as users would) against one per movement, with how long the
 *      outbox took to drain after the intake.
 *
 *   npm run bench:payments -w @vp/bench     (REQUESTS=500 EVENTS=2000 CONCURRENCY=50 PAYOUT_CREATORS=30)
 */
const REQUESTS = Number(process.env.REQUESTS ?? 500);
const ENTRIES = Number(process.env.ENTRIES ?? 100_000);
const EVENTS = Number(process.env.EVENTS ?? 2000);
const DUPLICATE_SHARE = 0.2;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const PAYOUT_CREATORS = Number(process.env.PAYOUT_CREATORS ?? 30);
const WEBHOOK_SECRET = `whsec_bench_${randomBytes(16).toString('hex')}`;

const EARNINGS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  earnings { availableJpy pendingJpy lifetimeJpy } } } }`;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1)! };
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

function startChild(
  creatorId: string,
): Promise<{ child: ChildProcess; url: string; databaseUrl: string; token: string }> {
  const child = fork(join(__dirname, 'child.ts'), [], {
    execArgv: [...PLATFORM_NODE_FLAGS, '-r', '@swc-node/register'],
    env: {
      ...process.env,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
      PAYMENTS_PROVIDER: 'sandbox',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', value =>
      resolve({ child, ...(value as { url: string; databaseUrl: string; token: string }) }),
    );
    child.once('exit', code => reject(new Error(`the payments subgraph exited with ${code}`)));
    child.send({ command: 'start', creatorId });
  });
}

/** One INSERT … SELECT generate_series: `count` tips, each a balanced pair of entries. */
async function seedLedger(pool: Pool, creatorId: string, count: number) {
  await pool.query(
    `with tx as (
       insert into "payments"."ledger_transaction" ("id", "kind", "reference", "created_at")
       select gen_random_uuid(), 'TIP_CREDIT', gen_random_uuid(), now() - make_interval(mins => g * 3)
       from generate_series(1, $2::int) g
       returning "id", "created_at"
     )
     insert into "payments"."ledger_entry" ("transaction_id", "account", "amount_jpy", "created_at", "available_at")
     select tx."id", side."account", side."sign" * (80 + (extract(epoch from tx."created_at")::bigint % 400))::int,
            tx."created_at", case when side."sign" = 1 then tx."created_at" + interval '7 days' else tx."created_at" end
     from tx cross join (values ('creator:' || $1 || ':earnings', 1), ('provider:STRIPE:clearing', -1)) as side("account", "sign")`,
    [creatorId, count],
  );
  // What autovacuum does to a busy table anyway; it lets the balance come from the index alone.
  await pool.query('vacuum analyze "payments"."ledger_entry"');
}

async function earningsBench(url: string, pool: Pool, creatorId: string, token: string) {
  const variables = { r: [{ __typename: 'User', id: creatorId }] };
  const ask = () => graphql(url, EARNINGS, variables, { token });
  for (let i = 0; i < 20; i += 1) {
    await ask();
  }
  const first = await ask();
  if (first.errors) {
    throw new Error(JSON.stringify(first.errors));
  }
  const through: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const start = performance.now();
    const response = await ask();
    through.push(performance.now() - start);
    if (response.errors) {
      throw new Error(JSON.stringify(response.errors));
    }
  }
  // The same two statements the subgraph runs (see earnings.service.ts balancesOf), run in parallel.
  const accounts = [`creator:${creatorId}:earnings`, `creator:${creatorId}:withdrawal_hold`];
  const ledgerSql = `select "account",
      coalesce(sum("amount_jpy") filter (where "available_at" <= $1), 0) as "available",
      coalesce(sum("amount_jpy") filter (where "available_at" > $1), 0) as "pending"
    from "payments"."ledger_entry" where "account" in ($2, $3) group by "account"`;
  const paidSql = `select "creator_id", sum("amount_jpy") as "paid" from "payments"."withdrawal"
    where "creator_id" in ($1) and "status" = 'PAID' group by "creator_id"`;
  const raw: number[] = [];
  for (let i = 0; i < REQUESTS + 20; i += 1) {
    const start = performance.now();
    await Promise.all([
      pool.query(ledgerSql, [new Date(), ...accounts]),
      pool.query(paidSql, [creatorId]),
    ]);
    if (i >= 20) {
      raw.push(performance.now() - start);
    }
  }
  const plan = await pool.query(`explain (analyze, buffers) ${ledgerSql}`, [
    new Date(),
    ...accounts,
  ]);
  return {
    earnings: first.data._entities[0].earnings,
    through: summary(through),
    raw: summary(raw),
    plan,
  };
}

/** Stripe's signature scheme (what stripe.webhooks.generateTestHeaderString produces). */
const stripeSignature = (payload: string) => {
  const timestamp = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
};

/** Posts signed bodies CONCURRENCY at a time; deliveries/s, latency, statuses. */
async function postAll(url: string, deliveries: string[]) {
  const endpoint = `${new URL(url).origin}/webhooks/stripe`;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let duplicatesAnswered = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < deliveries.length) {
        const body = deliveries[next++];
        const start = performance.now();
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': stripeSignature(body),
          },
          body,
        });
        const answer = (await response.json().catch(() => ({}))) as { duplicate?: boolean };
        latencies.push(performance.now() - start);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        duplicatesAnswered += answer.duplicate ? 1 : 0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    eventsPerSecond: deliveries.length / seconds,
    latency: summary(latencies),
    statuses: Object.fromEntries(statuses),
    duplicatesAnswered,
  };
}

const MAIL_JOBS = 'bench-mail.MoneyEmailDue';

/**
 * A stand-in for users' consumer of MoneyEmailDue (it does nothing): with it, every event payments
 * publishes is a job of its queue, which the bench counts.
 */
async function startMailStandIn(databaseUrl: string) {
  const orm = await openDatabase({
    schema: 'payments',
    databaseUrl,
    entities: [InboxEntry],
    migrations: [],
    migrate: false,
  });
  const messaging = await Messaging.start({
    consumer: 'bench-mail',
    databaseUrl,
    orm,
    log: createLogger('bench-mail', 'warn'),
  });
  await messaging.onEvent(MoneyEmailDue, async () => {}, {}, { batchSize: 50 });
  return {
    async stop() {
      await messaging.stop();
      await orm.close();
    },
  };
}

/** Waits for the outbox to drain; how long that took (ms). */
async function outboxDrained(pool: Pool) {
  const start = performance.now();
  for (;;) {
    const { rows } = await pool.query('select count(*)::int as n from "payments"."outbox"');
    if (rows[0].n === 0 || performance.now() - start > 60_000) {
      return performance.now() - start;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** MoneyEmailDue events of some kinds published so far: all, and distinct keys. */
async function mailsAsked(pool: Pool, kinds: string[]) {
  const { rows } = await pool.query(
    `select count(*)::int as n, count(distinct data->'payload'->>'key')::int as keys
       from pgboss.job where name = $1 and data->'payload'->>'kind' = any($2)`,
    [MAIL_JOBS, kinds],
  );
  return rows[0] as { n: number; keys: number };
}

const PREMIUM_PLAN_ID = 'a0e1c3d2-0000-4000-8000-000000000002';

/**
 * (e) Subscription renewals: one `invoice.paid` per seeded Stripe subscription (20% re-delivered).
 * Each applies the paid period, records the invoice and asks for its receipt, once.
 */
async function invoiceBench(url: string, pool: Pool) {
  const unique = Math.round(EVENTS * (1 - DUPLICATE_SHARE));
  const now = Math.floor(Date.now() / 1000);
  const subscriptions = (
    await pool.query<{ id: string; user_id: string; provider_subscription_id: string }>(
      `insert into "payments"."subscription" ("id", "user_id", "plan_id", "status", "current_period_end",
         "cancel_at_period_end", "provider_customer_id", "provider_subscription_id", "provider",
         "period_end_confirmed", "created_at", "updated_at")
       select gen_random_uuid(), gen_random_uuid(), $1, 'ACTIVE', now() + interval '1 hour', false,
              'cus_bench_' || g, 'sub_bench_' || md5(random()::text), 'STRIPE', true,
              now() - interval '30 days', now()
       from generate_series(1, $2::int) g
       returning "id", "user_id", "provider_subscription_id"`,
      [PREMIUM_PLAN_ID, unique],
    )
  ).rows;
  const periodEnd = now + 30 * 24 * 3600;
  const bodies = subscriptions.map(subscription =>
    JSON.stringify({
      id: `evt_bench_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: '2025-10-29.clover',
      created: now,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'invoice.paid',
      data: {
        object: {
          id: `in_bench_${randomBytes(12).toString('hex')}`,
          object: 'invoice',
          customer: `cus_bench_x`,
          status: 'paid',
          currency: 'jpy',
          amount_due: 980,
          amount_paid: 980,
          created: now,
          billing_reason: 'subscription_cycle',
          livemode: false,
          parent: {
            type: 'subscription_details',
            quote_details: null,
            subscription_details: {
              subscription: subscription.provider_subscription_id,
              metadata: { userId: subscription.user_id, planId: PREMIUM_PLAN_ID },
            },
          },
          lines: {
            object: 'list',
            has_more: false,
            data: [
              {
                id: `il_bench_${randomBytes(8).toString('hex')}`,
                object: 'line_item',
                amount: 980,
                currency: 'jpy',
                period: { start: now, end: periodEnd },
              },
            ],
          },
          payments: {
            object: 'list',
            has_more: false,
            data: [
              {
                id: `inpay_bench_${randomBytes(8).toString('hex')}`,
                object: 'invoice_payment',
                status: 'paid',
                payment: {
                  type: 'payment_intent',
                  payment_intent: `pi_bench_${randomBytes(12).toString('hex')}`,
                },
              },
            ],
          },
        },
      },
    }),
  );
  const deliveries = withRedeliveries(bodies, EVENTS);
  const posted = await postAll(url, deliveries);
  const drainMs = await outboxDrained(pool);
  const ids = subscriptions.map(subscription => subscription.id);
  const invoices = Number(
    (
      await pool.query(
        `select count(*) from "payments"."invoice" where "subscription_id" = any($1) and "status" = 'PAID'`,
        [ids],
      )
    ).rows[0].count,
  );
  const renewed = Number(
    (
      await pool.query(
        `select count(*) from "payments"."subscription" where "id" = any($1) and "current_period_end" = to_timestamp($2)`,
        [ids, periodEnd],
      )
    ).rows[0].count,
  );
  return { unique, deliveries: deliveries.length, ...posted, drainMs, invoices, renewed };
}

/** Every body once, then re-deliveries of some up to `total`, shuffled. */
function withRedeliveries(bodies: string[], total: number) {
  const deliveries = [...bodies];
  for (let i = 0; deliveries.length < total; i += 1) {
    deliveries.push(bodies[(i * 7919) % bodies.length]);
  }
  for (let i = deliveries.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
  }
  return deliveries;
}

/**
 * (c) The new events: one partial `refund.created` (a third of the tip) per tip credited in (b),
 * with the same share of re-deliveries; then checks each refund moved money once, balanced.
 */
async function refundBench(
  url: string,
  pool: Pool,
  tips: { id: string; amount_jpy: number; paymentIntent: string }[],
) {
  const created = Math.floor(Date.now() / 1000);
  const bodies = tips.map(tip =>
    JSON.stringify({
      id: `evt_bench_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: '2025-10-29.clover',
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'refund.created',
      data: {
        object: {
          id: `re_bench_${randomBytes(12).toString('hex')}`,
          object: 'refund',
          amount: Math.floor(tip.amount_jpy / 3),
          currency: 'jpy',
          payment_intent: tip.paymentIntent,
          charge: `ch_bench_${randomBytes(12).toString('hex')}`,
          status: 'succeeded',
          created,
          metadata: {},
        },
      },
    }),
  );
  const result = await postAll(
    url,
    withRedeliveries(bodies, Math.round(tips.length / (1 - DUPLICATE_SHARE))),
  );
  const one = async (sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows[0];
  const check = {
    refunds: Number(
      (
        await one(
          `select count(*) from "payments"."ledger_transaction" where "kind" = 'TIP_PARTIAL_REFUND'`,
        )
      ).count,
    ),
    refundedJpy: Number(
      (await one(`select coalesce(sum("amount_jpy"), 0) as s from "payments"."payment_refund"`)).s,
    ),
    expectedJpy: tips.reduce((sum, tip) => sum + Math.floor(tip.amount_jpy / 3), 0),
    unbalancedTransactions: Number(
      (
        await one(
          `select count(*) from (select 1 from "payments"."ledger_entry" group by "transaction_id" having sum("amount_jpy") <> 0) u`,
        )
      ).count,
    ),
  };
  const ok =
    check.refunds === tips.length &&
    check.refundedJpy === check.expectedJpy &&
    check.unbalancedTransactions === 0;
  return {
    ...result,
    unique: tips.length,
    deliveries: Math.round(tips.length / (1 - DUPLICATE_SHARE)),
    check,
    ok,
  };
}

const CONNECT = 'mutation { connectPayoutAccount { url } }';
const PAYOUT_ACCOUNT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { payoutAccount { status } } } }`;
const REQUEST = 'mutation($amount: Int!) { requestWithdrawal(amountJpy: $amount) { id status } }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';

/**
 * (d) The payout flow on the sandbox, creator by creator: connectPayoutAccount, the onboarding
 * page (→ account.updated → ACTIVE), requestWithdrawal, approveWithdrawal (transfer + payout),
 * and the sandbox's payout.paid making it PAID. The baseline is requestWithdrawal, a local-only
 * money movement (lock, balance, two ledger lines).
 */
async function payoutBench(
  url: string,
  pool: Pool,
  tokensFor: (ids: string[], roles: string[]) => Promise<string[]>,
) {
  const creators = Array.from({ length: PAYOUT_CREATORS }, () => randomUUID());
  const tokens = await tokensFor(creators, ['CREATOR']);
  const [admin] = await tokensFor([randomUUID()], ['ADMIN']);
  // ¥5,000 available to each, credited long enough ago
  await pool.query(
    `with tx as (
       insert into "payments"."ledger_transaction" ("id", "kind", "reference", "created_at")
       select gen_random_uuid(), 'TIP_CREDIT', gen_random_uuid(), now() - interval '10 days'
       from unnest($1::uuid[]) c returning "id", "reference"
     ), numbered as (select tx."id", row_number() over () as n from tx),
     creators as (select c, row_number() over () as n from unnest($1::uuid[]) c)
     insert into "payments"."ledger_entry" ("transaction_id", "account", "amount_jpy", "created_at", "available_at")
     select numbered."id", side."account", side."amount", now() - interval '10 days', now() - interval '3 days'
     from numbered join creators using (n)
     cross join lateral (values ('creator:' || creators.c || ':earnings', 5000), ('provider:STRIPE:clearing', -5000)) as side("account", "amount")`,
    [creators],
  );
  const origin = new URL(url).origin;
  const steps: Record<string, number[]> = {
    connect: [],
    onboardingToActive: [],
    requestWithdrawal: [],
    approveWithdrawal: [],
    approveToPaid: [],
    requestToPaid: [],
  };
  const timed = async <T>(step: string, work: () => Promise<T>) => {
    const start = performance.now();
    const result = await work();
    steps[step].push(performance.now() - start);
    return result;
  };
  let paid = 0;
  for (const [index, creator] of creators.entries()) {
    const token = tokens[index];
    const connect = await timed('connect', () => graphql(url, CONNECT, {}, { token }));
    const page = (connect.data.connectPayoutAccount.url as string).replace(
      /^https?:\/\/[^/]+/,
      origin,
    );
    await timed('onboardingToActive', async () => {
      await fetch(page, { method: 'POST', body: new URLSearchParams({ outcome: 'active' }) });
      const status = await graphql(
        url,
        PAYOUT_ACCOUNT,
        { r: [{ __typename: 'User', id: creator }] },
        { token },
      );
      if (status.data._entities[0].payoutAccount.status !== 'ACTIVE') {
        throw new Error('onboarding did not make the account ACTIVE');
      }
    });
    const requested = performance.now();
    const request = await timed('requestWithdrawal', () =>
      graphql(url, REQUEST, { amount: 3000 }, { token }),
    );
    if (request.errors) {
      throw new Error(JSON.stringify(request.errors));
    }
    const id = request.data.requestWithdrawal.id as string;
    const start = performance.now();
    await timed('approveWithdrawal', () => graphql(url, APPROVE, { id }, { token: admin }));
    for (;;) {
      const row = (
        await pool.query(`select "status" from "payments"."withdrawal" where "id" = $1`, [id])
      ).rows[0];
      if (row.status === 'PAID') {
        paid += 1;
        break;
      }
      if (performance.now() - start > 10_000) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 2));
    }
    steps.approveToPaid.push(performance.now() - start);
    // the creator's whole wait on the sandbox (the admin approving at once)
    steps.requestToPaid.push(performance.now() - requested);
  }
  return {
    creators: creators.length,
    paid,
    steps: Object.fromEntries(
      Object.entries(steps).map(([name, values]) => [name, summary(values)]),
    ),
  };
}

async function webhookBench(url: string, pool: Pool) {
  const unique = Math.round(EVENTS * (1 - DUPLICATE_SHARE));
  const creators = Array.from({ length: 20 }, () => randomUUID());
  const tips = (
    await pool.query<{ id: string; from_user_id: string; amount_jpy: number; creator_id: string }>(
      `insert into "payments"."tip" ("id", "from_user_id", "target_id", "target_kind", "creator_id", "amount_jpy",
         "message", "status", "created_at", "updated_at")
       select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'VIDEO', ($1::uuid[])[1 + g % 20],
              100 + (g * 37) % 49901, 'bench', 'PENDING', now(), now()
       from generate_series(1, $2::int) g
       returning "id", "from_user_id", "amount_jpy", "creator_id"`,
      [creators, unique],
    )
  ).rows;
  const created = Math.floor(Date.now() / 1000);
  const paymentIntents = tips.map(() => `pi_bench_${randomBytes(12).toString('hex')}`);
  const bodies = tips.map((tip, index) =>
    JSON.stringify({
      id: `evt_bench_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: '2025-10-29.clover',
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'checkout.session.completed',
      data: {
        object: {
          id: `cs_bench_${randomBytes(12).toString('hex')}`,
          object: 'checkout.session',
          mode: 'payment',
          status: 'complete',
          payment_status: 'paid',
          amount_total: tip.amount_jpy,
          currency: 'jpy',
          client_reference_id: tip.from_user_id,
          customer: null,
          subscription: null,
          invoice: null,
          payment_intent: paymentIntents[index],
          metadata: { tipId: tip.id, userId: tip.from_user_id },
          created,
        },
      },
    }),
  );
  // Re-deliveries are the same event (same id and body), signed again as Stripe does on a retry.
  const deliveries = withRedeliveries(bodies, EVENTS);
  const posted = await postAll(url, deliveries);

  const one = async (sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows[0];
  const tipIds = tips.map(tip => tip.id);
  const expectedCreatorTotal = tips.reduce(
    (sum, tip) => sum + tip.amount_jpy - Math.floor((tip.amount_jpy * 20) / 100),
    0,
  );
  const check = {
    tipsSucceeded: Number(
      (
        await one(
          `select count(*) from "payments"."tip" where "id" = any($1) and "status" = 'SUCCEEDED'`,
          [tipIds],
        )
      ).count,
    ),
    credits: Number(
      (
        await one(
          `select count(*) from "payments"."ledger_transaction" where "kind" = 'TIP_CREDIT' and "reference" = any($1)`,
          [tipIds],
        )
      ).count,
    ),
    creditsPerTipMax: Number(
      (
        await one(
          `select coalesce(max(n), 0) as m from (select count(*) as n from "payments"."ledger_transaction"
         where "reference" = any($1) group by "reference") per_tip`,
          [tipIds],
        )
      ).m,
    ),
    eventsStored: Number((await one(`select count(*) from "payments"."provider_event"`)).count),
    creatorTotal: Number(
      (
        await one(
          `select coalesce(sum("amount_jpy"), 0) as s from "payments"."ledger_entry" where "account" = any($1)`,
          [creators.map(id => `creator:${id}:earnings`)],
        )
      ).s,
    ),
    ledgerSum: Number(
      (await one(`select coalesce(sum("amount_jpy"), 0) as s from "payments"."ledger_entry"`)).s,
    ),
    unbalancedTransactions: Number(
      (
        await one(
          `select count(*) from (select 1 from "payments"."ledger_entry" group by "transaction_id" having sum("amount_jpy") <> 0) u`,
        )
      ).count,
    ),
  };
  const ok =
    check.tipsSucceeded === unique &&
    check.credits === unique &&
    check.creditsPerTipMax === 1 &&
    check.eventsStored === unique &&
    check.creatorTotal === expectedCreatorTotal &&
    check.ledgerSum === 0 &&
    check.unbalancedTransactions === 0;
  return {
    unique,
    deliveries: deliveries.length,
    ...posted,
    check: { ...check, expectedCreatorTotal },
    ok,
    tips: tips.map((tip, index) => ({ ...tip, paymentIntent: paymentIntents[index] })),
  };
}

async function main() {
  const creatorId = randomUUID();
  const { child, url, databaseUrl, token } = await startChild(creatorId);
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const mailStandIn = await startMailStandIn(databaseUrl);
  try {
    console.log(
      `payments subgraph at ${url}; seeding ${ENTRIES.toLocaleString()} ledger entries for one creator…`,
    );
    const seedStart = performance.now();
    await seedLedger(pool, creatorId, ENTRIES);
    console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const earnings = await earningsBench(url, pool, creatorId, token);
    console.log(
      `\n(a) User.earnings, ${REQUESTS} sequential requests, creator with ${ENTRIES.toLocaleString()} entries`,
    );
    console.log(`    answer: ${JSON.stringify(earnings.earnings)}`);
    console.log(
      `    through the subgraph: p50 ${ms(earnings.through.p50)}  p99 ${ms(earnings.through.p99)}  max ${ms(earnings.through.max)}`,
    );
    console.log(
      `    raw SQL (same statements): p50 ${ms(earnings.raw.p50)}  p99 ${ms(earnings.raw.p99)}`,
    );
    console.log(
      `    ratio subgraph/raw: p50 ${(earnings.through.p50 / earnings.raw.p50).toFixed(1)}×  p99 ${(earnings.through.p99 / earnings.raw.p99).toFixed(1)}×`,
    );
    console.log('    plan of the balance query:');
    for (const row of earnings.plan.rows) {
      console.log(`      ${row['QUERY PLAN']}`);
    }

    const webhooks = await webhookBench(url, pool);
    console.log(
      `\n(b) Stripe webhook intake: ${webhooks.deliveries} signed deliveries (${webhooks.unique} events + ${webhooks.deliveries - webhooks.unique} re-deliveries), ${CONCURRENCY} at a time`,
    );
    console.log(
      `    ${webhooks.eventsPerSecond.toFixed(0)} deliveries/s over ${webhooks.seconds.toFixed(2)} s`,
    );
    console.log(
      `    latency: p50 ${ms(webhooks.latency.p50)}  p99 ${ms(webhooks.latency.p99)}  max ${ms(webhooks.latency.max)}`,
    );
    console.log(
      `    HTTP statuses: ${JSON.stringify(webhooks.statuses)}; answered as duplicates: ${webhooks.duplicatesAnswered}`,
    );
    console.log(`    check: ${JSON.stringify(webhooks.check)}`);
    console.log(`    no duplicate had an effect: ${webhooks.ok ? 'YES' : 'NO'}`);
    const tipDrainMs = await outboxDrained(pool);
    const tipMails = await mailsAsked(pool, ['TIP_RECEIPT', 'TIP_RECEIVED']);
    console.log(
      `    money emails asked (TIP_RECEIPT + TIP_RECEIVED): ${tipMails.n} events, ${tipMails.keys} distinct keys, expected ${2 * webhooks.unique}; outbox drained ${ms(tipDrainMs)} after the last delivery`,
    );
    if (!webhooks.ok || tipMails.n !== 2 * webhooks.unique || tipMails.keys !== tipMails.n) {
      process.exitCode = 1;
    }

    const refunds = await refundBench(url, pool, webhooks.tips);
    console.log(
      `\n(c) new events — partial refunds (refund.created): ${refunds.deliveries} signed deliveries (${refunds.unique} refunds + re-deliveries), ${CONCURRENCY} at a time`,
    );
    console.log(
      `    ${refunds.eventsPerSecond.toFixed(0)} deliveries/s over ${refunds.seconds.toFixed(2)} s; latency p50 ${ms(refunds.latency.p50)}  p99 ${ms(refunds.latency.p99)}`,
    );
    console.log(
      `    ratio to (b) checkout.session.completed: throughput ${(refunds.eventsPerSecond / webhooks.eventsPerSecond).toFixed(2)}×  p99 ${(refunds.latency.p99 / webhooks.latency.p99).toFixed(2)}×`,
    );
    console.log(
      `    HTTP statuses: ${JSON.stringify(refunds.statuses)}; check: ${JSON.stringify(refunds.check)}`,
    );
    console.log(`    each refund moved money once, balanced: ${refunds.ok ? 'YES' : 'NO'}`);
    if (!refunds.ok) {
      process.exitCode = 1;
    }

    const payouts = await payoutBench(
      url,
      pool,
      (ids, roles) =>
        new Promise(resolve => {
          child.once('message', value => resolve((value as { tokens: string[] }).tokens));
          child.send({ command: 'tokens', userIds: ids, roles });
        }),
    );
    table(
      `(d) payout flow on the sandbox, ${payouts.creators} creators one after another (${payouts.paid} PAID)`,
      [
        ['step', 'p50', 'p99', 'max', 'p50 / requestWithdrawal'],
        ...Object.entries(payouts.steps).map(([name, value]) => [
          name,
          ms(value.p50),
          ms(value.p99),
          ms(value.max),
          `${(value.p50 / payouts.steps.requestWithdrawal.p50).toFixed(1)}×`,
        ]),
      ],
    );
    await outboxDrained(pool);
    const payoutMails = await mailsAsked(pool, ['WITHDRAWAL_REQUESTED', 'WITHDRAWAL_PAID']);
    console.log(
      `    money emails asked (WITHDRAWAL_REQUESTED + WITHDRAWAL_PAID): ${payoutMails.n} events, ${payoutMails.keys} distinct keys, expected ${2 * payouts.creators}`,
    );
    if (payouts.paid !== payouts.creators || payoutMails.n !== 2 * payouts.creators) {
      process.exitCode = 1;
    }

    const invoices = await invoiceBench(url, pool);
    const receipts = await mailsAsked(pool, ['PAYMENT_RECEIPT']);
    console.log(
      `\n(e) new events — subscription invoice.paid (invoice + receipt asked): ${invoices.deliveries} signed deliveries (${invoices.unique} invoices + re-deliveries), ${CONCURRENCY} at a time`,
    );
    console.log(
      `    ${invoices.eventsPerSecond.toFixed(0)} deliveries/s over ${invoices.seconds.toFixed(2)} s; latency p50 ${ms(invoices.latency.p50)}  p99 ${ms(invoices.latency.p99)}`,
    );
    console.log(
      `    ratio to (b) checkout.session.completed: throughput ${(invoices.eventsPerSecond / webhooks.eventsPerSecond).toFixed(2)}×  p99 ${(invoices.latency.p99 / webhooks.latency.p99).toFixed(2)}×`,
    );
    console.log(
      `    HTTP statuses: ${JSON.stringify(invoices.statuses)}; invoices PAID ${invoices.invoices}, periods renewed ${invoices.renewed}, receipts asked ${receipts.n} (${receipts.keys} distinct keys), expected ${invoices.unique} each; outbox drained ${ms(invoices.drainMs)} after the last delivery`,
    );
    if (
      invoices.invoices !== invoices.unique ||
      invoices.renewed !== invoices.unique ||
      receipts.n !== invoices.unique ||
      receipts.keys !== invoices.unique
    ) {
      process.exitCode = 1;
    }
  } finally {
    await mailStandIn.stop();
    await pool.end();
    await new Promise(resolve => {
      child.once('exit', resolve);
      child.send({ command: 'stop' });
    });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
