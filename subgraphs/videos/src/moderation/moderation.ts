import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { type ContentTakenDown, type UserSuspensionChanged, VideoDeleted } from '@vp/contracts';
import { type BaseContext, type EventOf, forbidden, isUuid, type Logger } from '@vp/kit';
import { addEngagement } from '../stats/counters';
import { emitVideoEvent } from '../videos/video-events';
import { Video } from '../videos/video.entity';

/**
 * What videos knows of users' suspensions (UserSuspensionChanged), one row per account: refuses a
 * suspended account's uploads and comments, and orders late deliveries (`changedAt`).
 */
@Entity({ tableName: 'account_suspension' })
export class AccountSuspension {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'boolean' })
  suspended!: boolean;

  /** Null while suspended: until lifted. */
  @Property({ type: 'datetime', nullable: true })
  suspendedUntil: Date | null = null;

  @Property({ type: 'datetime' })
  changedAt!: Date;
}

/** How "until lifted" is stored on videos and comments, so that one `> now()` test covers both. */
export const UNTIL_LIFTED = new Date('9999-12-31T00:00:00.000Z');

/**
 * Withdrawn from everyone but its owner and admins: taken down, or its owner suspended now. The
 * one rule every read of a video applies (canSee, lists, the SQL of joined lists).
 */
export const isWithdrawn = (video: Video, now = new Date()) =>
  video.takenDownAt !== null ||
  (video.ownerSuspendedUntil !== null && video.ownerSuspendedUntil.getTime() > now.getTime());

/** `isWithdrawn` negated, for lists. */
export const notWithdrawn = (now: Date): FilterQuery<Video> => ({
  takenDownAt: null,
  $or: [{ ownerSuspendedUntil: null }, { ownerSuspendedUntil: { $lte: now } }],
});

/** `notWithdrawn` over a video row aliased `alias`. */
export const notWithdrawnSql = (alias: string) =>
  `(${alias}."taken_down_at" is null and (${alias}."owner_suspended_until" is null or ${alias}."owner_suspended_until" <= now()))`;

/** Comments of a suspended author are hidden from lists until the suspension ends. */
export const authorNotSuspended = (now: Date) => ({
  $or: [{ authorSuspendedUntil: null }, { authorSuspendedUntil: { $lte: now } }],
});

/** A taken-down video stays as it is: its owner may delete it, not edit or publish it again. */
export function refuseTakenDown(video: Video) {
  if (video.takenDownAt) {
    throw forbidden(
      `This video was taken down by a moderator: ${video.takedownReason ?? ''}`.trim(),
    );
  }
}

/** Refuses what a suspended account may not do here (upload, comment), with a clear FORBIDDEN. */
export async function refuseSuspended(context: BaseContext, userId: string) {
  if (!isUuid(userId)) {
    return;
  }
  const suspension = await context.em.findOne(AccountSuspension, { userId });
  if (
    suspension?.suspended &&
    (suspension.suspendedUntil === null || suspension.suspendedUntil.getTime() > Date.now())
  ) {
    throw forbidden(
      suspension.suspendedUntil
        ? `Your account is suspended until ${suspension.suspendedUntil.toISOString()}.`
        : 'Your account is suspended.',
    );
  }
}

/**
 * Applies users' ContentTakenDown to a video or a comment (streams and chat are live's). A video
 * is marked (its owner still sees it, with the reason), refused to every other reader and to
 * playback (playback.service.ts), and leaves search, the followers' feeds and payments through
 * VideoDeleted, its last public state (as catalog content does). A comment is deleted as its
 * author would delete it. Repeats change nothing.
 */
export function contentTakenDownConsumer(log: Logger) {
  return async (event: EventOf<typeof ContentTakenDown>, em: EntityManager) => {
    const { targetType, targetId, reason, takenDownAt } = event.payload;
    if (targetType === 'VIDEO') {
      const video = await em.findOne(Video, { id: targetId });
      if (!video || video.takenDownAt) {
        return;
      }
      video.takenDownAt = new Date(takenDownAt);
      video.takedownReason = reason;
      emitVideoEvent(em, VideoDeleted, video);
      await em.flush();
      log.info({ videoId: video.id }, 'video taken down');
    } else if (targetType === 'COMMENT') {
      const [deleted]: { video_id: string; parent_id: string | null }[] = await em.execute(
        `update "videos"."comment" set "deleted_at" = ?, "body" = null
          where "id" = ? and "deleted_at" is null returning "video_id", "parent_id"`,
        [new Date(takenDownAt), targetId],
      );
      if (!deleted) {
        return;
      }
      if (deleted.parent_id) {
        await em.execute(
          `update "videos"."comment" set "reply_count" = "reply_count" - 1 where "id" = ?`,
          [deleted.parent_id],
        );
      }
      await addEngagement(em, deleted.video_id, { comments: -1 });
    }
  };
}

/**
 * Applies users' UserSuspensionChanged (only a newer change counts): the account's videos and
 * comments carry the suspension's end, so every list hides them with a column condition, and
 * lifting it (or its end passing) shows them again.
 */
export async function applySuspensionChange(
  event: EventOf<typeof UserSuspensionChanged>,
  em: EntityManager,
) {
  const { userId, suspended, suspendedUntil, changedAt } = event.payload;
  const applied: unknown[] = await em.execute(
    `insert into "videos"."account_suspension" ("user_id", "suspended", "suspended_until", "changed_at")
     values (?, ?, ?, ?)
     on conflict ("user_id") do update set "suspended" = excluded."suspended",
       "suspended_until" = excluded."suspended_until", "changed_at" = excluded."changed_at"
     where "account_suspension"."changed_at" < excluded."changed_at"
     returning "user_id"`,
    [userId, suspended, suspendedUntil, changedAt],
  );
  if (applied.length === 0) {
    return;
  }
  const hiddenUntil = suspended ? (suspendedUntil ? new Date(suspendedUntil) : UNTIL_LIFTED) : null;
  await em.execute(`update "videos"."video" set "owner_suspended_until" = ? where "owner_id" = ?`, [
    hiddenUntil,
    userId,
  ]);
  await em.execute(
    `update "videos"."comment" set "author_suspended_until" = ? where "author_id" = ?`,
    [hiddenUntil, userId],
  );
}
