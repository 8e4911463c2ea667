import {
  type BaseContext,
  byIds,
  isUuid,
  loaderFor,
  mapRows,
  type PlanTier,
  preparedRead,
  primeEntitlement,
} from '@vp/kit';
import { primeViewerHasLiked } from '../likes/like.service';
import { COUNTER_COLUMNS, counterJoin, takeCounters } from '../stats/counters';
import { primeViewerProgress } from '../views/view.service';
import { Video } from './video.entity';
import { canSee, findVisibleVideoEntity } from './video.service';

/**
 * A video with its totals and, in the same row, what the signed-in viewer ($2) has to do with it:
 * their like, their place in it and their plan (the read model's row, for the playback decision).
 * The watch page asks all of these, and each used to be a round trip of its own.
 */
const VIEWER_VIDEO_SQL = `select v.*, ${COUNTER_COLUMNS},
    vl."user_id" is not null as "viewer_liked",
    wp."position_seconds" as "viewer_position_seconds", wp."completed" as "viewer_completed",
    to_json(wp."watched_at") #>> '{}' as "viewer_watched_at",
    ve."tier" as "viewer_tier", ve."age_verified" as "viewer_age_verified"
  from "videos"."video" v ${counterJoin('v')}
  left join "videos"."video_like" vl on vl."video_id" = v."id" and vl."user_id" = $2
  left join "videos"."watch_progress" wp on wp."video_id" = v."id" and wp."user_id" = $2
  left join "videos"."viewer_entitlement" ve on ve."user_id" = $2
  where v."id" = any($1::uuid[])`;

/**
 * Takes the viewer's columns out of rows of VIEWER_VIDEO_SQL (leaving the video's own and its
 * totals) and hands each to the loader that would otherwise read it.
 */
function takeViewerColumns(
  context: BaseContext,
  viewerId: string,
  rows: Record<string, unknown>[],
) {
  return rows.map(row => {
    const {
      viewer_liked: liked,
      viewer_position_seconds: positionSeconds,
      viewer_completed: completed,
      viewer_watched_at: watchedAt,
      viewer_tier: tier,
      viewer_age_verified: ageVerified,
      ...videoColumns
    } = row;
    const videoId = row.id as string;
    primeViewerHasLiked(context, videoId, liked === true);
    primeViewerProgress(
      context,
      videoId,
      positionSeconds == null
        ? null
        : {
            position_seconds: positionSeconds as number,
            completed: completed as boolean,
            watched_at: watchedAt as string,
          },
    );
    primeEntitlement(context, viewerId, {
      tier: tier as PlanTier | null,
      age_verified: ageVerified as boolean | null,
    });
    return videoColumns;
  });
}

/**
 * `video(id)`: the video if the viewer may see it (as `findVisibleVideo`), read for a signed-in
 * viewer with everything of theirs that the watch page shows in one statement, prepared once per
 * connection. Only for queries: these rows are read before anything of the request changes.
 */
export async function findVideoForViewer(context: BaseContext, id: string): Promise<Video | null> {
  const viewer = context.viewer;
  if (!viewer || !isUuid(viewer.id)) {
    return findVisibleVideoEntity(context, id);
  }
  if (!isUuid(id)) {
    return null;
  }
  const loader = loaderFor<string, Video>(context, 'videos.viewer-video', async ids => {
    const rows = await preparedRead(context.em, 'videos.viewer-video', VIEWER_VIDEO_SQL, [
      [...new Set(ids)],
      viewer.id,
    ]);
    const videoRows = takeCounters(context, takeViewerColumns(context, viewer.id, rows));
    return byIds(ids, mapRows(context.em, Video, videoRows));
  });
  const video = await loader.load(id);
  return video && canSee(video, viewer) ? video : null;
}
