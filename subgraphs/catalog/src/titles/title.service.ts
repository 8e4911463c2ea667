import { type EntityManager, type QueryBuilder } from '@mikro-orm/postgresql';
import {
  badInput,
  type BaseContext,
  byIds,
  checkPageSize,
  type Connection,
  decodeCursor,
  isUuid,
  loaderFor,
  type PageArgs,
  toConnection,
} from '@vp/kit';
import { isManager } from '../access';
import { type CatalogContext } from '../config';
import { type TitleFilter } from './title.inputs';
import { Title } from './title.entity';

/** Titles by id, batched per request; malformed ids are simply not found. */
export function titleLoader(context: BaseContext) {
  return loaderFor<string, Title>(context, 'Title', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await context.em.find(Title, { id: { $in: valid } }) : [];
    return byIds(ids, rows);
  });
}

/**
 * Who may read a title by id: managers always; everyone else once it has been published (a
 * withdrawn title still answers, as NOT_PUBLISHED); a draft is null, exactly like a missing id.
 */
export const canSeeTitle = (context: BaseContext, title: Title | null): title is Title =>
  !!title && (title.firstPublishedAt !== null || isManager(context.viewer));

export async function visibleTitle(context: BaseContext, id: string): Promise<Title | null> {
  const title = await titleLoader(context).load(id);
  return canSeeTitle(context, title) ? title : null;
}

/** A titles cursor is the [name, id] of the last title seen. */
function decodeTitleCursor(after: string): [string, string] {
  const key = decodeCursor(after);
  const [name, id] = key;
  if (key.length !== 2 || typeof name !== 'string' || name.length > 200 || !isUuid(id)) {
    throw badInput('The cursor is not valid.', [
      { field: 'after', message: 'Not a cursor from this list.' },
    ]);
  }
  return [name, id];
}

/**
 * Titles in name order (the database collation), id breaking ties, so that walking the pages
 * returns every title exactly once even when names repeat. `where` narrows it further.
 */
async function pageOfTitles(
  em: EntityManager,
  page: PageArgs,
  filter: TitleFilter,
  where: (qb: QueryBuilder<Title>) => void,
): Promise<Connection<Title>> {
  const first = checkPageSize(page.first);
  const qb = em.createQueryBuilder(Title, 't') as QueryBuilder<Title>;
  where(qb);
  if (filter.kind) {
    qb.andWhere({ kind: filter.kind });
  }
  if (filter.audience) {
    qb.andWhere({ audience: filter.audience });
  }
  if (filter.genre) {
    qb.andWhere('t.genres @> array[?]::text[]', [filter.genre.toLowerCase()]);
  }
  if (page.after != null) {
    const [name, id] = decodeTitleCursor(page.after);
    qb.andWhere('(t.name, t.id) > (?, ?)', [name, id]);
  }
  const rows = await qb
    .orderBy({ name: 'asc', id: 'asc' })
    .limit(first + 1)
    .getResultList();
  return toConnection(rows, first, title => [title.name, title.id], page.after != null);
}

/**
 * What a viewer can browse: published titles that play now or will play in the viewer's territory
 * (a licence there that has not ended), in name order. Their `availability` says which, and from when.
 */
export function listTitles(
  context: CatalogContext,
  page: PageArgs,
  filter: TitleFilter = {},
): Promise<Connection<Title>> {
  return pageOfTitles(context.em, page, filter, qb =>
    qb.andWhere('t.published_at is not null and t.published_at <= ?', [context.now]).andWhere(
      `exists (select 1 from "catalog"."licence_territory" lt
                  where lt.title_id = t.id and lt.territory = ? and lt.ends_at > ?)`,
      [context.territory, context.now],
    ),
  );
}

/** Every title, drafts and withdrawn ones included, for the people who curate the catalog. */
export function listManagedTitles(
  context: CatalogContext,
  page: PageArgs,
  filter: TitleFilter = {},
): Promise<Connection<Title>> {
  return pageOfTitles(context.em, page, filter, () => {});
}
