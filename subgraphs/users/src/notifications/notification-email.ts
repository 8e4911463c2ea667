import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { type Mailer, type MailMessage } from '../mail';
import { NotificationKind } from './notification.entity';
import { EMAIL_QUEUE, type NotificationEmailJob } from './notifications';

/** What one notification email is made of (read when the job runs). */
interface EmailRow {
  id: string;
  kind: NotificationKind;
  to: string;
  display_name: string;
  actor_handle: string | null;
  video_id: string | null;
  live_stream_id: string | null;
  amount_jpy: number | null;
  reason?: string | null;
}

const yen = (amount: number) => `¥${amount.toLocaleString('en-US')}`;

/**
 * The message for one notification. Links go to the web app (`publicWebUrl`, from configuration):
 * `/watch/<id>`, `/live/<id>`, `/@<handle>`, and `/account` for the settings.
 */
export function notificationMessage(row: EmailRow, publicWebUrl: string): MailMessage {
  const who = row.actor_handle ? `@${row.actor_handle}` : 'Someone';
  const watch = row.video_id ? `${publicWebUrl}/watch/${row.video_id}` : null;
  const live = row.live_stream_id ? `${publicWebUrl}/live/${row.live_stream_id}` : null;
  const [subject, link] = ((): [string, string | null] => {
    switch (row.kind) {
      case NotificationKind.NEW_VIDEO:
        return [`${who} published a new video`, watch];
      case NotificationKind.LIVE_STARTED:
        return [`${who} is live now`, live];
      case NotificationKind.NEW_FOLLOWER:
        return [
          `${who} followed you`,
          row.actor_handle ? `${publicWebUrl}/@${row.actor_handle}` : null,
        ];
      case NotificationKind.COMMENT_ON_VIDEO:
        return [`${who} commented on your video`, watch];
      case NotificationKind.COMMENT_REPLY:
        return [`${who} replied to your comment`, watch];
      case NotificationKind.TIP_RECEIVED:
        return [`${who} tipped you ${yen(row.amount_jpy ?? 0)}`, watch ?? live];
      case NotificationKind.CONTENT_TAKEN_DOWN:
        return [
          `A moderator took down your ${row.video_id ? 'video' : row.live_stream_id ? 'live stream' : 'comment'}: ${row.reason ?? ''}`,
          watch ?? live,
        ];
    }
  })();
  return {
    to: row.to,
    subject,
    text:
      `Hello ${row.display_name},\n\n${subject}.\n\n` +
      (link ? `${link}\n\n` : '') +
      `You get this email because you asked for this kind of notification by email. ` +
      `Change it at ${publicWebUrl}/account\n`,
  };
}

/**
 * The durable email job (`users.notification-email`, pg-boss through the outbox; retried with
 * backoff, then dead-lettered): each notification is claimed (`emailed_at` set), mailed and
 * committed in its own short transaction, so a retry after a failure mails only what was not sent,
 * and a mail is lost only if the mailer accepted it and the process died before the commit (then
 * it is sent again: at least once). Sent only while the recipient still wants the kind by email,
 * to a verified address; the address is read when the job runs.
 */
export async function defineNotificationEmails(
  messaging: Messaging,
  deps: { mailer: Mailer; publicWebUrl: string; log: Logger },
) {
  await messaging.defineJob<NotificationEmailJob>(EMAIL_QUEUE, async job => {
    for (const id of job.notificationIds) {
      await messaging.em().transactional(em => emailOne(em, id, deps));
    }
  });
}

async function emailOne(
  em: EntityManager,
  id: string,
  { mailer, publicWebUrl, log }: { mailer: Mailer; publicWebUrl: string; log: Logger },
) {
  const [row]: EmailRow[] = await em.execute(
    `update "users"."notification" n set "emailed_at" = now()
       from "users"."user" r
      where n."id" = ? and n."emailed_at" is null and r."id" = n."recipient_id"
        and r."email_verified_at" is not null
        and exists (select 1 from "users"."notification_setting" s
                     where s."user_id" = n."recipient_id" and s."kind" = n."kind" and s."email")
      returning n."id", n."kind", r."email" as "to", r."display_name",
        (select a."handle" from "users"."user" a where a."id" = n."actor_id") as "actor_handle",
        n."video_id", n."live_stream_id", n."amount_jpy", n."reason"`,
    [id],
  );
  if (!row) {
    return; // sent before, turned off since, not verified, or gone with its account
  }
  await mailer.send(notificationMessage(row, publicWebUrl));
  log.debug({ notificationId: id, kind: row.kind }, 'notification emailed');
}
