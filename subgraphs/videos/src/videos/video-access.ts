import {
  type BaseContext,
  forbidden,
  hasRole,
  isUuid,
  notFound,
  requireViewer,
  Role,
} from '@vp/kit';
import { Video } from './video.entity';
import { canSee } from './video.service';

/**
 * The video a mutation may change: its owner's (or, with `admins`, any video for an ADMIN).
 * Anyone else gets NOT_FOUND when the video is hidden from them, exactly as a missing id, and
 * FORBIDDEN when they can see it anyway (a published video), so nothing leaks that reads don't.
 */
export async function requireOwnVideo(
  context: BaseContext,
  id: string,
  options: { admins: boolean },
): Promise<Video> {
  const viewer = requireViewer(context.viewer);
  const video = isUuid(id) ? await context.em.findOne(Video, { id }) : null;
  if (!video || !canSee(video, viewer)) {
    throw notFound('The video');
  }
  const allowed = video.ownerId === viewer.id || (options.admins && hasRole(viewer, Role.ADMIN));
  if (!allowed) {
    throw forbidden();
  }
  return video;
}
