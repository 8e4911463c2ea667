import { VideoDeleted, VideoPublished, VideoUpdated } from '@vp/contracts';
import { badInput, enqueueJob } from '@vp/kit';
import { requireCategoryId } from '../categories/category.service';
import { type VideosContext } from '../config';
import { refuseTakenDown } from '../moderation/moderation';
import { emitMediaChanged, refuseCatalogContent } from './catalog-content';
import { mediaPrefix, uploadPrefix } from './media-keys';
import { requireOwnVideo } from './video-access';
import { emitVideoEvent } from './video-events';
import { SCHEDULED_PUBLISH_QUEUE, type ScheduledPublishJob } from './scheduled-publish';
import { type UpdateVideoInput } from './video-management.types';
import { type Video, VideoStatus } from './video.entity';

/** The changes given (the rules on UpdateVideoInput have passed), tags without duplicates. */
function changesOf(input: UpdateVideoInput): Partial<Video> {
  const changes: Partial<Video> = {};
  for (const key of ['title', 'description', 'visibility', 'requiredPlan', 'audience'] as const) {
    if (input[key] != null) {
      Object.assign(changes, { [key]: input[key] });
    }
  }
  if (input.tags != null) {
    changes.tags = [...new Set(input.tags)];
  }
  return changes;
}

/** Changes a video's details (its owner or an ADMIN); VideoUpdated goes out with the change. */
export async function updateVideo(
  context: VideosContext,
  id: string,
  input: UpdateVideoInput,
): Promise<Video> {
  const video = await requireOwnVideo(context, id, { admins: true });
  refuseCatalogContent(video);
  refuseTakenDown(video);
  const changes = changesOf(input);
  // Left out: unchanged; null: no category; an id: it must be one of the categories.
  if (input.categoryId !== undefined) {
    changes.categoryId =
      input.categoryId === null
        ? null
        : await requireCategoryId(context, input.categoryId, 'input.categoryId');
  }
  Object.assign(video, changes);
  emitVideoEvent(context.em, VideoUpdated, video);
  await context.em.flush();
  return video;
}

/** How far ahead a publication may be scheduled. */
export const MAX_SCHEDULE_DAYS = 366;

/**
 * Makes a READY video (or a PROCESSING one that already plays) visible to others (as its visibility allows). Publishing a published video
 * changes nothing and sends no second event. With `at` in the future it is scheduled instead:
 * `publishedAt` becomes `at` (hidden until then by the access rule) and a durable job emits
 * VideoPublished at that time; scheduling again, or publishing now, replaces the schedule.
 */
export async function publishVideo(
  context: VideosContext,
  id: string,
  at?: Date | null,
): Promise<Video> {
  const video = await requireOwnVideo(context, id, { admins: true });
  refuseCatalogContent(video);
  refuseTakenDown(video);
  // Progressive publishing: a video still PROCESSING may go out once it plays (its lowest rung
  // growing); viewers then get the rungs made so far.
  const playable =
    video.status === VideoStatus.READY ||
    (video.status === VideoStatus.PROCESSING && video.playableAt !== null);
  if (!playable) {
    throw badInput('Only a READY video, or one processing that already plays, can be published.', [
      {
        field: 'id',
        message:
          video.status === VideoStatus.PROCESSING
            ? 'The video is PROCESSING and not playable yet.'
            : `The video is ${video.status}.`,
      },
    ]);
  }
  const now = Date.now();
  if (video.publishedAt && video.publishedAt.getTime() <= now) {
    return video;
  }
  if (at && at.getTime() > now) {
    if (at.getTime() > now + MAX_SCHEDULE_DAYS * 86_400_000) {
      const message = `Schedule at most ${MAX_SCHEDULE_DAYS} days ahead.`;
      throw badInput(`at: ${message}`, [{ field: 'at', message }]);
    }
    // whole milliseconds, as PostgreSQL keeps them, so that the job's check matches the row
    video.publishedAt = new Date(Math.floor(at.getTime()));
    enqueueJob<ScheduledPublishJob>(
      context.em,
      SCHEDULED_PUBLISH_QUEUE,
      { videoId: video.id, at: video.publishedAt.toISOString() },
      { startAfter: video.publishedAt },
    );
    await context.em.flush();
    return video;
  }
  video.publishedAt = new Date();
  emitVideoEvent(context.em, VideoPublished, video);
  await context.em.flush();
  return video;
}

/**
 * Deletes the video for good: the row (with VideoDeleted, and VideoMediaChanged for the catalog, in
 * one transaction), then its media and upload. A video an episode plays is refused. The row goes first: should the storage fail, the leftovers are unreachable files, never
 * a listed video without its media. A transcode still running finds the row gone and cleans up.
 */
export async function deleteVideo(context: VideosContext, id: string): Promise<boolean> {
  const video = await requireOwnVideo(context, id, { admins: true });
  if (video.catalogEpisodeId) {
    throw badInput(
      'This video plays a catalog episode: give the episode another video (or remove it) first.',
      [{ field: 'id', message: 'The video plays a catalog episode.' }],
    );
  }
  emitVideoEvent(context.em, VideoDeleted, video);
  emitMediaChanged(context.em, video, 'DELETED');
  context.em.remove(video);
  await context.em.flush();
  const { storage } = context.videos;
  try {
    await storage.deletePrefix(mediaPrefix(video.id));
    await storage.deletePrefix(uploadPrefix(video.id));
  } catch (err) {
    context.log.error({ err, videoId: video.id }, 'media of a deleted video could not be removed');
  }
  return true;
}
