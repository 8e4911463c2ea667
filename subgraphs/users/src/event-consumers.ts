import {
  AuditRecorded,
  CommentAdded,
  EntitlementChanged,
  LiveStreamChanged,
  MoneyEmailDue,
  TipReceived,
  UserFollowed,
  UserRegistered,
  UserRolesChanged,
  VideoDeleted,
  VideoPublished,
  VideoUpdated,
} from '@vp/contracts';
import {
  applyEntitlementChange,
  createLogger,
  type Messaging,
  type MikroORM,
  type SharedState,
} from '@vp/kit';
import { countSignup } from './analytics/analytics.resolver';
import { storeAuditRecorded } from './audit/audit';
import { rememberCommentAuthor } from './moderation/comment-authors';
import { applyLiveStreamChange, applyVideoChange, applyVideoDeleted } from './feed/feed.consumers';
import { type Mailer } from './mail';
import { defineMoneyEmails, storeMoneyEmail } from './money-emails/money-emails';
import { defineNotificationEmails } from './notifications/notification-email';
import { notificationHandlers } from './notifications/notification.consumers';
import { webhookHandlers as webhooks } from './webhooks/webhook.consumers';

/**
 * Every event users consumes, each registered once (one queue, `users.<Event>`, and one inbox
 * entry per event): an event that feeds both the subscriptions feed's read model and the
 * notifications is handled by both in the same transaction, the read model first, so the
 * notification decides on the item's newest known state. Webhook deliveries of the owner's
 * endpoints are queued in the same transaction (src/webhooks/).
 */
export async function registerEventConsumers(
  messaging: Messaging,
  shared: SharedState,
  orm: MikroORM,
  mail: { mailer: Mailer; publicWebUrl: string },
) {
  const notify = await notificationHandlers(messaging, shared, orm);
  await defineNotificationEmails(messaging, { ...mail, log: createLogger('users-mail') });
  // receipts, failed payments, renewals, cancellations, tips and withdrawals, asked for by payments
  await defineMoneyEmails(messaging, { ...mail, log: createLogger('users-money-mail') });
  await messaging.onEvent(MoneyEmailDue, (event, em) => storeMoneyEmail(em, event));

  await messaging.onEvent(VideoPublished, async (event, em) => {
    await notify.videoPublished(event, em, await applyVideoChange(event, em));
    await webhooks.videoPublished(event, em);
  });
  await messaging.onEvent(VideoUpdated, async (event, em) => {
    await applyVideoChange(event, em);
  });
  await messaging.onEvent(VideoDeleted, async (event, em) => {
    await applyVideoDeleted(event, em);
    await webhooks.videoDeleted(event, em);
  });
  await messaging.onEvent(LiveStreamChanged, async (event, em) => {
    await notify.liveStreamChanged(event, em, await applyLiveStreamChange(event, em));
    await webhooks.liveStreamChanged(event, em);
  });
  await messaging.onEvent(UserFollowed, notify.userFollowed);
  // sign-ups by day for analysts
  await messaging.onEvent(UserRegistered, countSignup);
  await messaging.onEvent(CommentAdded, async (event, em) => {
    // who wrote it, for reports and takedowns of comments (src/moderation/)
    await rememberCommentAuthor(event, em);
    await notify.commentAdded(event);
  });
  // other subgraphs' privileged actions, for the audit log
  await messaging.onEvent(AuditRecorded, storeAuditRecorded);
  await messaging.onEvent(TipReceived, async (event, em) => {
    await notify.tipReceived(event);
    await webhooks.tipReceived(event, em);
  });
  // A role change by the admin CLI (another process) reaches every subgraph from here; one by
  // setUserRoles was announced at once, and this repeats it harmlessly. Tokens carrying other
  // roles are refused; an older change heard after a newer one is ignored (changedAt).
  await messaging.onEvent(UserRolesChanged, async event => {
    await shared.revocations.publish({
      userId: event.payload.userId,
      roles: event.payload.roles,
      changedAt: new Date(event.occurredAt).getTime(),
      reason: 'ROLES_CHANGED',
    });
  });
  // The age rule's verdicts (adult items in feeds and notifications), as videos and live keep them.
  await messaging.onEvent(EntitlementChanged, applyEntitlementChange);
}
