import { forbidden, IntRange, isUuid, badInput, notFound, requireViewer } from '@vp/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { episodeAvailability, playbackRefusal } from '../availability/availability.service';
import { type CatalogContext } from '../config';
import { Episode } from '../episodes/episode.entity';
import { episodeLoader } from '../episodes/episode.service';
import { seasonLoader } from '../seasons/season.service';
import { EpisodeProgress } from './episode-progress.entity';

/** An episode watched this far (90 %) counts as watched: the next one is up. */
export const COMPLETED_SHARE = 0.9;

@InputType({
  description: 'Where the player is in an episode (sent every few seconds while it plays).',
})
export class RecordEpisodeProgressInput {
  @Field(() => ID)
  episodeId!: string;

  @Field(() => Int, {
    description: 'Seconds from the start, 0 to 7 days (clamped to the episode).',
  })
  @IntRange(0, 7 * 86_400)
  positionSeconds!: number;
}

/**
 * Records where a signed-in viewer is in an episode they may watch now (else the playback refusal,
 * with its reason). Only the latest position per episode is kept.
 */
export async function recordEpisodeProgress(
  context: CatalogContext,
  input: RecordEpisodeProgressInput,
): Promise<boolean> {
  const viewer = requireViewer(context.viewer);
  if (!isUuid(input.episodeId)) {
    throw badInput('Not an episode id.', [
      { field: 'input.episodeId', message: 'Not an episode id.' },
    ]);
  }
  const episode = await episodeLoader(context).load(input.episodeId);
  if (!episode) {
    throw notFound('The episode');
  }
  const availability = await episodeAvailability(context, episode);
  if (!availability.playable) {
    throw playbackRefusal(availability.reason!);
  }
  const season = (await seasonLoader(context).load(episode.season.id))!;
  const position = Math.min(input.positionSeconds, episode.durationSeconds);
  await context.em.execute(
    `insert into "catalog"."episode_progress"
       ("user_id", "episode_id", "title_id", "position_seconds", "completed", "watched_at")
     values (?, ?, ?, ?, ?, ?)
     on conflict ("user_id", "episode_id") do update
       set "position_seconds" = excluded."position_seconds", "completed" = excluded."completed",
           "watched_at" = excluded."watched_at"`,
    [
      viewer.id,
      episode.id,
      season.title.id,
      position,
      position >= episode.durationSeconds * COMPLETED_SHARE,
      context.now,
    ],
  );
  return true;
}

/**
 * What the viewer should watch next in a title: the episode they were last watching when they
 * stopped part-way, the one after it when they finished it, the first when they never started;
 * null after the last. Regular seasons only (specials, season 0, are not "next"), in season then
 * episode order. The viewer's own only.
 */
export async function nextEpisode(
  context: CatalogContext,
  userId: string,
  titleId: string,
): Promise<Episode | null> {
  const viewer = requireViewer(context.viewer);
  if (viewer.id !== userId) {
    throw forbidden('Only you can see what you watch next.');
  }
  if (!isUuid(titleId)) {
    throw badInput('Not a title id.', [{ field: 'titleId', message: 'Not a title id.' }]);
  }
  const order: { id: string }[] = await context.em.getConnection().execute(
    `select e.id from "catalog"."episode" e join "catalog"."season" s on s.id = e.season_id
      where s.title_id = ? and s.number > 0
      order by s.number, e.number`,
    [titleId],
  );
  if (!order.length) {
    return null;
  }
  const last = await context.em.findOne(
    EpisodeProgress,
    { userId: viewer.id, titleId, episodeId: { $in: order.map(row => row.id) } },
    { orderBy: { watchedAt: 'desc' } },
  );
  let index = 0;
  if (last) {
    const at = order.findIndex(row => row.id === last.episodeId);
    index = last.completed ? at + 1 : at;
  }
  return index < order.length ? episodeLoader(context).load(order[index].id) : null;
}
