import { NotificationKind } from './notification.entity';

/** What a notification's text is made of (read from its row, with the actor's handle). */
export interface NotificationFacts {
  kind: NotificationKind;
  actor_handle: string | null;
  video_id: string | null;
  live_stream_id: string | null;
  amount_jpy: number | null;
  reason?: string | null;
}

/** The screen a notification opens: the web app and the mobile app each turn it into their link. */
export type NotificationTarget =
  | { screen: 'watch'; id: string }
  | { screen: 'live'; id: string }
  | { screen: 'channel'; handle: string }
  | null;

export interface NotificationText {
  /** A short name of the kind (a push notification's title). */
  headline: string;
  /** What happened, in one line (an email's subject, a push notification's body). */
  subject: string;
  target: NotificationTarget;
}

const yen = (amount: number) => `¥${amount.toLocaleString('en-US')}`;

/** One wording of every notification, shared by the emails and the push notifications. */
export function notificationText(row: NotificationFacts): NotificationText {
  const who = row.actor_handle ? `@${row.actor_handle}` : 'Someone';
  const watch = row.video_id ? ({ screen: 'watch', id: row.video_id } as const) : null;
  const live = row.live_stream_id ? ({ screen: 'live', id: row.live_stream_id } as const) : null;
  switch (row.kind) {
    case NotificationKind.NEW_VIDEO:
      return { headline: 'New video', subject: `${who} published a new video`, target: watch };
    case NotificationKind.LIVE_STARTED:
      return { headline: 'Live now', subject: `${who} is live now`, target: live };
    case NotificationKind.NEW_FOLLOWER:
      return {
        headline: 'New follower',
        subject: `${who} followed you`,
        target: row.actor_handle ? { screen: 'channel', handle: row.actor_handle } : null,
      };
    case NotificationKind.COMMENT_ON_VIDEO:
      return { headline: 'New comment', subject: `${who} commented on your video`, target: watch };
    case NotificationKind.COMMENT_REPLY:
      return { headline: 'New reply', subject: `${who} replied to your comment`, target: watch };
    case NotificationKind.TIP_RECEIVED:
      return {
        headline: 'Tip received',
        subject: `${who} tipped you ${yen(row.amount_jpy ?? 0)}`,
        target: watch ?? live,
      };
    case NotificationKind.CONTENT_TAKEN_DOWN:
      return {
        headline: 'Content taken down',
        subject: `A moderator took down your ${row.video_id ? 'video' : row.live_stream_id ? 'live stream' : 'comment'}: ${row.reason ?? ''}`,
        target: watch ?? live,
      };
  }
}

/** The web app's page for a target: `/watch/<id>`, `/live/<id>`, `/@<handle>`. */
export function webLink(target: NotificationTarget, publicWebUrl: string): string | null {
  switch (target?.screen) {
    case 'watch':
      return `${publicWebUrl}/watch/${target.id}`;
    case 'live':
      return `${publicWebUrl}/live/${target.id}`;
    case 'channel':
      return `${publicWebUrl}/@${target.handle}`;
    default:
      return null;
  }
}

/**
 * The mobile app's deep link (its scheme is `vp`): `vp://watch/<id>`, `vp://live/<id>`,
 * `vp://channel/<handle>` (not `vp://@…`, which a URL parser reads as an empty user name), and
 * the notifications list when nothing more precise fits.
 */
export function appLink(target: NotificationTarget): string {
  switch (target?.screen) {
    case 'watch':
      return `vp://watch/${target.id}`;
    case 'live':
      return `vp://live/${target.id}`;
    case 'channel':
      return `vp://channel/${encodeURIComponent(target.handle)}`;
    default:
      return 'vp://notifications';
  }
}
