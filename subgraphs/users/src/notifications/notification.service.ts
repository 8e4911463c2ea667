import {
  badInput,
  type BaseContext,
  checkPageSize,
  type Connection,
  decodeTimeCursor,
  pastKey,
  forbidden,
  preparedRead,
  toConnection,
} from '@vp/kit';
import { isUuid, requireAccount } from '../accounts/account-access';
import { type User } from '../accounts/user.entity';
import {
  DEFAULT_SETTING,
  Notification,
  NotificationKind,
  NotificationSetting,
} from './notification.entity';
import { type NotificationEvent } from './notifications';

const LIST = 'notifications';
/** Most ids one markNotificationsRead takes. */
export const MAX_MARK_READ_IDS = 500;

/** The account itself, signed in: nobody else reads or changes its notifications. */
async function requireOwner(context: BaseContext, user: User) {
  const { user: viewer } = await requireAccount(context);
  if (viewer.id !== user.id) {
    throw forbidden('Only the account itself sees its notifications.');
  }
  return viewer;
}

/** The account's notifications, newest first (keyset on creation time and id). */
export async function notificationList(
  context: BaseContext,
  user: User,
  page: { first: number; after?: string | null },
): Promise<Connection<Notification>> {
  await requireOwner(context, user);
  const first = checkPageSize(page.first);
  const cursor = page.after ? decodeTimeCursor(page.after, [LIST]) : null;
  const rows = await context.em.find(
    Notification,
    {
      recipientId: user.id,
      ...pastKey(cursor),
    },
    { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: first + 1 },
  );
  return toConnection(rows, first, row => [LIST, row.createdAt.toISOString(), row.id]);
}

export async function unreadCount(context: BaseContext, user: User): Promise<number> {
  await requireOwner(context, user);
  // prepared once per connection: every page's header asks it for a signed-in viewer, and
  // MikroORM's count (query builder, knex) cost more CPU than the count itself
  const [row] = await preparedRead(
    context.em,
    'users.unread-notification-count',
    `select count(*)::int as "unread" from "users"."notification"
       where "recipient_id" = $1 and "read_at" is null`,
    [user.id],
  );
  return Number(row.unread);
}

/** Marks the signed-in account's notifications read (all when `ids` is absent); ids of others' are ignored. */
export async function markRead(
  context: BaseContext,
  ids: string[] | null | undefined,
): Promise<number> {
  const { user } = await requireAccount(context);
  if (ids) {
    if (ids.length > MAX_MARK_READ_IDS) {
      throw badInput(`ids: At most ${MAX_MARK_READ_IDS} at once.`, [
        { field: 'ids', message: `At most ${MAX_MARK_READ_IDS} at once.` },
      ]);
    }
    if (!ids.every(isUuid)) {
      throw badInput('ids: Not notification ids.', [
        { field: 'ids', message: 'Not notification ids.' },
      ]);
    }
    if (ids.length === 0) {
      return 0;
    }
  }
  return context.em.nativeUpdate(
    Notification,
    { recipientId: user.id, readAt: null, ...(ids ? { id: { $in: ids } } : {}) },
    { readAt: new Date() },
  );
}

export async function notificationSettings(
  context: BaseContext,
  user: User,
): Promise<NotificationSetting[]> {
  await requireOwner(context, user);
  const stored = await context.em.find(NotificationSetting, { userId: user.id });
  return Object.values(NotificationKind).map(
    kind =>
      stored.find(setting => setting.kind === kind) ??
      Object.assign(new NotificationSetting(), { userId: user.id, kind, ...DEFAULT_SETTING }),
  );
}

/** Sets the signed-in account's choice for one kind; a field left out keeps its value. */
export async function updateSetting(
  context: BaseContext,
  input: {
    kind: NotificationKind;
    inApp?: boolean | null;
    email?: boolean | null;
    push?: boolean | null;
  },
): Promise<NotificationSetting> {
  const { user } = await requireAccount(context);
  if (input.kind === NotificationKind.CONTENT_TAKEN_DOWN && input.inApp === false) {
    // a takedown of your content is always told to you (the email and push copies stay your choice)
    throw badInput('Takedown notices cannot be turned off.', [
      { field: 'input.inApp', message: 'Always on for CONTENT_TAKEN_DOWN.' },
    ]);
  }
  const [row]: { in_app: boolean; email: boolean; push: boolean }[] = await context.em.execute(
    `insert into "users"."notification_setting" ("user_id", "kind", "in_app", "email", "push")
     values (?, ?, coalesce(?::boolean, ?), coalesce(?::boolean, ?), coalesce(?::boolean, ?))
     on conflict ("user_id", "kind") do update set
       "in_app" = coalesce(?::boolean, "notification_setting"."in_app"),
       "email" = coalesce(?::boolean, "notification_setting"."email"),
       "push" = coalesce(?::boolean, "notification_setting"."push")
     returning "in_app", "email", "push"`,
    [
      user.id,
      input.kind,
      input.inApp ?? null,
      DEFAULT_SETTING.inApp,
      input.email ?? null,
      DEFAULT_SETTING.email,
      input.push ?? null,
      DEFAULT_SETTING.push,
      input.inApp ?? null,
      input.email ?? null,
      input.push ?? null,
    ],
  );
  return Object.assign(new NotificationSetting(), {
    userId: user.id,
    kind: input.kind,
    inApp: row.in_app,
    email: row.email,
    push: row.push,
  });
}

/** The notification a subscriber receives, rebuilt from what pub/sub carried. */
export const notificationFromEvent = (event: NotificationEvent): Notification =>
  Object.assign(new Notification(), {
    ...event,
    createdAt: new Date(event.createdAt),
    readAt: null,
    source: '',
  });
