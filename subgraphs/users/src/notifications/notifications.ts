import { type EntityManager } from '@mikro-orm/postgresql';
import { enqueueJob, type Logger, type SharedState } from '@vp/kit';
import { type NotificationKind } from './notification.entity';

/** Durable jobs that email notifications to recipients who want that kind by email. */
export const EMAIL_QUEUE = 'users.notification-email';

/** The notifications of one store to email (their recipients had `email` on for the kind). */
export interface NotificationEmailJob {
  notificationIds: string[];
}

/** Durable jobs that push notifications to the phones of recipients who want that kind pushed. */
export const PUSH_QUEUE = 'users.notification-push';

/** The notifications of one store to push (their recipients had `push` on and a device). */
export interface NotificationPushJob {
  notificationIds: string[];
}

export const NOTIFICATIONS_TOPIC = 'users.notificationAdded';

/** A notification to store for some recipients (the actor is never one of them). */
export interface NewNotification {
  kind: NotificationKind;
  /** What caused it, e.g. `video:<id>`: one notification per recipient, kind and source. */
  source: string;
  actorId: string | null;
  videoId?: string | null;
  liveStreamId?: string | null;
  commentId?: string | null;
  amountJpy?: number | null;
  reason?: string | null;
}

/** What travels through pub/sub (Redis when configured) once a notification is stored. */
export interface NotificationEvent {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  actorId: string | null;
  videoId: string | null;
  liveStreamId: string | null;
  commentId: string | null;
  amountJpy: number | null;
  reason: string | null;
  createdAt: string;
}

/** A statement selecting recipient ids (one column), with its bindings. */
export interface Recipients {
  sql: string;
  params: unknown[];
}

/**
 * Stores `notification` for every recipient in one INSERT … SELECT, leaving out the actor, anyone
 * who turned the kind off in the app, and anyone who already has it (a replay). Returns only the
 * rows inserted now, which are the ones to deliver once the transaction commits. Those whose
 * recipient wants this kind by email are handed, in the same transaction (the outbox), to one
 * durable email job, and those whose recipient has push on for it (the default) and a registered
 * phone to one durable push job: neither is sent from here, so a slow or failing provider holds
 * up nothing.
 */
export async function storeNotifications(
  em: EntityManager,
  recipients: Recipients,
  notification: NewNotification,
): Promise<NotificationEvent[]> {
  const rows: {
    id: string;
    recipient_id: string;
    created_at: Date;
    email: boolean;
    push: boolean;
  }[] = await em.execute(
    `insert into "users"."notification" ("id", "recipient_id", "kind", "source", "actor_id",
       "video_id", "live_stream_id", "comment_id", "amount_jpy", "reason", "created_at")
     select gen_random_uuid(), r."id", ?, ?, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::int, ?,
            date_trunc('milliseconds', clock_timestamp())
       from (${recipients.sql}) as r ("id")
      where r."id" is distinct from ?::uuid
        and not exists (select 1 from "users"."notification_setting" s
                         where s."user_id" = r."id" and s."kind" = ? and not s."in_app")
     on conflict ("recipient_id", "kind", "source") do nothing
     returning "id", "recipient_id", "created_at",
       exists (select 1 from "users"."notification_setting" s
                where s."user_id" = "recipient_id" and s."kind" = ? and s."email") as "email",
       exists (select 1 from "users"."push_device" d where d."user_id" = "recipient_id")
         and not exists (select 1 from "users"."notification_setting" s
                          where s."user_id" = "recipient_id" and s."kind" = ? and not s."push")
         as "push"`,
    [
      notification.kind,
      notification.source,
      notification.actorId,
      notification.videoId ?? null,
      notification.liveStreamId ?? null,
      notification.commentId ?? null,
      notification.amountJpy ?? null,
      notification.reason ?? null,
      ...recipients.params,
      notification.actorId,
      notification.kind,
      notification.kind,
      notification.kind,
    ],
  );
  const toEmail = rows.filter(row => row.email).map(row => row.id);
  if (toEmail.length > 0) {
    enqueueJob<NotificationEmailJob>(em, EMAIL_QUEUE, { notificationIds: toEmail });
  }
  const toPush = rows.filter(row => row.push).map(row => row.id);
  if (toPush.length > 0) {
    enqueueJob<NotificationPushJob>(em, PUSH_QUEUE, { notificationIds: toPush });
  }
  if (toEmail.length > 0 || toPush.length > 0) {
    await em.flush();
  }
  return rows.map(row => ({
    id: row.id,
    recipientId: row.recipient_id,
    kind: notification.kind,
    actorId: notification.actorId,
    videoId: notification.videoId ?? null,
    liveStreamId: notification.liveStreamId ?? null,
    commentId: notification.commentId ?? null,
    amountJpy: notification.amountJpy ?? null,
    reason: notification.reason ?? null,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/** One account, if it exists (events may name accounts this database does not have). */
export const theAccount = (userId: string): Recipients => ({
  sql: `select "id" from "users"."user" where "id" = ?`,
  params: [userId],
});

/** Tells each recipient's open `notificationAdded` subscriptions; call after the rows commit. */
export function deliverNotifications(
  shared: SharedState,
  log: Logger,
  notifications: NotificationEvent[],
) {
  for (const notification of notifications) {
    try {
      shared.pubSub.publish(NOTIFICATIONS_TOPIC, notification.recipientId, notification);
    } catch (err) {
      // Stored is what matters: the notification is in the list even if this live push is lost.
      log.warn({ err, notificationId: notification.id }, 'notification not published');
    }
  }
}
