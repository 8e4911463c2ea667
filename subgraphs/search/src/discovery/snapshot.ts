import { json, TEXT_ARRAY } from '../sql';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  checkPageSize,
  type Connection,
  decodeCursor,
  encodeCursor,
  isUuid,
} from '@vp/kit';

/** A feed item: `V:<id>` a video, `L:<id>` a live stream. */
export type FeedItem = string;

export const itemOf = (kind: 'V' | 'L', id: string): FeedItem => `${kind}:${id}`;
export const idOf = (item: FeedItem) => item.slice(2);

/** A feed holds at most this many items; past them it ends (start again from the top). */
export const MAX_FEED_ITEMS = 1000;
/** Snapshots older than this are refused (the client starts again) and purged. */
export const SNAPSHOT_TTL_HOURS = 24;

export interface FeedOptions {
  em: EntityManager;
  /** Names the feed in cursors and snapshots (shorts, home, recommended). */
  feed: string;
  /** Whose feed: a cursor of one viewer is refused for another. */
  viewerKey: string;
  first: number;
  after?: string | null;
  /** The next items of the feed, leaving out `exclude` (what the feed already holds). */
  compute: (exclude: FeedItem[]) => Promise<FeedItem[]>;
  /** Of these items, those that may still be served now (visible, not finished…). */
  stillGood: (items: FeedItem[]) => Promise<Set<FeedItem>>;
}

/**
 * A page of a computed feed. The first page computes the feed and, when there is more than a
 * page, keeps the list as a snapshot (`search.feed_snapshot`); the cursor names the snapshot and
 * a position in it, so later pages read the same list: nothing repeats across pages, whatever
 * happened in between, and each item is checked again (`stillGood`) when its page is served. When
 * the list runs out it is extended with items it does not hold yet, up to MAX_FEED_ITEMS.
 */
export async function feedPage(options: FeedOptions): Promise<Connection<FeedItem>> {
  const first = checkPageSize(options.first);
  const { em } = options;
  let snapshot: { id: string; items: FeedItem[]; stored: boolean; changed: boolean };
  let position = 0;
  if (options.after) {
    const cursor = decodeFeedCursor(options.after, options.feed);
    const [row]: { items: FeedItem[] }[] = await em.getConnection().execute(
      `select "items" from "search"."feed_snapshot"
       where "id" = ? and "feed" = ? and "viewer_key" = ? and "created_at" > now() - interval '${SNAPSHOT_TTL_HOURS} hours'`,
      [cursor.snapshotId, options.feed, options.viewerKey],
    );
    if (!row || cursor.position > row.items.length) {
      throw badInput('This feed has expired or is not yours: start again without a cursor.', [
        { field: 'after', message: 'Not a cursor of this feed (or it has expired).' },
      ]);
    }
    snapshot = { id: cursor.snapshotId, items: row.items, stored: true, changed: false };
    position = cursor.position;
  } else {
    snapshot = { id: randomUUID(), items: [], stored: false, changed: false };
  }
  // Items computed in this request were listed a moment ago: only those read from a stored
  // snapshot are checked again (saves a query on every first page).
  const computedNow = new Set<FeedItem>();
  const compute = async (exclude: FeedItem[]) => {
    const items = dedupe(await options.compute(exclude));
    items.forEach(item => computedNow.add(item));
    return items;
  };
  if (!options.after) {
    snapshot.items = await compute([]);
  }
  const page: { item: FeedItem; next: number }[] = [];
  let exhausted = false;
  /** Adds what the feed does not hold yet; false when there is nothing more. */
  const extend = async () => {
    if (exhausted || snapshot.items.length >= MAX_FEED_ITEMS) {
      return false;
    }
    const held = new Set(snapshot.items);
    const more = (await compute(snapshot.items)).filter(item => !held.has(item));
    exhausted = more.length === 0;
    snapshot.items.push(...more.slice(0, MAX_FEED_ITEMS - snapshot.items.length));
    snapshot.changed ||= more.length > 0;
    return !exhausted;
  };
  while (page.length < first) {
    if (position >= snapshot.items.length) {
      if (!(await extend())) {
        break;
      }
      continue;
    }
    const chunk = snapshot.items.slice(position, position + (first - page.length) * 2);
    const toCheck = chunk.filter(item => !computedNow.has(item));
    const good = toCheck.length ? await options.stillGood(toCheck) : new Set<FeedItem>();
    for (const item of chunk) {
      position += 1;
      if (computedNow.has(item) || good.has(item)) {
        page.push({ item, next: position });
        if (page.length === first) {
          break;
        }
      }
    }
  }
  // A full page at the end of the list: is there anything after it?
  if (page.length === first && position >= snapshot.items.length) {
    await extend();
  }
  const hasNextPage = position < snapshot.items.length;
  if (hasNextPage && (!snapshot.stored || snapshot.changed)) {
    await em.getConnection().execute(
      `insert into "search"."feed_snapshot" ("id", "viewer_key", "feed", "items", "created_at", "updated_at")
       values (?, ?, ?, ${TEXT_ARRAY}, now(), now())
       on conflict ("id") do update set "items" = excluded."items", "updated_at" = now()`,
      [snapshot.id, options.viewerKey, options.feed, json(snapshot.items)],
    );
  }
  const edges = page.map(({ item, next }) => ({
    node: item,
    cursor: encodeCursor(['feed', options.feed, snapshot.id, next]),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: !!options.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const dedupe = (items: FeedItem[]) => [...new Set(items)];

function decodeFeedCursor(cursor: string, feed: string) {
  const [label, name, snapshotId, position, ...rest] = decodeCursor(cursor);
  if (
    rest.length === 0 &&
    label === 'feed' &&
    name === feed &&
    isUuid(snapshotId) &&
    typeof position === 'number' &&
    Number.isInteger(position) &&
    position >= 0
  ) {
    return { snapshotId, position };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor of this feed.' },
  ]);
}

/** Removes expired snapshots (run now and then). */
export async function purgeSnapshots(em: EntityManager): Promise<number> {
  const rows: unknown[] = await em
    .getConnection()
    .execute(
      `delete from "search"."feed_snapshot" where "created_at" < now() - interval '${SNAPSHOT_TTL_HOURS} hours' returning "id"`,
    );
  return rows.length;
}
