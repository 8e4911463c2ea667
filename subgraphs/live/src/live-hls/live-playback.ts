import {
  type BaseContext,
  entitlementOf,
  entitlementRefusal,
  forbidden,
  hasRole,
  Role,
} from '@vp/kit';
import { HmacPlaybackSigner } from '@vp/media';
import { Field, ObjectType } from 'type-graphql';
import { type LiveContext } from '../context';
import { type LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { liveMediaPrefix, MASTER_PLAYLIST } from './live-paths';

@ObjectType({ description: 'Signed live HLS of a stream on air.' })
export class LivePlayback {
  @Field({
    description:
      "The master playlist's URL; it also admits the stream's other playlists and segments.",
  })
  hlsUrl!: string;

  @Field({ description: 'After this the URLs are refused; ask for `playback` again.' })
  expiresAt!: Date;
}

/** Expiries rounded up to 10 minutes, so viewers asking at about the same time share URLs (and caches). */
const ROUNDING_MS = 10 * 60_000;

/**
 * Who may play a stream: its owner and admins always; anyone else when their plan reaches the
 * stream's required plan (else PAYMENT_REQUIRED) and, for ADULT streams, when they are an
 * age-verified adult (else FORBIDDEN): the videos rule, from the kit, over this subgraph's own
 * read model of payments' EntitlementChanged. Its chat follows the same rule (chat.service.ts).
 */
export async function livePlaybackRefusal(
  context: BaseContext,
  stream: LiveStream,
): Promise<Error | null> {
  const { viewer } = context;
  if (stream.takenDownAt) {
    // nobody plays a taken-down stream, its owner and admins included
    return forbidden('This live stream was taken down by a moderator.');
  }
  if (viewer?.id === stream.ownerId || hasRole(viewer, Role.ADMIN)) {
    return null;
  }
  const entitlement = viewer ? await entitlementOf(context, viewer.id) : null;
  return entitlementRefusal(entitlement, stream, 'This live stream');
}

/**
 * Signed playback while the stream is LIVE (null before and after: the recording becomes a video).
 * Embedded: `<publicUrl>/live/<token>/live/<id>/master.m3u8`, the token in the path as for videos
 * (so the relative playlist and segment URIs carry it); CloudFront: the signer's own URL.
 */
export async function livePlaybackFor(
  context: LiveContext,
  stream: LiveStream,
): Promise<LivePlayback | null> {
  if (stream.status !== LiveStreamStatus.LIVE) {
    return null;
  }
  const refusal = await livePlaybackRefusal(context, stream);
  if (refusal) {
    throw refusal;
  }
  const { signer, playbackTtlSeconds, publicUrl } = context.live;
  const expiresAt = new Date(
    Math.ceil((Date.now() + playbackTtlSeconds * 1000) / ROUNDING_MS) * ROUNDING_MS,
  );
  const prefix = liveMediaPrefix(stream.id);
  if (signer instanceof HmacPlaybackSigner) {
    return {
      hlsUrl: `${publicUrl}/live/${signer.token(prefix, expiresAt)}/${prefix}${MASTER_PLAYLIST}`,
      expiresAt,
    };
  }
  return signer.sign(prefix, MASTER_PLAYLIST, expiresAt);
}
