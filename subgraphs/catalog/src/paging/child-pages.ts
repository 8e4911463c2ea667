import { type EntityClass, type EntityDictionary } from '@mikro-orm/core';
import {
  badInput,
  type BaseContext,
  checkPageSize,
  type Connection,
  decodeCursor,
  isUuid,
  loaderFor,
  PageArgs,
  toConnection,
} from '@vp/kit';

const MAX_INT = 2 ** 31 - 1;

/** A child row ordered by its number within its parent (seasons of a title, episodes of a season). */
interface Numbered {
  id: string;
  number: number;
}

export interface ChildList<T> {
  /** Loader name, unique per list. */
  name: string;
  entity: EntityClass<T>;
  /** Schema-qualified table, e.g. `"catalog"."season"`. */
  table: string;
  /** The column that holds the parent's id, e.g. `title_id`. */
  parentColumn: string;
}

/** The cursor of a child list is the number of the last row seen: unique within a parent. */
export function decodeNumberCursor(after: string): number {
  const key = decodeCursor(after);
  const [number] = key;
  if (
    key.length !== 1 ||
    !Number.isInteger(number) ||
    (number as number) < 0 ||
    (number as number) > MAX_INT
  ) {
    throw badInput('The cursor is not valid.', [
      { field: 'after', message: 'Not a cursor from this list.' },
    ]);
  }
  return number as number;
}

/**
 * One page of children per parent, batched: every parent asking for the same page (same `first`
 * and `after`) in one request is answered by one query, with a window function limiting each
 * parent to `first + 1` rows.
 */
export function loadChildPage<T extends Numbered>(
  context: BaseContext,
  list: ChildList<T>,
  parentId: string,
  page: PageArgs,
): Promise<Connection<T>> {
  const first = checkPageSize(page.first);
  const after = page.after == null ? null : decodeNumberCursor(page.after);
  const loader = loaderFor<string, Connection<T>>(context, list.name, async keys => {
    const requests = keys.map(key => JSON.parse(key) as [string, number, number | null]);
    const groups = new Map<string, string[]>();
    for (const [parent, size, cursor] of requests) {
      const group = JSON.stringify([size, cursor]);
      groups.set(group, [...(groups.get(group) ?? []), parent]);
    }
    const pages = new Map<string, Connection<T>>();
    for (const [group, parents] of groups) {
      const [size, cursor] = JSON.parse(group) as [number, number | null];
      const rows = await fetchChildren(context, list, parents.filter(isUuid), size, cursor);
      for (const parent of parents) {
        const own = rows.get(parent) ?? [];
        pages.set(
          JSON.stringify([parent, size, cursor]),
          toConnection(own, size, row => [row.number], cursor !== null),
        );
      }
    }
    return keys.map(key => pages.get(key) ?? null);
  });
  return loader.load(JSON.stringify([parentId, first, after])) as Promise<Connection<T>>;
}

async function fetchChildren<T extends Numbered>(
  { em }: BaseContext,
  { entity, table, parentColumn }: ChildList<T>,
  parentIds: string[],
  first: number,
  after: number | null,
): Promise<Map<string, T[]>> {
  const byParent = new Map<string, T[]>();
  if (!parentIds.length) {
    return byParent;
  }
  const rows: Record<string, unknown>[] = await em.getConnection().execute(
    `select * from (
       select c.*, row_number() over (partition by c.${parentColumn} order by c.number) as page_row
       from ${table} c
       where c.${parentColumn} in (${parentIds.map(() => '?').join(', ')})
         ${after === null ? '' : 'and c.number > ?'}
     ) c
     where c.page_row <= ?
     order by c.${parentColumn}, c.number`,
    [...parentIds, ...(after === null ? [] : [after]), first + 1],
  );
  for (const { page_row: _pageRow, ...row } of rows) {
    const parentId = row[parentColumn] as string;
    byParent.set(parentId, [
      ...(byParent.get(parentId) ?? []),
      em.map(entity, row as EntityDictionary<T>),
    ]);
  }
  return byParent;
}
