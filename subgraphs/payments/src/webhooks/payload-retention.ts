import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { parseCcbillBody } from './webhook.routes';

/**
 * Provider webhook bodies are kept raw (provider-event.entity.ts) for disputes and replays, but the
 * personal data in them (the payer's name, email, address, phone, IP, card details) is needed for
 * neither after the chargeback window: after 90 days a daily job rewrites each body without it,
 * keeping ids, amounts, currencies, types and dates. Events still DEFERRED (waiting to be replayed)
 * keep their body until they are applied.
 */
export const PROVIDER_PAYLOAD_RETENTION_DAYS = 90;
export const PAYLOAD_RETENTION_QUEUE = 'payments.purge-provider-payloads';
/** Daily at 03:17 UTC (pg-boss cron): one run for all instances. */
export const PAYLOAD_RETENTION_CRON = '17 3 * * *';
const BATCH = 500;

/** Keys whose values are personal data in Stripe's and CCBill's payloads (any letter case). */
const PERSONAL_KEY =
  /e-?mail|name|address|line[12]|city|state|zip|postal|country|phone|^ip$|ip_?address|card|last_?4|^bin$|exp_?(month|year|date)|fingerprint|password|shipping|billing_details|customer_details|birth|dob|^tax_ids?$|^description$|^note$/i;
/** Anything that still looks like an email address, wherever it sits (a description, metadata). */
const EMAIL_LIKE = /[^\s@"'<>]+@[^\s@"'<>]+\.[A-Za-z]{2,}/g;
const PURGED = '[purged]';

/** The value without personal data: personal keys dropped at any depth, email-like text masked. */
export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutPersonalData);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !PERSONAL_KEY.test(key))
        .map(([key, inner]) => [key, withoutPersonalData(inner)]),
    );
  }
  return typeof value === 'string' ? value.replace(EMAIL_LIKE, PURGED) : value;
}

/** A stored body rewritten without personal data, as JSON (CCBill's form bodies too). */
export function purgedBody(provider: 'STRIPE' | 'CCBILL', rawBody: string): string {
  let parsed: unknown;
  if (provider === 'STRIPE') {
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      parsed = {};
    }
  } else {
    parsed = parseCcbillBody(rawBody) ?? {};
  }
  return JSON.stringify(withoutPersonalData(parsed));
}

/**
 * Purges the bodies of events received more than `retentionDays` ago and not waiting to be
 * replayed, `BATCH` rows per transaction (rows locked, skipped when another instance has them).
 * Returns how many.
 */
export async function purgeOldProviderPayloads(
  em: EntityManager,
  options: { retentionDays?: number; now?: Date } = {},
): Promise<number> {
  const retentionDays = options.retentionDays ?? PROVIDER_PAYLOAD_RETENTION_DAYS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000);
  let purged = 0;
  for (;;) {
    const count = await em.transactional(async tx => {
      const rows: { id: string; provider: 'STRIPE' | 'CCBILL'; raw_body: string }[] =
        await tx.execute(
          `select "id", "provider", "raw_body" from "payments"."provider_event"
            where "purged_at" is null and "received_at" < ? and "waiting_for" is null
            order by "received_at" limit ? for update skip locked`,
          [cutoff, BATCH],
        );
      for (const row of rows) {
        await tx.execute(
          `update "payments"."provider_event" set "raw_body" = ?, "purged_at" = now() where "id" = ?`,
          [purgedBody(row.provider, row.raw_body), row.id],
        );
      }
      return rows.length;
    });
    purged += count;
    if (count < BATCH) {
      return purged;
    }
  }
}

/** The daily purge: a durable pg-boss job on a cron schedule, retried like any job. */
export async function schedulePayloadRetention(messaging: Messaging, log: Logger) {
  await messaging.defineJob(PAYLOAD_RETENTION_QUEUE, async () => {
    const purged = await purgeOldProviderPayloads(messaging.em() as EntityManager);
    if (purged > 0) {
      log.info({ purged }, 'provider payloads purged of personal data');
    }
  });
  await messaging.queue.schedule(PAYLOAD_RETENTION_QUEUE, PAYLOAD_RETENTION_CRON);
}
