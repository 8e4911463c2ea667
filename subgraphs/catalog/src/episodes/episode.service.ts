import { type BaseContext, byIds, isUuid, loaderFor } from '@vp/kit';
import { type ChildList } from '../paging/child-pages';
import { Episode } from './episode.entity';

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
