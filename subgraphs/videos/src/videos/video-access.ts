import {
  Audience,
  badInput,
  type BaseContext,
  entitlementOf,
  entitlementRefusal,
  forbidden,
  PlanTier,
  hasRole,
  isUuid,
  notFound,
  requireViewer,
  Role,
} from '@vp/kit';
import { Video } from './video.entity';
import { canSee, findVisibleVideo } from './video.service';

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

/**
 * The video a viewer reacts to (likes, comments, views, playlists): one they may see, else
 * NOT_FOUND (a hidden video and a missing one look the same); a malformed id is BAD_USER_INPUT.
 * ADULT videos keep the age rule of playback: reacting to one needs what watching it needs,
 * apart from the plan (anyone who may see a video may react to it).
 */
export async function requireVisibleVideo(
  context: BaseContext,
  id: string,
  field = 'videoId',
): Promise<Video> {
  if (!isUuid(id)) {
    throw badInput('Not a video id.', [{ field, message: 'Not a video id.' }]);
  }
  const video = await findVisibleVideo(context, id);
  if (!video) {
    throw notFound('The video');
  }
  const refusal = await ageRefusal(context, video);
  if (refusal) {
    throw refusal;
  }
  return video;
}

/** Why the viewer may not see an ADULT video's engagement (comments, reactions), or null. */
export async function ageRefusal(context: BaseContext, video: Video): Promise<Error | null> {
  const { viewer } = context;
  if (
    video.audience !== Audience.ADULT ||
    viewer?.id === video.ownerId ||
    hasRole(viewer, Role.ADMIN)
  ) {
    return null;
  }
  const entitlement = viewer ? await entitlementOf(context, viewer.id) : null;
  return entitlementRefusal(entitlement, { audience: video.audience, requiredPlan: PlanTier.FREE });
}
