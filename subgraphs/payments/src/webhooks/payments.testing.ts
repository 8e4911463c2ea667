import { type EntityManager } from '@mikro-orm/postgresql';
import { AuditRecorded, EntitlementChanged, type EventPayload, MoneyEmailDue } from '@vp/contracts';
import { createLogger, type EventOf, Messaging, openDatabase } from '@vp/kit';
import { eventually, startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { CheckoutSession } from '../checkout/checkout-session.entity';
import { type PaymentProviderName, type TipSettlement } from '../contracts';
import { payments } from '../definition';
import { AccountAge } from '../entitlements/account-age.entity';
import { Plan } from '../plans/plan.entity';
import { type SandboxDelivery, deliverToWebhooks } from '../providers/sandbox/sandbox-deliveries';
import { type PaymentsSettings, sandboxSettings } from '../providers/settings';

/** A TipSettlement that only records what the webhook handlers asked of it. */
export function recordingTipSettlement() {
  const calls: { fn: string; tipId: string; provider?: PaymentProviderName; detail?: string }[] =
    [];
  const settlement: TipSettlement = {
    async tipSucceeded(_em, tipId, provider, providerRef) {
      calls.push({ fn: 'tipSucceeded', tipId, provider, detail: providerRef });
    },
    async tipFailed(_em, tipId) {
      calls.push({ fn: 'tipFailed', tipId });
    },
    async tipReversed(_em, tipId, reason) {
      calls.push({ fn: 'tipReversed', tipId, detail: reason });
    },
    async tipPartiallyRefunded(_em, tipId, refund) {
      calls.push({ fn: 'tipPartiallyRefunded', tipId, detail: String(refund.amountJpy) });
      return 'APPLIED' as const;
    },
  };
  return { settlement, calls };
}

export interface PaymentsTest {
  app: TestSubgraph;
  /** The subgraph's own origin (http://127.0.0.1:port). */
  base: string;
  settings: PaymentsSettings;
  tips: ReturnType<typeof recordingTipSettlement>;
  /** EntitlementChanged events as another subgraph's consumer receives them (validated on arrival). */
  entitlementEvents: EventOf<typeof EntitlementChanged>[];
  deliver(deliveries: SandboxDelivery[]): Promise<number[]>;
  adult(userId: string, verified?: boolean): Promise<void>;
  minor(userId: string): Promise<void>;
  checkout(userId: string, planId: string, provider: PaymentProviderName): Promise<CheckoutSession>;
  stop(): Promise<void>;
}

/** The real payments subgraph (sandbox mode, fresh secrets) on a fresh database, with a listener for its events. */
export async function startPaymentsTest(
  overrides: Partial<PaymentsSettings> = {},
  /** TRUST_PROXY of the subgraph (default loopback, as the launcher runs it behind its gateway). */
  trustProxy?: string,
): Promise<PaymentsTest> {
  const settings = sandboxSettings(overrides);
  const tips = recordingTipSettlement();
  const app = await startTestSubgraph(payments, {
    payments: settings,
    tipSettlement: tips.settlement,
    publicUrl: 'http://localhost:4000',
    trustProxy,
  });
  const base = app.url.replace(/\/graphql$/, '');
  const databaseUrl = app.em().config.get('clientUrl')!;
  const orm = await openDatabase({
    schema: 'payments',
    databaseUrl,
    entities: payments.entities,
    migrations: payments.migrations,
    migrate: false,
  });
  const messaging = await Messaging.start({
    consumer: 'videos-test',
    databaseUrl,
    orm,
    log: createLogger('test'),
  });
  const entitlementEvents: EventOf<typeof EntitlementChanged>[] = [];
  await messaging.onEvent(EntitlementChanged, async event => {
    entitlementEvents.push(event);
  });
  // a consumer of the audit entries, so that their jobs can be counted (users' stand-in)
  await messaging.onEvent(AuditRecorded, async () => {});
  // and of the money emails (users' stand-in): `moneyEmailsOf` reads their jobs
  await messaging.onEvent(MoneyEmailDue, async () => {});
  return {
    app,
    base,
    settings,
    tips,
    entitlementEvents,
    deliver: deliveries => deliverToWebhooks(base, settings, deliveries),
    async adult(userId, verified = false) {
      const em = app.em();
      em.create(AccountAge, {
        userId,
        birthDate: '1990-04-01',
        ageVerifiedAt: verified ? new Date() : null,
        updatedAt: new Date(),
      });
      await em.flush();
    },
    async minor(userId) {
      const em = app.em();
      const birthDate = `${new Date().getUTCFullYear() - 15}-01-01`;
      em.create(AccountAge, { userId, birthDate, ageVerifiedAt: null, updatedAt: new Date() });
      await em.flush();
    },
    async checkout(userId, planId, provider) {
      const em: EntityManager = app.em();
      const plan = await em.findOneOrFail(Plan, { id: planId });
      const checkout = em.create(CheckoutSession, {
        userId,
        kind: 'SUBSCRIPTION',
        plan,
        amountJpy: plan.priceJpy,
        provider,
        mode: 'SANDBOX',
        url: '',
        expiresAt: new Date(Date.now() + 3600_000),
      });
      await em.flush();
      return checkout;
    },
    async stop() {
      await messaging.stop();
      await orm.close();
      await app.stop();
    },
  };
}

/** The consumer queue of the money emails in `startPaymentsTest` (users' stand-in). */
export const MONEY_EMAIL_JOBS = 'videos-test.MoneyEmailDue';

/**
 * The money emails asked for a user so far, oldest first: once the outbox is relayed, every
 * `MoneyEmailDue` emitted is a job of the stand-in consumer's queue.
 */
export async function moneyEmailsOf(t: PaymentsTest, userId: string) {
  const connection = t.app.em().getConnection();
  await eventually(
    async () =>
      (
        await connection.execute<{ n: number }[]>(`select count(*)::int as n from payments.outbox`)
      )[0].n,
    { until: n => n === 0, what: 'the outbox to be relayed' },
  );
  const rows = await connection.execute<{ payload: EventPayload<typeof MoneyEmailDue> }[]>(
    `select data->'payload' as payload from pgboss.job
      where name = ? and data->'payload'->>'userId' = ? order by created_on, data->'payload'->>'key'`,
    [MONEY_EMAIL_JOBS, userId],
  );
  return rows.map(row => row.payload);
}
