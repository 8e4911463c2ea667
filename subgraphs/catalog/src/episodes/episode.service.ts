import { type EntityManager } from '@mikro-orm/postgresql';
import { CatalogVideoChanged } from '@vp/contracts';
import {
  badInput,
  type BaseContext,
  byIds,
  emitEvent,
  isUuid,
  loaderFor,
  notFound,
  type Viewer,
} from '@vp/kit';
import { requireManager } from '../access';
import { playbackRefusal, episodeAvailability } from '../availability/availability.service';
import { type CatalogContext } from '../config';
import { VideoAsset, VideoAssetStatus } from '../media/video-asset.entity';
import { videoAssetLoader } from '../media/video-asset.service';
import { type ChildList } from '../paging/child-pages';
import { EpisodeProgress } from '../progress/episode-progress.entity';
import { Season } from '../seasons/season.entity';
import { TitleKind } from '../titles/title.entity';
import { lockTitle } from '../titles/title-management.service';
import { type AddEpisodeInput, type UpdateEpisodeInput } from './episode.inputs';
import { Episode } from './episode.entity';
import { type EpisodePlayback } from './episode.types';

export const EPISODES: ChildList<Episode> = {
  name: 'Season.episodes',
  entity: Episode,
  table: '"catalog"."episode"',
  parentColumn: 'season_id',
};

export function episodeLoader(context: BaseContext) {
  return loaderFor<string, Episode>(context, 'Episode', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await context.em.find(Episode, { id: { $in: valid } }) : [];
    return byIds(ids, rows);
  });
}

/** The season a manager adds to, with its title locked (see lockTitle). */
async function lockSeason(em: EntityManager, seasonId: string, field: string) {
  if (!isUuid(seasonId)) {
    throw badInput('Not a season id.', [{ field, message: 'Not a season id.' }]);
  }
  const season = await em.findOne(Season, { id: seasonId });
  if (!season) {
    throw notFound('The season');
  }
  const title = await lockTitle(em, season.title.id);
  return { season, title };
}

/**
 * The video an episode may play: a READY video of the manager's own that no other episode plays
 * (the videos subgraph told us of it with VideoMediaChanged). Else BAD_USER_INPUT on `field`.
 */
async function playableVideo(
  em: EntityManager,
  manager: Viewer,
  videoId: string,
  field: string,
  episodeId?: string,
): Promise<VideoAsset> {
  const refuse = (message: string) => badInput(message, [{ field, message }]);
  if (!isUuid(videoId)) {
    throw refuse('Not a video id.');
  }
  const asset = await em.findOne(VideoAsset, { videoId });
  if (!asset || asset.status !== VideoAssetStatus.READY) {
    throw refuse('The video is not READY (upload it, complete the upload, wait for processing).');
  }
  if (asset.ownerId !== manager.id) {
    throw refuse('The video belongs to someone else: attach a video you uploaded.');
  }
  const other = await em.findOne(Episode, { videoId, id: { $ne: episodeId ?? null } });
  if (other) {
    throw refuse('The video already plays another episode.');
  }
  return asset;
}

const durationOf = (asset: VideoAsset) => Math.max(1, asset.durationSeconds ?? 1);

/** Tells videos that the episode took (or let go of) the video, in the same transaction. */
function emitVideoChange(
  em: EntityManager,
  episode: Episode,
  titleId: string,
  asset: { videoId: string; ownerId: string },
  attached: boolean,
) {
  emitEvent(em, CatalogVideoChanged, {
    videoId: asset.videoId,
    ownerId: asset.ownerId,
    episodeId: episode.id,
    titleId,
    attached,
    changedAt: new Date().toISOString(),
  });
}

async function refuseTakenNumber(
  em: EntityManager,
  seasonId: string,
  number: number,
  except?: string,
) {
  const taken = await em.count(Episode, { season: seasonId, number, id: { $ne: except ?? null } });
  if (taken) {
    throw badInput(`Episode ${number} exists already.`, [
      { field: 'input.number', message: 'Another episode of this season has this number.' },
    ]);
  }
}

