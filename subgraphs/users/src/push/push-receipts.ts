import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { DEVICE_NOT_REGISTERED, type PushSender, RECEIPT_BATCH_SIZE } from './push-sender';

export const PUSH_RECEIPTS_QUEUE = 'users.push-receipts';
/** Every 15 minutes: Expo advises asking for receipts no sooner than 15 minutes after the push. */
const PUSH_RECEIPTS_CRON = '*/15 * * * *';
const RECEIPT_DELAY_MS = 15 * 60_000;
/** Expo keeps receipts for a day: a ticket still without one after that never gets one. */
const TICKET_LIFETIME_MS = 24 * 3600_000;

interface TicketRow {
  id: string;
  token: string;
}

/**
 * Reads the receipts of the push tickets older than `delayMs`, a thousand at a time: tokens that
 * Apple or Google reported unregistered (the app was uninstalled after the push was accepted) are
 * deleted with their devices; other refusals are logged. A ticket goes once its receipt is read,
 * or once a day old; one without a receipt yet is asked again at the next run.
 * Returns how many receipts were read and how many tokens were dropped.
 */
export async function readPushReceipts(
  em: EntityManager,
  {
    sender,
    log,
    delayMs = RECEIPT_DELAY_MS,
  }: { sender: PushSender; log: Logger; delayMs?: number },
) {
  let read = 0;
  let dropped = 0;
  let after = '';
  for (;;) {
    const tickets: TicketRow[] = await em.execute(
      `select "id", "token" from "users"."push_ticket"
        where "sent_at" <= now() - ?::interval and "id" > ?
        order by "id" limit ?`,
      [`${delayMs} milliseconds`, after, RECEIPT_BATCH_SIZE],
    );
    if (tickets.length === 0) {
      break;
    }
    after = tickets[tickets.length - 1].id;
    const receipts = await sender.receipts(tickets.map(ticket => ticket.id));
    const unregistered = new Set<string>();
    for (const ticket of tickets) {
      const receipt = receipts[ticket.id];
      if (receipt && !receipt.ok) {
        if (receipt.error === DEVICE_NOT_REGISTERED) {
          unregistered.add(ticket.token);
        } else {
          log.warn({ error: receipt.error }, 'push not delivered');
        }
      }
    }
    const answered = tickets.filter(ticket => receipts[ticket.id]).map(ticket => ticket.id);
    await em.transactional(async tx => {
      if (unregistered.size > 0) {
        await tx.execute(`delete from "users"."push_device" where "token" in (?)`, [
          [...unregistered],
        ]);
      }
      if (answered.length > 0) {
        await tx.execute(`delete from "users"."push_ticket" where "id" in (?)`, [answered]);
      }
    });
    read += answered.length;
    dropped += unregistered.size;
    if (tickets.length < RECEIPT_BATCH_SIZE) {
      break;
    }
  }
  await em.execute(`delete from "users"."push_ticket" where "sent_at" < now() - ?::interval`, [
    `${TICKET_LIFETIME_MS} milliseconds`,
  ]);
  if (dropped > 0) {
    log.info({ count: dropped }, 'tokens of uninstalled apps dropped (push receipts)');
  }
  return { read, dropped };
}

/** The receipts job: a durable pg-boss cron job (retried like any job when Expo fails). */
export async function schedulePushReceipts(
  messaging: Messaging,
  deps: { sender: PushSender; log: Logger },
) {
  await messaging.defineJob(PUSH_RECEIPTS_QUEUE, async () => {
    await readPushReceipts(messaging.em(), deps);
  });
  await messaging.queue.schedule(PUSH_RECEIPTS_QUEUE, PUSH_RECEIPTS_CRON);
}
