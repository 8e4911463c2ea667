import { VideoFinished, VideoLiked, ViewCounted, WatchHistoryCleared } from '@vp/contracts';
import { type Messaging } from '@vp/kit';
import { recordViews, touchWatch, viewerKeyOf } from '../discovery/signals';

/**
 * The ranking read models, from videos' engagement events (at least once, in any order; the
 * inbox drops redeliveries, and every change here is a sum or a maximum, so order does not matter):
 * - ViewCounted: the video's view count and trend scores, and the viewer's history (co-viewing,
 *   recommendations, continue watching);
 * - VideoFinished: when the viewer finished it (the shorts feed never repeats a short finished in
 *   the last 7 days; continue watching leaves it);
 * - VideoLiked: the like count, and the like in the user's history (recommendations);
 * - WatchHistoryCleared: the user's history until then is forgotten, and late events from before
 *   it are not kept again (trend scores and counts are aggregates and stay).
 */
/** Finishes and likes come often: a worker takes them in batches (see Messaging.onEvent). */
const FREQUENT = { batchSize: 100 };

export async function consumeWatchEvents(messaging: Messaging) {
  // One transaction per batch, set-based: thousands of views a second on one worker.
  await messaging.onEventBatch(
    ViewCounted,
    (events, em) =>
      recordViews(
        em,
        events.map(event => ({
          videoId: event.payload.videoId,
          viewerKey: viewerKeyOf(event.payload),
          at: new Date(event.payload.countedAt),
        })),
      ),
    {},
    { batchSize: 500 },
  );
  await messaging.onEvent(
    VideoFinished,
    async (event, em) => {
      const finish = event.payload;
      const viewerKey = viewerKeyOf(finish);
      if (viewerKey) {
        const at = new Date(finish.finishedAt);
        await touchWatch(em, viewerKey, finish.videoId, at, {
          column: 'finished_at',
          sql: `greatest(w."finished_at", excluded."finished_at")`,
          initial: at,
        });
      }
    },
    {},
    FREQUENT,
  );
  await messaging.onEvent(
    VideoLiked,
    async (event, em) => {
      const like = event.payload;
      const at = new Date(like.likedAt);
      await em.getConnection().execute(
        `insert into "search"."signal" as s ("video_id", "like_count") values (?, 1)
       on conflict ("video_id") do update set "like_count" = s."like_count" + 1`,
        [like.videoId],
      );
      await touchWatch(em, `u:${like.userId.toLowerCase()}`, like.videoId, at, {
        column: 'liked_at',
        sql: `greatest(w."liked_at", excluded."liked_at")`,
        initial: at,
      });
    },
    {},
    FREQUENT,
  );
  await messaging.onEvent(WatchHistoryCleared, async (event, em) => {
    const viewerKey = `u:${event.payload.userId.toLowerCase()}`;
    const clearedAt = new Date(event.payload.clearedAt);
    const connection = em.getConnection();
    await connection.execute(
      `insert into "search"."history_clear" as c ("viewer_key", "cleared_at") values (?, ?)
       on conflict ("viewer_key") do update set "cleared_at" = greatest(c."cleared_at", excluded."cleared_at")`,
      [viewerKey, clearedAt],
    );
    await connection.execute(
      `delete from "search"."watch" where "viewer_key" = ? and "last_viewed_at" <= ?`,
      [viewerKey, clearedAt],
    );
  });
}
