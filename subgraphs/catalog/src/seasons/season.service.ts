import { type BaseContext, byIds, isUuid, loaderFor } from '@vp/kit';
import { type ChildList } from '../paging/child-pages';
import { Season } from './season.entity';

export const SEASONS: ChildList<Season> = {
  name: 'Title.seasons',
  entity: Season,
  table: '"catalog"."season"',
  parentColumn: 'title_id',
};

export function seasonLoader(context: BaseContext) {
  return loaderFor<string, Season>(context, 'Season', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await context.em.find(Season, { id: { $in: valid } }) : [];
    return byIds(ids, rows);
  });
}
