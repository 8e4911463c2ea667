import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { type ContentTakenDown, type UserSuspensionChanged, VideoDeleted } from '@vp/contracts';
import {
  type EventOf,
  forbidden,
  hiddenBySuspension,
  type Logger,
  notSuspendedSql,
  recordSuspensionChange,
} from '@vp/kit';
import { addEngagement } from '../stats/counters';
import { emitVideoEvent } from '../videos/video-events';
import { Video } from '../videos/video.entity';

/**
 * Withdrawn from everyone but its owner and admins: taken down, or its owner suspended now. The
 * one rule every read of a video applies (canSee, lists, the SQL of joined lists).
 */
export const isWithdrawn = (video: Video, now = new Date()) =>
  video.takenDownAt !== null || hiddenBySuspension(video.ownerSuspendedUntil, now);

/** `isWithdrawn` negated, for lists. */
export const notWithdrawn = (now: Date): FilterQuery<Video> => ({
  takenDownAt: null,
  $or: [{ ownerSuspendedUntil: null }, { ownerSuspendedUntil: { $lte: now } }],
});

/** `notWithdrawn` over a video row aliased `alias`. */
export const notWithdrawnSql = (alias: string) =>
  `(${alias}."taken_down_at" is null and ${notSuspendedSql(`${alias}."owner_suspended_until"`)})`;

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
 * Applies users' UserSuspensionChanged (only a newer change counts, kit's read model): the
 * account's videos and comments carry the suspension's end, so every list hides them with a column
 * condition, and lifting it (or its end passing) shows them again.
 */
export async function applySuspensionChange(
  event: EventOf<typeof UserSuspensionChanged>,
  em: EntityManager,
) {
  const hiddenUntil = await recordSuspensionChange(event, em);
  if (hiddenUntil === undefined) {
    return;
  }
  const { userId } = event.payload;
  await em.execute(`update "videos"."video" set "owner_suspended_until" = ? where "owner_id" = ?`, [
    hiddenUntil,
    userId,
  ]);
  await em.execute(
    `update "videos"."comment" set "author_suspended_until" = ? where "author_id" = ?`,
    [hiddenUntil, userId],
  );
}
