import { type EntityManager } from '@mikro-orm/postgresql';
import {
  Audience,
  badInput,
  type BaseContext,
  byIds,
  checkPageSize,
  type Connection,
  decodeCursor,
  isUuid,
  loaderFor,
  type PageArgs,
} from '@vp/kit';
import { toConnection } from '@vp/kit';
import { Title, type TitleKind } from './title.entity';

export interface TitleFilterValues {
  kind?: TitleKind | null;
  audience?: Audience | null;
}

/** Titles by id, batched per request; malformed ids are simply not found. */
export function titleLoader(context: BaseContext) {
  return loaderFor<string, Title>(context, 'Title', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await context.em.find(Title, { id: { $in: valid } }) : [];
    return byIds(ids, rows);
  });
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
 * returns every title exactly once even when names repeat.
 */
export async function listTitles(
  em: EntityManager,
  page: PageArgs,
  filter: TitleFilterValues = {},
): Promise<Connection<Title>> {
  const first = checkPageSize(page.first);
  const qb = em.createQueryBuilder(Title, 't');
  if (filter.kind) {
    qb.andWhere({ kind: filter.kind });
  }
  if (filter.audience) {
    qb.andWhere({ audience: filter.audience });
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
