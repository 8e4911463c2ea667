import { type BaseContext, badInput, byIds, isUuid, loaderFor } from '@vp/kit';
import { requireManager } from '../access';
import { type CatalogContext } from '../config';
import { type ChildList } from '../paging/child-pages';
import { TitleKind } from '../titles/title.entity';
import { lockTitle } from '../titles/title-management.service';
import { type AddSeasonInput } from './season.inputs';
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

/** Adds a season under the title's lock: its number must be free, and a film has only one. */
export async function addSeason(context: CatalogContext, input: AddSeasonInput): Promise<Season> {
  requireManager(context.viewer);
  return context.em.transactional(async em => {
    const title = await lockTitle(em, input.titleId, 'input.titleId');
    const seasons = await em.find(Season, { title: title.id });
    if (title.kind === TitleKind.FILM && seasons.length) {
      throw badInput('A film has one season.', [
        { field: 'input.titleId', message: 'This film already has its season.' },
      ]);
    }
    if (seasons.some(season => season.number === input.number)) {
      throw badInput(`Season ${input.number} exists already.`, [
        { field: 'input.number', message: 'Another season of this title has this number.' },
      ]);
    }
    const season = em.create(Season, { title, number: input.number, name: input.name });
    await em.flush();
    return season;
  });
}
