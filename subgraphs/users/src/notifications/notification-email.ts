import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { type Mailer, type MailMessage } from '../mail';
import { type NotificationFacts, notificationText, webLink } from './notification-text';
import { EMAIL_QUEUE, type NotificationEmailJob } from './notifications';

/** What one notification email is made of (read when the job runs). */
interface EmailRow extends NotificationFacts {
  id: string;
  to: string;
  display_name: string;
}

/**
 * The message for one notification (its wording is notificationText's, shared with push). Links go
 * to the web app (`publicWebUrl`, from configuration): `/watch/<id>`, `/live/<id>`, `/@<handle>`,
 * and `/account` for the settings.
 */
export function notificationMessage(row: EmailRow, publicWebUrl: string): MailMessage {
  const { subject, target } = notificationText(row);
  const link = webLink(target, publicWebUrl);
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
