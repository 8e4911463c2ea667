import {
  Audience,
  entitlementOf,
  entitlementRefusal,
  forbidden,
  hasRole,
  Role,
  type Viewer,
} from '@vp/kit';
import { type VideosContext } from '../config';
import { isCatalogContent } from '../videos/catalog-content';
import { mediaPrefix } from '../videos/media-keys';
import { type Video, VideoStatus } from '../videos/video.entity';
import { canSee } from '../videos/video.service';
import { type Playback, type Storyboard } from './playback.types';

export type PlaybackDecision = { allowed: true } | { allowed: false; error: Error };

const isOwnerOrAdmin = (video: Video, viewer: Viewer | null) =>
  viewer?.id === video.ownerId || hasRole(viewer, Role.ADMIN);

/**
 * Who may play a video: nobody on its own when it is catalog content (the catalog signs its
 * episode's playback); otherwise its owner and admins always; anyone else who may see it, when their plan
 * reaches the video's required plan (else PAYMENT_REQUIRED) and, for ADULT videos, when they are
 * an age-verified adult (else FORBIDDEN). The plan and age check come from this subgraph's read
 * model, so this never waits on payments.
 */
export async function decidePlayback(
  context: VideosContext,
  video: Video,
): Promise<PlaybackDecision> {
  const { viewer } = context;
  if (isCatalogContent(video)) {
    // Its episode decides, under the title's licence, plan and rating: never the video on its own.
    return {
      allowed: false,
      error: forbidden('This video plays only through its catalog episode.'),
    };
  }
  if (isOwnerOrAdmin(video, viewer)) {
    return { allowed: true };
  }
  if (!canSee(video, viewer)) {
    return { allowed: false, error: forbidden('This video is not available to you.') };
  }
  const entitlement = viewer ? await entitlementOf(context, viewer.id) : null;
  const refusal = entitlementRefusal(entitlement, video);
  if (refusal) {
    return { allowed: false, error: refusal };
  }
  return { allowed: true };
}

const isPlayable = (video: Video) =>
  video.status === VideoStatus.READY && !!video.masterPlaylistKey;

function expiry(context: VideosContext) {
  return new Date(Date.now() + context.videos.playbackTtlSeconds * 1000);
}

/** The file's name under the video's prefix (keys are stored whole). */
const fileOf = (video: Video, key: string) => key.slice(mediaPrefix(video.id).length);

/** Signed playback, null while not READY; throws the refusal when the viewer may not play it. */
export async function playbackFor(context: VideosContext, video: Video): Promise<Playback | null> {
  if (!isPlayable(video)) {
    return null;
  }
  const decision = await decidePlayback(context, video);
  if (!decision.allowed) {
    throw decision.error;
  }
  return context.videos.signer.sign(
    mediaPrefix(video.id),
    fileOf(video, video.masterPlaylistKey!),
    expiry(context),
  );
}

/**
 * The poster, signed for one file. Anyone who may see the video gets it (it sells the video),
 * except for ADULT videos, whose poster is content too.
 */
export async function thumbnailUrlFor(
  context: VideosContext,
  video: Video,
): Promise<string | null> {
  if (!isPlayable(video) || !video.posterKey) {
    return null;
  }
  if (video.audience === Audience.ADULT && !(await decidePlayback(context, video)).allowed) {
    return null;
  }
  return context.videos.signer.signFile(
    mediaPrefix(video.id),
    fileOf(video, video.posterKey),
    expiry(context),
  );
}

/** Seek previews are part of playback: null (without a second error) unless the viewer may play. */
export async function storyboardFor(
  context: VideosContext,
  video: Video,
): Promise<Storyboard | null> {
  if (!isPlayable(video) || !video.storyboardImageKey || !video.storyboardVttKey) {
    return null;
  }
  if (!(await decidePlayback(context, video)).allowed) {
    return null;
  }
  const prefix = mediaPrefix(video.id);
  const expiresAt = expiry(context);
  return {
    imageUrl: context.videos.signer.signFile(
      prefix,
      fileOf(video, video.storyboardImageKey),
      expiresAt,
    ),
    vttUrl: context.videos.signer.signFile(
      prefix,
      fileOf(video, video.storyboardVttKey),
      expiresAt,
    ),
  };
}
