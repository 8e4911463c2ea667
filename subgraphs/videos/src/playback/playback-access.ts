import { type MikroORM } from '@mikro-orm/postgresql';
import {
  Audience,
  type Entitlement,
  entitlementRefusal,
  forbidden,
  hasRole,
  isUuid,
  NO_ENTITLEMENT,
  Role,
  type Viewer,
  ViewerEntitlement,
} from '@vp/kit';
import { type PlaybackHolder, type TokenCheck } from '@vp/media';
import { isCatalogContent } from '../videos/catalog-content';
import { Video, VideoStatus } from '../videos/video.entity';
import { canSee } from '../videos/video.service';

/**
 * Why this viewer may not play this video now, or null when they may. The one rule of video
 * playback: asked when a playback URL is issued (playback.service.ts) and again, per viewer and
 * video at most every `VIDEOS_PLAYBACK_ACCESS_CHECK_SECONDS`, while that URL is used
 * (`playbackAdmission` below) — so whatever ends access here (PRIVATE, deleted, a plan ended, and
 * a takedown) also stops URLs issued before. Nobody plays a video a moderator took down; catalog
 * content plays only through its episode; owners and admins always; anyone else who may see the video, when their
 * plan and age check reach the video's (`entitlement` is only read in that last case).
 */
export function playbackRefusal(
  video: Video,
  viewer: Viewer | null,
  entitlement: () => Entitlement | null,
): Error | null {
  if (video.takenDownAt) {
    // nobody plays a taken-down video, its owner and admins included (users' ContentTakenDown)
    return forbidden('This video was taken down by a moderator.');
  }
  if (isCatalogContent(video)) {
    // Its episode decides, under the title's licence, plan and rating: never the video on its own.
    return forbidden('This video plays only through its catalog episode.');
  }
  if (viewer?.id === video.ownerId || hasRole(viewer, Role.ADMIN)) {
    return null;
  }
  if (!canSee(video, viewer)) {
    return forbidden('This video is not available to you.');
  }
  return entitlementRefusal(viewer ? entitlement() : null, video);
}

/**
 * READY, or PROCESSING with its lowest rung growing in storage (progressive publishing): what
 * `playback` is given for. Posters and storyboards wait for READY (they are made last).
 */
export const isPlayableSoFar = (video: Video) =>
  !!video.masterPlaylistKey &&
  (video.status === VideoStatus.READY ||
    (video.status === VideoStatus.PROCESSING && !!video.playableAt));

/** Who a playback URL was issued to, written into the URL so serving can ask again. */
export const holderOf = (viewer: Viewer | null): PlaybackHolder => ({
  viewerId: viewer?.id ?? null,
  admin: hasRole(viewer, Role.ADMIN),
});

const viewerOf = (holder: PlaybackHolder): Viewer | null =>
  holder.viewerId
    ? { id: holder.viewerId, roles: holder.admin ? [Role.ADMIN] : [], sessionId: '' }
    : null;

/**
 * Whether the holder of a token may still read `key` of `video` (null: deleted). Tokens without a
 * holder are the catalog's (it decides, under its licence windows) or older than holders: those
 * read catalog content only as the catalog allowed, anything else as an anonymous viewer would.
 * The poster sells the video, so it follows visibility alone, except for ADULT videos.
 */
export function mayStillRead(
  video: Video | null,
  holder: PlaybackHolder | undefined,
  entitlement: Entitlement,
  key: string,
): boolean {
  if (!video || !isPlayableSoFar(video)) {
    // deleted, or FAILED (a failure after progressive playback started stops it)
    return false;
  }
  if (!holder && isCatalogContent(video)) {
    return true;
  }
  const viewer = holder ? viewerOf(holder) : null;
  if (key === video.posterKey && video.audience !== Audience.ADULT) {
    return !isCatalogContent(video) && canSee(video, viewer);
  }
  return playbackRefusal(video, viewer, () => entitlement) === null;
}

/**
 * Remembers what `load` gave for a key for `ttlSeconds` (failures are not remembered), at most
 * 10,000 keys; concurrent asks for one key share one load; `forget` drops one key.
 */
function remembering<T>(ttlSeconds: number, load: (key: string) => Promise<T>) {
  const remembered = new Map<string, { until: number; value: Promise<T> }>();
  const recall = (key: string): Promise<T> => {
    const now = Date.now();
    const cached = remembered.get(key);
    if (cached && cached.until > now) {
      return cached.value;
    }
    const value = load(key);
    remembered.delete(key);
    remembered.set(key, { until: now + ttlSeconds * 1000, value });
    value.catch(() => remembered.delete(key));
    if (remembered.size > 10_000) {
      remembered.delete(remembered.keys().next().value!);
    }
    return value;
  };
  return Object.assign(recall, { forget: (key: string) => void remembered.delete(key) });
}

type AdmittedToken = Extract<TokenCheck, { ok: true }>;

/**
 * The media route's per-request check (`localMediaRoutes`' `admit`). The video and the holder's
 * entitlement are read again at most every `ttlSeconds` (kept ≤ 60 s): a player fetching a segment
 * every few seconds costs two queries per `ttlSeconds`, and access that ended stops within it.
 */
export function playbackAdmission(orm: MikroORM, options: { ttlSeconds: number }) {
  const videoById = remembering(options.ttlSeconds, id => orm.em.fork().findOne(Video, { id }));
  const entitlementOf = remembering(options.ttlSeconds, async userId => {
    const row = await orm.em.fork().findOne(ViewerEntitlement, { userId });
    return row ? { tier: row.tier, ageVerified: row.ageVerified } : NO_ENTITLEMENT;
  });

  return async function admit(key: string, check: AdmittedToken): Promise<boolean> {
    const videoId = /^videos\/([^/]+)\/$/.exec(check.prefix)?.[1];
    if (!videoId || !isUuid(videoId)) {
      return false;
    }
    const viewerId = check.holder?.viewerId;
    const read = async () => {
      const [video, entitlement] = await Promise.all([
        videoById(videoId),
        viewerId && isUuid(viewerId) ? entitlementOf(viewerId) : NO_ENTITLEMENT,
      ]);
      return mayStillRead(video, check.holder, entitlement, key);
    };
    if (await read()) {
      return true;
    }
    // Only an end of access may wait for the cache: a refusal is read again at once, so a video
    // just published or a plan just bought plays now, not up to ttlSeconds later.
    videoById.forget(videoId);
    if (viewerId) {
      entitlementOf.forget(viewerId);
    }
    return read();
  };
}
