import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import {
  appLink,
  type NotificationFacts,
  notificationText,
} from '../notifications/notification-text';
import { type NotificationPushJob, PUSH_QUEUE } from '../notifications/notifications';
import { type PushMessage, type PushSender } from './push-sender';

/** Notifications claimed and pushed per transaction (with a few devices each, one or two requests). */
const PUSH_GROUP_SIZE = 100;

interface PushRow extends NotificationFacts {
  id: string;
  recipient_id: string;
}

/** The push message of one notification to one device: its wording is the email subject's. */
export function pushMessage(row: PushRow, to: string): PushMessage {
  const { headline, subject, target } = notificationText(row);
  return {
    to,
    title: headline,
    body: subject,
    data: { url: appLink(target), notificationId: row.id },
  };
}

/**
 * The durable push job (`users.notification-push`, pg-boss through the outbox; retried with
 * backoff, then dead-lettered to `users.notification-push.dead`). The job's notifications are
 * claimed (`pushed_at` set) a group of 100 at a time, pushed to every device of their recipients
 * whose session is still live, and committed, one short transaction per group: a retry pushes only
 * what was not claimed yet, and a push is sent twice only if the provider accepted it and the
 * process died (or a later request of the same group failed) before the commit: at least once.
 * Sent only while the recipient still wants the kind pushed, read when the job runs. Tokens the
 * provider reports unregistered are deleted in the same transaction; the accepted messages'
 * tickets are kept for their receipts (push-receipts.ts).
 */
export async function defineNotificationPushes(
  messaging: Messaging,
  deps: { sender: PushSender; log: Logger },
) {
  await messaging.defineJob<NotificationPushJob>(PUSH_QUEUE, async job => {
    for (let start = 0; start < job.notificationIds.length; start += PUSH_GROUP_SIZE) {
      const group = job.notificationIds.slice(start, start + PUSH_GROUP_SIZE);
      await messaging.em().transactional(em => pushGroup(em, group, deps));
    }
  });
}

async function pushGroup(
  em: EntityManager,
  ids: string[],
  { sender, log }: { sender: PushSender; log: Logger },
) {
  const rows: PushRow[] = await em.execute(
    `update "users"."notification" n set "pushed_at" = now()
      where n."id" in (?) and n."pushed_at" is null
        and not exists (select 1 from "users"."notification_setting" s
                         where s."user_id" = n."recipient_id" and s."kind" = n."kind" and not s."push")
      returning n."id", n."recipient_id", n."kind",
        (select a."handle" from "users"."user" a where a."id" = n."actor_id") as "actor_handle",
        n."video_id", n."live_stream_id", n."amount_jpy", n."reason"`,
    [ids],
  );
  if (rows.length === 0) {
    return; // pushed before, turned off since, or gone with their accounts
  }
  const devices: { user_id: string; token: string }[] = await em.execute(
    `select d."user_id", d."token" from "users"."push_device" d
       join "users"."session" s on s."id" = d."session_id"
      where d."user_id" in (?) and s."revoked_at" is null and s."expires_at" > now()`,
    [[...new Set(rows.map(row => row.recipient_id))]],
  );
  const messages = rows.flatMap(row =>
    devices
      .filter(device => device.user_id === row.recipient_id)
      .map(device => pushMessage(row, device.token)),
  );
  if (messages.length === 0) {
    return;
  }
  const outcome = await sender.send(messages);
  if (outcome.tickets.length > 0) {
    await em.execute(
      `insert into "users"."push_ticket" ("id", "token")
       values ${outcome.tickets.map(() => '(?, ?)').join(', ')} on conflict do nothing`,
      outcome.tickets.flatMap(ticket => [ticket.id, ticket.to]),
    );
  }
  if (outcome.unregistered.length > 0) {
    await em.execute(`delete from "users"."push_device" where "token" in (?)`, [
      outcome.unregistered,
    ]);
    log.info({ count: outcome.unregistered.length }, 'unregistered push tokens dropped');
  }
  for (const refusal of outcome.refused) {
    log.warn({ error: refusal.error }, 'push refused by the provider');
  }
  log.debug({ notifications: rows.length, messages: messages.length }, 'notifications pushed');
}
