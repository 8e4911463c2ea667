import { type EntityManager } from '@mikro-orm/postgresql';
import { type CatalogVideoChanged, VideoDeleted, VideoMediaChanged } from '@vp/contracts';
import { badInput, emitEvent, type EventOf, type Logger } from '@vp/kit';
import { mediaPrefix } from './media-keys';
import { emitVideoEvent } from './video-events';
import { Video, VideoVisibility } from './video.entity';

/**
 * Catalog content: a video a catalog episode plays. It was uploaded through the ordinary pipeline
 * by a catalog manager; once an episode takes it, it stops existing as a standalone video — PRIVATE,
 * out of every list, never published again, and played only through the catalog (which checks the
 * title's licence, plan and maturity rating and signs its own URLs).
 */
export const isCatalogContent = (video: Video) => video.catalogSince !== null;

/** Management of a standalone video does not apply to catalog content: its episode manages it. */
export function refuseCatalogContent(video: Video, field = 'id') {
  if (isCatalogContent(video)) {
    throw badInput('This video is catalog content: it is managed through its catalog episode.', [
      { field, message: 'The video plays a catalog episode.' },
    ]);
  }
}

/**
 * Tells the catalog that a video's media can be played (READY) or is gone (deleted), in the
 * transaction of that change: the catalog attaches only READY videos, and learns when one goes.
 */
export function emitMediaChanged(em: EntityManager, video: Video, status: 'READY' | 'DELETED') {
  const entry =
    status === 'READY' && video.masterPlaylistKey
      ? video.masterPlaylistKey.slice(mediaPrefix(video.id).length)
      : null;
  emitEvent(em, VideoMediaChanged, {
    id: video.id,
    ownerId: video.ownerId,
    status,
    durationSeconds: video.durationSeconds,
    playbackEntry: entry,
    changedAt: new Date().toISOString(),
  });
}

/**
 * Applies the catalog's CatalogVideoChanged. Deliveries come at least once and in any order: only a
 * change newer than the last one applied counts. The first attachment makes the video PRIVATE and
 * sends VideoDeleted (its last standalone state), so search, payments and users drop it as a
 * standalone video; it never comes back as one. A video that is gone, or that is not the
 * manager's the catalog named, is left alone (the catalog hears of deletions by VideoMediaChanged).
 */
export function catalogVideoConsumer(log: Logger) {
  return async (event: EventOf<typeof CatalogVideoChanged>, em: EntityManager) => {
    const change = event.payload;
    const video = await em.findOne(Video, { id: change.videoId });
    if (!video || video.ownerId !== change.ownerId) {
      log.warn(
        { videoId: change.videoId, episodeId: change.episodeId },
        'catalog video change for a video that is gone or not its uploader’s: ignored',
      );
      return;
    }
    const at = new Date(change.changedAt);
    if (video.catalogChangedAt && video.catalogChangedAt.getTime() >= at.getTime()) {
      return;
    }
    video.catalogChangedAt = at;
    if (change.attached) {
      video.catalogEpisodeId = change.episodeId;
      if (!isCatalogContent(video)) {
        video.catalogSince = at;
        video.visibility = VideoVisibility.PRIVATE;
        emitVideoEvent(em, VideoDeleted, video);
      }
    } else if (video.catalogEpisodeId === change.episodeId) {
      video.catalogEpisodeId = null;
    }
  };
}
