import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { ContentTakenDown } from '@vp/contracts';
import {
  badInput,
  type BaseContext,
  checkPageSize,
  type Connection,
  decodeTimeCursor,
  emitEvent,
  enforceRateLimit,
  forbidden,
  isUuid,
  notFound,
  Role,
  toConnection,
} from '@vp/kit';
import { requireAccount } from '../accounts/account-access';
import { User } from '../accounts/user.entity';
import { audit, AuditAction } from '../audit/audit';
import { FeedEntry, FeedEntryKind } from '../feed/feed-entry.entity';
import { NotificationKind } from '../notifications/notification.entity';
import {
  deliverNotifications,
  type NotificationEvent,
  storeNotifications,
  theAccount,
} from '../notifications/notifications';
import {
  CommentAuthor,
  ContentReport,
  ModerationAction,
  ModerationItem,
  priorityOf,
  type ReportReason,
  ReportStatus,
  ReportTargetType,
  Takedown,
} from './moderation.entity';
import { suspend } from './suspension';

/** Reports one account may file: enough for a bad evening, not for flooding the queue. */
export const REPORT_LIMIT = { points: 20, windowMs: 60 * 60 * 1000 };
export const REPORT_DETAILS_MAX = 2000;
export const TAKEDOWN_REASON_MAX = 1000;

/** The signed-in account if it holds MODERATOR or ADMIN now (stored roles, not the token's). */
export async function requireModerator(ctx: BaseContext): Promise<User> {
  const { user } = await requireAccount(ctx);
  if (!user.roles.includes(Role.MODERATOR) && !user.roles.includes(Role.ADMIN)) {
    throw forbidden('Only a moderator or an admin can do this.');
  }
  return user;
}

/**
 * Whether a target exists and whose it is, from what users knows: accounts (its own table),
 * videos and live streams (the feed's read model, fed by videos' and live's events), comments
 * (`comment_author`, fed by CommentAdded). Chat messages are not announced by any event (one per
 * message would be too many), so they cannot be checked here: they are taken as given, with no
 * known owner, and live ignores a takedown of a message it does not have. Null: unknown or gone.
 */
export async function findTarget(
  em: EntityManager,
  targetType: ReportTargetType,
  targetId: string,
): Promise<{ ownerId: string | null } | null> {
  switch (targetType) {
    case ReportTargetType.USER: {
      const user = await em.findOne(User, { id: targetId }, { fields: ['id'] });
      return user ? { ownerId: user.id } : null;
    }
    case ReportTargetType.VIDEO:
    case ReportTargetType.LIVE_STREAM: {
      const kind =
        targetType === ReportTargetType.VIDEO ? FeedEntryKind.VIDEO : FeedEntryKind.LIVE_STREAM;
      const entry = await em.findOne(FeedEntry, { id: targetId, kind, deleted: false });
      return entry ? { ownerId: entry.ownerId } : null;
    }
    case ReportTargetType.COMMENT: {
      const comment = await em.findOne(CommentAuthor, { commentId: targetId });
      return comment ? { ownerId: comment.authorId } : null;
    }
    case ReportTargetType.CHAT_MESSAGE:
      return { ownerId: null };
  }
}

function requireTargetId(targetId: string, field = 'input.targetId') {
  if (!isUuid(targetId)) {
    throw badInput('Not an id.', [{ field, message: 'Not an id.' }]);
  }
}

export interface ReportRequest {
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  details: string;
}

/**
 * Files the viewer's report. Every attempt counts against the viewer's hourly limit first. The
 * report joins the target's open case (or opens one) with one atomic upsert, so concurrent
 * reports of one target still make one queue item with the right count.
 */
