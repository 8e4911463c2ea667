import { type EntityManager } from '@mikro-orm/postgresql';
import { type Messaging, type MikroORM } from '@vp/kit';
import { DAY_MS } from '../ledger/ledger.service';
import { type PaymentsRuntime } from '../providers/runtime';
import { PlanSubscription } from '../subscriptions/subscription.entity';
import { emitMoneyEmail } from './money-emails';

export const RENEWAL_REMINDER_QUEUE = 'payments.renewal-reminders';
/** How long before a renewal its reminder is mailed. */
export const RENEWAL_REMINDER_DAYS = 3;
const BATCH = 200;

/**
 * Mails the renewal reminder of every subscription that renews within the next 3 days: ACTIVE,
 * billed by a provider, not cancelled. `renewal_reminded_for` (set in the transaction that emits
 * the mail) makes it one reminder per period, however often the job runs or is retried; rows are
 * taken `for update skip locked`, so two runs at once share the work. Returns how many it mailed.
 */
export async function sendRenewalReminders(em: EntityManager, now: Date): Promise<number> {
  const until = new Date(now.getTime() + RENEWAL_REMINDER_DAYS * DAY_MS);
  let sent = 0;
  for (;;) {
    const count = await em.fork().transactional(async tx => {
      const rows: { id: string }[] = await tx.execute(
        `select "id" from "payments"."subscription"
          where "status" = 'ACTIVE' and not "cancel_at_period_end" and "provider" <> 'NONE'
            and "current_period_end" > ? and "current_period_end" <= ?
            and ("renewal_reminded_for" is null or "renewal_reminded_for" < "current_period_end")
          order by "current_period_end", "id" limit ? for update skip locked`,
        [now, until, BATCH],
      );
      if (rows.length === 0) {
        return 0;
      }
      const subscriptions = await tx.find(
        PlanSubscription,
        { id: { $in: rows.map(row => row.id) } },
        { populate: ['plan', 'scheduledPlan'] },
      );
      for (const subscription of subscriptions) {
        // a downgrade scheduled at the provider (same provider) renews at the new plan's price
        const renewsAs = subscription.scheduledPlan ?? subscription.plan;
        subscription.renewalRemindedFor = subscription.currentPeriodEnd;
        emitMoneyEmail(tx as EntityManager, {
          kind: 'RENEWAL_REMINDER',
          userId: subscription.userId,
          source: `${subscription.id}:${subscription.currentPeriodEnd.toISOString()}`,
          amountJpy: renewsAs.priceJpy,
          planName: renewsAs.name,
          periodEnd: subscription.currentPeriodEnd,
          referenceId: subscription.id,
          at: now,
        });
      }
      await tx.flush();
      return subscriptions.length;
    });
    sent += count;
    if (count < BATCH) {
      return sent;
    }
  }
}

/** Every 10 minutes, a durable pg-boss cron job (retried like any job). */
export async function scheduleRenewalReminders(
  messaging: Messaging,
  orm: MikroORM,
  runtime: Pick<PaymentsRuntime, 'now'>,
) {
  await messaging.defineJob(RENEWAL_REMINDER_QUEUE, async () => {
    await sendRenewalReminders(orm.em.fork() as EntityManager, runtime.now());
  });
  await messaging.queue.schedule(RENEWAL_REMINDER_QUEUE, '*/10 * * * *');
}
