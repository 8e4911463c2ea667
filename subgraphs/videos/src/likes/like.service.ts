import { VideoLiked } from '@vp/contracts';
import {
  type BaseContext,
  emitEvent,
  isUuid,
  loaderFor,
  preparedRead,
  requireViewer,
} from '@vp/kit';
import { addEngagement } from '../stats/counters';
import { requireVisibleVideo } from '../videos/video-access';
import { type Video } from '../videos/video.entity';

/**
 * Likes (or unlikes) a video for the signed-in viewer. Idempotent: the like row's primary key
 * decides whether anything changed, and only a change moves the counters, in the same
 * transaction, so concurrent and repeated calls leave exact totals.
 */
export async function setLiked(
  context: BaseContext,
  videoId: string,
  liked: boolean,
): Promise<Video> {
  const viewer = requireViewer(context.viewer);
  const video = await requireVisibleVideo(context, videoId, 'id');
  await context.em.transactional(async em => {
    const changed: unknown[] = liked
      ? await em.execute(
          `insert into "videos"."video_like" ("video_id", "user_id", "created_at") values (?, ?, now())
           on conflict do nothing returning "user_id"`,
          [video.id, viewer.id],
        )
      : await em.execute(
          `delete from "videos"."video_like" where "video_id" = ? and "user_id" = ? returning "user_id"`,
          [video.id, viewer.id],
        );
    if (changed.length === 0) {
      return;
    }
    if (liked && viewer.id !== video.ownerId) {
      emitEvent(em, VideoLiked, {
        videoId: video.id,
        videoOwnerId: video.ownerId,
        userId: viewer.id,
        likedAt: new Date().toISOString(),
      });
      await em.flush();
    }
    await addEngagement(em, video.id, { likes: liked ? 1 : -1 });
  });
  return video;
}

/** The signed-in viewer's likes of the videos a request asks about: one statement for them all. */
function viewerLikesLoader(context: BaseContext, viewerId: string) {
  return loaderFor<string, boolean>(context, 'videos.viewerLikes', async ids => {
    // prepared once per connection: every watch page and list of shorts asks it
    const rows = (await preparedRead(
      context.em,
      'videos.viewer-likes',
      `select "video_id" from "videos"."video_like" where "user_id" = $1 and "video_id" = any($2::uuid[])`,
      [viewerId, ids.filter(isUuid)],
    )) as { video_id: string }[];
    const liked = new Set(rows.map(row => row.video_id));
    return ids.map(id => liked.has(id));
  });
}

/** Whether the signed-in viewer likes the video; one statement per request for every video asked. */
export async function viewerHasLiked(context: BaseContext, videoId: string): Promise<boolean> {
  const viewer = context.viewer;
  if (!viewer || !isUuid(viewer.id)) {
    return false;
  }
  return (await viewerLikesLoader(context, viewer.id).load(videoId)) ?? false;
}

/**
 * Hands `viewerHasLiked` what another statement of this request read (videos/viewer-video.ts).
 * Only for reads: a like changed in this request must be read afterwards.
 */
export function primeViewerHasLiked(context: BaseContext, videoId: string, liked: boolean) {
  if (context.viewer) {
    viewerLikesLoader(context, context.viewer.id).prime(videoId, liked);
  }
}