export async function reportContent(ctx: BaseContext, input: ReportRequest) {
  const { user } = await requireAccount(ctx);
  await enforceRateLimit(
    ctx.shared.rateLimiter,
    `report:${user.id}`,
    REPORT_LIMIT,
    'You have sent many reports recently. Try again later.',
  );
  requireTargetId(input.targetId);
  const target = await findTarget(ctx.em, input.targetType, input.targetId);
  if (!target) {
    throw notFound(`The ${input.targetType.toLowerCase().replace('_', ' ')}`);
  }
  if (target.ownerId === user.id) {
    throw badInput('You cannot report your own content.', [
      { field: 'input.targetId', message: 'This is yours.' },
    ]);
  }
  const alreadyReported = () =>
    badInput('You have already reported this.', [
      { field: 'input.targetId', message: 'Already reported by you.' },
    ]);
  const existing = await ctx.em.count(ContentReport, {
    reporterId: user.id,
    targetType: input.targetType,
    targetId: input.targetId,
  });
  if (existing > 0) {
    throw alreadyReported();
  }
  try {
    return await ctx.em.transactional(async em => {
      const now = new Date();
      const [row]: { id: string }[] = await em.execute(
        `insert into "users"."moderation_case" ("id", "target_type", "target_id", "target_owner_id", "reason",
           "priority", "report_count", "status", "created_at", "last_reported_at")
         values (gen_random_uuid(), ?, ?, ?, ?, ?, 1, 'OPEN', ?, ?)
         on conflict ("target_type", "target_id") where "status" = 'OPEN' do update set
           "report_count" = "moderation_case"."report_count" + 1,
           "last_reported_at" = excluded."last_reported_at",
           "priority" = least("moderation_case"."priority", excluded."priority"),
           "reason" = case when excluded."priority" < "moderation_case"."priority"
                           then excluded."reason" else "moderation_case"."reason" end
         returning "id"`,
        [
          input.targetType,
          input.targetId,
          target.ownerId,
          input.reason,
          priorityOf(input.reason),
          now,
          now,
        ],
      );
      const report = em.create(ContentReport, {
        case: em.getReference(ModerationItem, row.id),
        reporterId: user.id,
        targetType: input.targetType,
        targetId: input.targetId,
        reason: input.reason,
        details: input.details,
        createdAt: now,
      });
      await em.flush();
      return report;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw alreadyReported();
    }
    throw error;
  }
}

/** A report's status is its case's. */
export async function statusOfReport(ctx: BaseContext, report: ContentReport) {
  const moderationCase = await ctx.em.findOneOrFail(ModerationItem, { id: report.case.id });
  return moderationCase.status;
}

const queueLabel = (priority: number) => `queue:${priority}`;
const QUEUE_LABELS = [queueLabel(0), queueLabel(1)];

/** The queue: CHILD_SAFETY items first, then oldest first, so nothing waits forever. */
export async function moderationQueue(
  ctx: BaseContext,
  status: ReportStatus,
  page: { first: number; after?: string | null },
): Promise<Connection<ModerationItem>> {
  await requireModerator(ctx);
  const first = checkPageSize(page.first);
  const params: unknown[] = [status];
  let keyset = '';
  if (page.after) {
    const cursor = decodeTimeCursor(page.after, QUEUE_LABELS);
    const priority = Number(cursor.label.split(':')[1]);
    keyset = `and ("priority", "created_at", "id") > (?, ?, ?::uuid)`;
    params.push(priority, cursor.at, cursor.id);
  }
  params.push(first + 1);
  const rows: { id: string }[] = await ctx.em.execute(
    `select "id" from "users"."moderation_case" where "status" = ? ${keyset}
      order by "priority", "created_at", "id" limit ?`,
    params,
  );
  const cases = await ctx.em.find(
    ModerationItem,
    { id: { $in: rows.map(row => row.id) } },
    { orderBy: { priority: 'asc', createdAt: 'asc', id: 'asc' } },
  );
  return toConnection(cases, first, item => [
    queueLabel(item.priority),
    item.createdAt.toISOString(),
    item.id,
  ]);
}

export interface TakedownRequest {
  targetType: ReportTargetType;
  targetId: string;
  reason: string;
}

/**
 * Takes content down, in one transaction: the takedown row (once per target: a second one changes
 * nothing), ContentTakenDown for the subgraph that owns the content (videos, live, search hide it
 * and stop it), the audit entry, the target's open case resolved, and the owner's notification with
 * the reason. Returns the notifications to deliver once committed.
 */
async function applyTakedown(
  em: EntityManager,
  moderator: User,
  ip: string | null,
  request: TakedownRequest,
  ownerId: string | null,
): Promise<NotificationEvent[]> {
  const now = new Date();
  const inserted: unknown[] = await em.execute(
    `insert into "users"."takedown" ("target_type", "target_id", "owner_id", "reason", "taken_down_by", "taken_down_at")
     values (?, ?, ?, ?, ?, ?) on conflict do nothing returning "target_id"`,
    [request.targetType, request.targetId, ownerId, request.reason, moderator.id, now],
  );
  if (inserted.length === 0) {
    return [];
  }
  emitEvent(em, ContentTakenDown, {
    targetType: request.targetType as Exclude<ReportTargetType, ReportTargetType.USER>,
    targetId: request.targetId,
    reason: request.reason,
    takenDownAt: now.toISOString(),
  });
  audit(em, {
    action: AuditAction.CONTENT_TAKEN_DOWN,
    actorId: moderator.id,
    ip,
    targetType: request.targetType,
    targetId: request.targetId,
    detail: { reason: request.reason, ownerId },
  });
  await em.nativeUpdate(
    ModerationItem,
    { targetType: request.targetType, targetId: request.targetId, status: ReportStatus.OPEN },
    {
      status: ReportStatus.RESOLVED,
      resolvedAt: now,
      resolvedBy: moderator.id,
      action: ModerationAction.REMOVE_CONTENT,
    },
  );
  await em.flush();
  if (!ownerId) {
    return [];
  }
  return storeNotifications(em, theAccount(ownerId), {
    kind: NotificationKind.CONTENT_TAKEN_DOWN,
    source: `takedown:${request.targetType}:${request.targetId}`,
    // moderators act for the platform: the owner is not told which one
    actorId: null,
    videoId: request.targetType === ReportTargetType.VIDEO ? request.targetId : null,
    liveStreamId: request.targetType === ReportTargetType.LIVE_STREAM ? request.targetId : null,
    commentId: request.targetType === ReportTargetType.COMMENT ? request.targetId : null,
    reason: request.reason,
  });
}

function refuseUserTarget(targetType: ReportTargetType) {
  if (targetType === ReportTargetType.USER) {
    throw badInput('An account is not taken down: suspend it instead (suspendUser).', [
      { field: 'input.targetType', message: 'Use suspendUser for an account.' },
    ]);
  }
}

/** takeDown (MODERATOR or ADMIN): true once the content is down (also when it already was). */
export async function takeDown(ctx: BaseContext, request: TakedownRequest): Promise<boolean> {
  const moderator = await requireModerator(ctx);
  refuseUserTarget(request.targetType);
  requireTargetId(request.targetId);
  const done = await ctx.em.findOne(Takedown, {
    targetType: request.targetType,
    targetId: request.targetId,
  });
  if (done) {
    return true;
  }
  const target = await findTarget(ctx.em, request.targetType, request.targetId);
  if (!target) {
    throw notFound(`The ${request.targetType.toLowerCase().replace('_', ' ')}`);
  }
  const notifications = await ctx.em.transactional(em =>
    applyTakedown(em, moderator, ctx.client?.ip ?? null, request, target.ownerId),
  );
  deliverNotifications(ctx.shared, ctx.log, notifications);
  return true;
}

/**
 * Resolves one open queue item: DISMISS, REMOVE_CONTENT (a takedown with the note as its reason)
 * or SUSPEND_USER (its owner, until lifted). The item is locked while it is decided, so two
 * moderators cannot both resolve it.
 */
export async function resolveReport(
  ctx: BaseContext,
  id: string,
  action: ModerationAction,
  note: string | null,
): Promise<ModerationItem> {
  const moderator = await requireModerator(ctx);
  if (!isUuid(id)) {
    throw badInput('Not an id.', [{ field: 'id', message: 'Not an id.' }]);
  }
  const ip = ctx.client?.ip ?? null;
  const { item, notifications } = await ctx.em.transactional(async em => {
    const item = await em.findOne(ModerationItem, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!item) {
      throw notFound('The report');
    }
    if (item.status !== ReportStatus.OPEN) {
      throw badInput(`This report is already ${item.status}.`, [
        { field: 'id', message: 'Already resolved.' },
      ]);
    }
    const reason = note?.trim() || `Reported for ${item.reason.toLowerCase().replace('_', ' ')}.`;
    let notifications: NotificationEvent[] = [];
    if (action === ModerationAction.REMOVE_CONTENT) {
      if (item.targetType === ReportTargetType.USER) {
        throw badInput('An account is not removed: resolve with SUSPEND_USER.', [
          { field: 'action', message: 'Use SUSPEND_USER for an account.' },
        ]);
      }
      notifications = await applyTakedown(
        em,
        moderator,
        ip,
        { targetType: item.targetType, targetId: item.targetId, reason },
        item.targetOwnerId,
      );
    } else if (action === ModerationAction.SUSPEND_USER) {
      const ownerId =
        item.targetType === ReportTargetType.USER ? item.targetId : item.targetOwnerId;
      const owner = ownerId ? await em.findOne(User, { id: ownerId }) : null;
      if (!owner) {
        throw badInput(
          'Whose content this is is not known here: suspend the account with suspendUser.',
          [{ field: 'action', message: 'The owner is not known.' }],
        );
      }
      await suspend({ em, shared: ctx.shared, log: ctx.log }, moderator, ip, owner, {
        until: null,
        reason,
      });
    }
    item.status =
      action === ModerationAction.DISMISS ? ReportStatus.DISMISSED : ReportStatus.RESOLVED;
    item.resolvedAt = new Date();
    item.resolvedBy = moderator.id;
    item.action = action;
    item.note = note?.trim() || null;
    audit(em, {
      action: AuditAction.REPORT_RESOLVED,
      actorId: moderator.id,
      ip,
      targetType: 'REPORT',
      targetId: item.id,
      detail: {
        resolution: action,
        targetType: item.targetType,
        targetId: item.targetId,
        reportCount: item.reportCount,
      },
    });
    await em.flush();
    return { item, notifications };
  });
  deliverNotifications(ctx.shared, ctx.log, notifications);
  return item;
}
