import { badInput, type InputProblem } from '@vp/kit';
import { type VideosContext } from '../config';
import { mediaPrefix, uploadPrefix } from './media-keys';
import { requireOwnVideo } from './video-access';
import { emitVideoEvent, VIDEO_DELETED, VIDEO_PUBLISHED, VIDEO_UPDATED } from './video-events';
import { type UpdateVideoInput } from './video-management.types';
import { type Video, VideoStatus } from './video.entity';

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 30;

function checkUpdate(input: UpdateVideoInput): Partial<Video> {
  const problems: InputProblem[] = [];
  const changes: Partial<Video> = {};
  if (input.title != null) {
    const title = input.title.trim();
    if (title.length < 1 || title.length > 100) {
      problems.push({ field: 'title', message: 'The title must have 1 to 100 characters.' });
    }
    changes.title = title;
  }
  if (input.description != null) {
    const description = input.description.trim();
    if (description.length > 5000) {
      problems.push({
        field: 'description',
        message: 'The description may have up to 5000 characters.',
      });
    }
    changes.description = description;
  }
  if (input.tags != null) {
    const tags = [...new Set(input.tags.map(tag => tag.trim()))];
    if (tags.length > MAX_TAGS || tags.some(tag => tag.length < 1 || tag.length > MAX_TAG_LENGTH)) {
      problems.push({
        field: 'tags',
        message: `Up to ${MAX_TAGS} tags of 1 to ${MAX_TAG_LENGTH} characters.`,
      });
    }
    changes.tags = tags;
  }
  if (input.visibility != null) {
    changes.visibility = input.visibility;
  }
  if (input.requiredPlan != null) {
    changes.requiredPlan = input.requiredPlan;
  }
  if (input.audience != null) {
    changes.audience = input.audience;
  }
  if (problems.length) {
    throw badInput('The video cannot be updated.', problems);
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
  const changes = checkUpdate(input);
  Object.assign(video, changes);
  emitVideoEvent(context.em, VIDEO_UPDATED, video);
  await context.em.flush();
  return video;
}

/**
 * Makes a READY video visible to others (as its visibility allows). Publishing a published video
 * changes nothing and sends no second event.
 */
export async function publishVideo(context: VideosContext, id: string): Promise<Video> {
  const video = await requireOwnVideo(context, id, { admins: true });
  if (video.status !== VideoStatus.READY) {
    throw badInput('Only a READY video can be published.', [
      { field: 'id', message: `The video is ${video.status}.` },
    ]);
  }
  if (video.publishedAt && video.publishedAt.getTime() <= Date.now()) {
    return video;
  }
  video.publishedAt = new Date();
  emitVideoEvent(context.em, VIDEO_PUBLISHED, video);
  await context.em.flush();
  return video;
}

/**
 * Deletes the video for good: the row (with VideoDeleted, in one transaction), then its media and
 * upload. The row goes first: should the storage fail, the leftovers are unreachable files, never
 * a listed video without its media. A transcode still running finds the row gone and cleans up.
 */
export async function deleteVideo(context: VideosContext, id: string): Promise<boolean> {
  const video = await requireOwnVideo(context, id, { admins: true });
  emitVideoEvent(context.em, VIDEO_DELETED, video);
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