export async function addEpisode(
  context: CatalogContext,
  input: AddEpisodeInput,
): Promise<Episode> {
  const manager = requireManager(context.viewer);
  return context.em.transactional(async em => {
    const { season, title } = await lockSeason(em, input.seasonId, 'input.seasonId');
    if (title.kind === TitleKind.FILM && (await em.count(Episode, { season: season.id }))) {
      throw badInput('A film has one episode.', [
        { field: 'input.seasonId', message: 'This film already has its episode.' },
      ]);
    }
    await refuseTakenNumber(em, season.id, input.number);
    const asset = await playableVideo(em, manager, input.videoId, 'input.videoId');
    const episode = em.create(Episode, {
      season,
      number: input.number,
      name: input.name,
      synopsis: input.synopsis ?? '',
      durationSeconds: durationOf(asset),
      videoId: asset.videoId,
    });
    await em.flush();
    emitVideoChange(em, episode, title.id, asset, true);
    return episode;
  });
}

async function lockEpisode(em: EntityManager, id: string) {
  if (!isUuid(id)) {
    throw badInput('Not an episode id.', [{ field: 'id', message: 'Not an episode id.' }]);
  }
  const found = await em.findOne(Episode, { id });
  if (!found) {
    throw notFound('The episode');
  }
  const { title } = await lockSeason(em, found.season.id, 'id');
  // read again under the title's lock: a concurrent change to it has finished
  await em.refresh(found);
  return { episode: found, title };
}

export async function updateEpisode(
  context: CatalogContext,
  id: string,
  input: UpdateEpisodeInput,
): Promise<Episode> {
  const manager = requireManager(context.viewer);
  return context.em.transactional(async em => {
    const { episode, title } = await lockEpisode(em, id);
    if (input.number != null && input.number !== episode.number) {
      await refuseTakenNumber(em, episode.season.id, input.number, episode.id);
      episode.number = input.number;
    }
    if (input.name != null) {
      episode.name = input.name;
    }
    if (input.synopsis != null) {
      episode.synopsis = input.synopsis;
    }
    if (input.videoId != null && input.videoId !== episode.videoId) {
      const asset = await playableVideo(em, manager, input.videoId, 'input.videoId', episode.id);
      const previous = episode.videoId
        ? await em.findOne(VideoAsset, { videoId: episode.videoId })
        : null;
      episode.videoId = asset.videoId;
      episode.durationSeconds = durationOf(asset);
      await em.flush();
      if (previous) {
        emitVideoChange(em, episode, title.id, previous, false);
      }
      emitVideoChange(em, episode, title.id, asset, true);
    }
    await em.flush();
    return episode;
  });
}

/** Removes an episode (its viewers' progress with it) and lets its video go. */
export async function removeEpisode(context: CatalogContext, id: string): Promise<boolean> {
  requireManager(context.viewer);
  return context.em.transactional(async em => {
    const { episode, title } = await lockEpisode(em, id);
    const asset = episode.videoId
      ? await em.findOne(VideoAsset, { videoId: episode.videoId })
      : null;
    if (asset) {
      emitVideoChange(em, episode, title.id, asset, false);
    }
    await em.nativeDelete(EpisodeProgress, { episodeId: episode.id });
    em.remove(episode);
    await em.flush();
    return true;
  });
}

/**
 * Signed playback of an episode, when its availability says it plays: URLs for the video's media
 * prefix that expire after the playback lifetime, and never after the end of the licence window
 * playing now. Otherwise the refusal, with its reason.
 */
export async function playbackFor(
  context: CatalogContext,
  episode: Episode,
): Promise<EpisodePlayback> {
  const availability = await episodeAvailability(context, episode);
  if (!availability.playable) {
    throw playbackRefusal(availability.reason!);
  }
  const asset = (await videoAssetLoader(context).load(episode.videoId!))!;
  const { signer, playbackTtlSeconds } = context.catalog;
  const expiresAt = new Date(
    Math.min(
      context.now.getTime() + playbackTtlSeconds * 1000,
      availability.windowEndsAt!.getTime(),
    ),
  );
  return signer.sign(`videos/${asset.videoId}/`, asset.playbackEntry!, expiresAt);
}
