import { Audience, entitlementOf } from '@vp/kit';
import { type VideosContext } from '../config';
import { mediaPrefix } from '../videos/media-keys';
import { type Video, VideoStatus } from '../videos/video.entity';
import { holderOf, isPlayableSoFar, playbackRefusal } from './playback-access';
import { type Playback, type Storyboard } from './playback.types';

export type PlaybackDecision = { allowed: true } | { allowed: false; error: Error };

/**
 * Who may play a video: `playbackRefusal` (playback-access.ts), with the viewer's plan and age check
 * from this subgraph's read model, so this never waits on payments.
 */
export async function decidePlayback(
  context: VideosContext,
  video: Video,
): Promise<PlaybackDecision> {
  const { viewer } = context;
  const entitlement =
    viewer && viewer.id !== video.ownerId ? await entitlementOf(context, viewer.id) : null;
  const refusal = playbackRefusal(video, viewer, () => entitlement);
  return refusal ? { allowed: false, error: refusal } : { allowed: true };
}

const isPlayable = (video: Video) =>
  video.status === VideoStatus.READY && !!video.masterPlaylistKey;

function expiry(context: VideosContext) {
  return new Date(Date.now() + context.videos.playbackTtlSeconds * 1000);
}

/** The file's name under the video's prefix (keys are stored whole). */
const fileOf = (video: Video, key: string) => key.slice(mediaPrefix(video.id).length);

/**
 * Signed playback, null until playable (READY, or PROCESSING once its first segments are stored);
 * throws the refusal when the viewer may not play it.
 */
export async function playbackFor(context: VideosContext, video: Video): Promise<Playback | null> {
  if (!isPlayableSoFar(video)) {
    return null;
  }
  const decision = await decidePlayback(context, video);
  if (!decision.allowed) {
    throw decision.error;
  }
  const signed = context.videos.signer.sign(
    mediaPrefix(video.id),
    fileOf(video, video.masterPlaylistKey!),
    expiry(context),
    holderOf(context.viewer),
  );
  return { ...signed, complete: video.status === VideoStatus.READY };
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
    holderOf(context.viewer),
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
      holderOf(context.viewer),
    ),
    vttUrl: context.videos.signer.signFile(
      prefix,
      fileOf(video, video.storyboardVttKey),
      expiresAt,
      holderOf(context.viewer),
    ),
  };
}
