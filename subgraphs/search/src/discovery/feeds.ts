import { json, TEXT_ARRAY, UUID_ARRAY } from '../sql';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  categoryById,
  checkPageSize,
  type Connection,
  decodeCursor,
  isUuid,
  toConnection,
} from '@vp/kit';
import { listedSql } from '../documents/postgres-search-index';
import { type SearchScope } from '../viewer/scope';
import {
  continueWatchingIds,
  followedNewIds,
  freshIds,
  historySeeds,
  liveIds,
  notFinishedSql,
  periodBound,
  popularIds,
  shortIds,
  trendingIds,
} from './candidates';
import { relatedIds } from './related';
import { type FeedItem, feedPage, idOf, itemOf } from './snapshot';
import { TrendingPeriod } from './signals';

export type FeedNode =
  { __typename: 'Video'; id: string } | { __typename: 'LiveStream'; id: string };

const SESSION_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Who a feed is for: the signed-in user, else the player session (`sessionId`), else anyone. */
export function feedViewer(scope: SearchScope, sessionId: string | null | undefined) {
  if (sessionId != null && !SESSION_ID.test(sessionId)) {
    throw badInput('sessionId: 1–100 letters, digits, "-" or "_".', [
      { field: 'sessionId', message: '1–100 letters, digits, "-" or "_".' },
    ]);
  }
  const userId = scope.ownerId;
  const viewerKey = userId ? `u:${userId}` : sessionId ? `s:${sessionId}` : null;
  return { userId, viewerKey, snapshotKey: viewerKey ?? 'anonymous' };
}

/** Round-robin over lists, in the given pattern of list indexes, without repeats. */
export function interleave(lists: string[][], pattern: number[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const cursors = lists.map(() => 0);
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const index of pattern) {
      const list = lists[index];
      while (cursors[index] < list.length) {
        const item = list[cursors[index]++];
        if (!seen.has(item)) {
          seen.add(item);
          out.push(item);
          progressed = true;
          break;
        }
      }
    }
  }
  return out;
}

/** Which of these items may still be served: listed for the scope (and live, for streams). */
async function stillListed(
  em: EntityManager,
  scope: SearchScope,
  items: FeedItem[],
  extra: { sql: string; params: unknown[] } = { sql: '', params: [] },
): Promise<Set<FeedItem>> {
  if (!items.length) {
    return new Set();
  }
  const listed = listedSql(scope, 'd');
  const rows: { id: string; kind: string }[] = await em.getConnection().execute(
    `select d."id", d."kind" from "search"."document" d
     where d."id" = any(${UUID_ARRAY}) and d."deleted_at" is null and ${listed.sql}
       and (d."kind" <> 'LIVE_STREAM' or d."live_status" = 'LIVE') ${extra.sql}`,
    [json(items.map(idOf)), ...listed.params, ...extra.params],
  );
  return new Set(rows.map(row => itemOf(row.kind === 'LIVE_STREAM' ? 'L' : 'V', row.id)));
}

const none: Promise<string[]> = Promise.resolve([]);

/**
 * How many items each source gives per computation: enough for a page or two once mixed (the
 * list is extended when a page reaches its end), so a first page reads little.
 */
const batchSize = (first: number) => Math.min(100, Math.max(20, first + 10));
const videos = (ids: string[]) => ids.map(id => itemOf('V', id));
const toNodes = (connection: Connection<FeedItem>): Connection<FeedNode> => ({
  ...connection,
  edges: connection.edges.map(({ cursor, node }) => ({
    cursor,
    node: node.startsWith('L:')
      ? { __typename: 'LiveStream', id: idOf(node) }
      : { __typename: 'Video', id: idOf(node) },
  })),
});

export interface FeedArgs {
  sessionId?: string | null;
  first: number;
  after?: string | null;
}

/**
 * Shorts only, endless: never one the viewer (user, else session) finished in the last 7 days;
 * popular ones (this week's trend) and fresh ones (the last 3 days) mixed two to one, then older
 * ones, most viewed first, once those run out.
 */
export async function shortsFeed(
  em: EntityManager,
  scope: SearchScope,
  args: FeedArgs,
): Promise<Connection<FeedNode>> {
  const { viewerKey, snapshotKey } = feedViewer(scope, args.sessionId);
  return toNodes(
    await feedPage({
      em,
      feed: 'shorts',
      viewerKey: snapshotKey,
      first: args.first,
      after: args.after,
      compute: async held => {
        const exclude = held.map(idOf);
        const [popular, fresh] = await Promise.all([
          shortIds(em, scope, { pool: 'popular', exclude, limit: 80, viewerKey }),
          shortIds(em, scope, { pool: 'fresh', exclude, limit: 40, viewerKey }),
        ]);
        let older: string[] = [];
        if (popular.length + fresh.length < 60) {
          older = await shortIds(em, scope, {
            pool: 'older',
            exclude: [...exclude, ...popular, ...fresh],
            limit: 100,
            viewerKey,
          });
        }
        return videos([...interleave([popular, fresh], [0, 1, 0]), ...older]);
      },
      stillGood: items =>
        stillListed(em, scope, items, {
          sql: `and d."kind" = 'SHORT' ${notFinishedSql(viewerKey).sql}`,
          params: notFinishedSql(viewerKey).params,
        }),
    }),
  );
}

/** How many of the viewer's latest watched or liked videos their recommendations start from. */
const HISTORY_SEEDS = 5;

/** Personal recommendations of videos (not shorts, not watched) for a viewer with a history. */
async function recommendationsFromHistory(
  em: EntityManager,
  scope: SearchScope,
  viewerKey: string | null,
  exclude: string[],
  limit: number,
): Promise<string[]> {
  if (!viewerKey) {
    return [];
  }
  const seeds = await historySeeds(em, viewerKey, HISTORY_SEEDS);
  return relatedIds(em, scope, {
    seeds,
    exclude,
    limit,
    kinds: ['VIDEO'],
    viewerKey,
    viewersPerSeed: 20,
    videosPerViewer: 15,
  });
}

/**
 * Videos for this viewer. Signed in (or a session with a history): recommendations from what they
 * watched and liked, new videos of the creators they follow, then trending and fresh ones; never
 * what they have already watched. Anonymous: trending and fresh, mixed.
 */
export async function recommendedVideos(
  em: EntityManager,
  scope: SearchScope,
  args: FeedArgs,
): Promise<Connection<FeedNode>> {
  const { userId, viewerKey, snapshotKey } = feedViewer(scope, args.sessionId);
  const batch = batchSize(args.first);
  return toNodes(
    await feedPage({
      em,
      feed: 'recommended',
      viewerKey: snapshotKey,
      first: args.first,
      after: args.after,
      compute: async held => {
        const exclude = held.map(idOf);
        const [fromHistory, followed, trending, fresh] = await Promise.all([
          recommendationsFromHistory(em, scope, viewerKey, exclude, batch),
          userId && viewerKey
            ? followedNewIds(em, scope, { followerId: userId, viewerKey, exclude, limit: batch })
            : none,
          trendingIds(em, scope, {
            period: TrendingPeriod.DAY,
            kinds: ['VIDEO'],
            exclude,
            limit: batch,
            viewerKey,
          }),
          freshIds(em, scope, { kinds: ['VIDEO'], exclude, limit: batch, viewerKey }),
        ]);
        const mixed = interleave([fromHistory, followed, trending, fresh], [0, 1, 0, 2, 3]);
        return videos(
          mixed.length
            ? mixed
            : await popularIds(em, scope, {
                kinds: ['VIDEO'],
                exclude,
                limit: batch * 3,
                viewerKey,
              }),
        );
      },
      stillGood: items =>
        stillListed(em, scope, items, { sql: `and d."kind" = 'VIDEO'`, params: [] }),
    }),
  );
}

/**
 * The home page. Signed in: followed creators' live streams first, then videos to continue, then
 * followed creators' new videos, recommendations from history, trending and fresh ones mixed.
 * Anonymous: live streams on air, then trending and fresh videos mixed. No item twice, on one page
 * or across pages (a snapshot, see snapshot.ts).
 */
export async function homeFeed(
  em: EntityManager,
  scope: SearchScope,
  args: FeedArgs,
): Promise<Connection<FeedNode>> {
  const { userId, viewerKey, snapshotKey } = feedViewer(scope, args.sessionId);
  const batch = batchSize(args.first);
  return toNodes(
    await feedPage({
      em,
      feed: 'home',
      viewerKey: snapshotKey,
      first: args.first,
      after: args.after,
      compute: async held => {
        const exclude = held.map(idOf);
        const firstTime = held.length === 0;
        const [live, continuing, followed, fromHistory, trending, fresh] = await Promise.all([
          firstTime
            ? liveIds(em, scope, { followerId: userId, exclude, limit: userId ? 10 : 6 })
            : none,
          firstTime && viewerKey
            ? continueWatchingIds(em, scope, { viewerKey, exclude, limit: 10 })
            : none,
          userId && viewerKey
            ? followedNewIds(em, scope, { followerId: userId, viewerKey, exclude, limit: batch })
            : none,
          recommendationsFromHistory(em, scope, viewerKey, exclude, batch),
          trendingIds(em, scope, {
            period: TrendingPeriod.DAY,
            kinds: ['VIDEO'],
            exclude,
            limit: batch,
            viewerKey,
          }),
          freshIds(em, scope, { kinds: ['VIDEO'], exclude, limit: batch, viewerKey }),
        ]);
        const mixed = interleave(
          [followed, fromHistory, trending, fresh],
          userId ? [0, 1, 0, 2, 1, 3] : [2, 3],
        );
        const rest = mixed.length
          ? mixed
          : await popularIds(em, scope, { kinds: ['VIDEO'], exclude, limit: batch * 3, viewerKey });
        return [
          ...live.map(id => itemOf('L', id)),
          ...videos(continuing),
          ...videos(rest.filter(id => !continuing.includes(id))),
        ];
      },
      stillGood: items => stillListed(em, scope, items),
    }),
  );
}

export interface TrendingArgs {
  period: TrendingPeriod;
  kind?: 'VIDEO' | 'SHORT' | null;
  categoryId?: string | null;
  first: number;
  after?: string | null;
}

/**
 * Videos (or shorts) by decayed view velocity in the period (signals.ts), per kind and category.
 * Scores only rise, so a cursor `[label, score, id]` never repeats an item on later pages. The
 * scores move with each counted view, so the list is as fresh as event delivery (about a second).
 */
export async function trending(
  em: EntityManager,
  scope: SearchScope,
  args: TrendingArgs,
): Promise<Connection<FeedNode>> {
  const first = checkPageSize(args.first);
  let categoryId: string | null = null;
  if (args.categoryId != null) {
    const category = isUuid(args.categoryId) ? categoryById(args.categoryId) : undefined;
    if (!category) {
      throw badInput('categoryId: Not a category (see the categories query).', [
        { field: 'categoryId', message: 'Not a category (see the categories query).' },
      ]);
    }
    categoryId = category.id;
  }
  const label = `trending:${args.period}:${args.kind ?? '*'}:${categoryId ?? '*'}`;
  const after = args.after ? decodeScoreCursor(args.after, label) : null;
  const column = args.period === TrendingPeriod.DAY ? '"day_score"' : '"week_score"';
  const bound = periodBound(args.period);
  const listed = listedSql(scope, 'd');
  const params: unknown[] = [
    bound.score,
    bound.since,
    ...listed.params,
    json(args.kind ? [args.kind] : ['VIDEO', 'SHORT']),
  ];
  let conditions = '';
  if (categoryId) {
    conditions += ` and d."category_id" = ?`;
    params.push(categoryId);
  }
  if (after) {
    conditions += ` and (s.${column} < ? or (s.${column} = ? and s."video_id" < ?))`;
    params.push(after.value, after.value, after.id);
  }
  params.push(first + 1);
  const rows: { id: string; score: number }[] = await em.getConnection().execute(
    `select s."video_id" as "id", s.${column} as "score"
     from "search"."signal" s join "search"."document" d on d."id" = s."video_id"
     where s.${column} >= ? and s."last_viewed_at" > ? and d."deleted_at" is null and ${listed.sql}
       and d."kind" = any(${TEXT_ARRAY}) ${conditions}
     order by s.${column} desc, s."video_id" desc
     limit ?`,
    params,
  );
  const connection = toConnection(rows, first, row => [label, row.score, row.id]);
  return {
    ...connection,
    edges: connection.edges.map(({ cursor, node }) => ({
      cursor,
      node: { __typename: 'Video', id: node.id },
    })),
  };
}

function decodeScoreCursor(cursor: string, label: string) {
  const [name, value, id, ...rest] = decodeCursor(cursor);
  if (
    rest.length === 0 &&
    name === label &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    isUuid(id)
  ) {
    return { value, id };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor of this list.' },
  ]);
}

/** How many related videos there are at most (pages of `related` walk this list). */
export const MAX_RELATED = 100;

/**
 * `Video.related`: co-viewing blended with shared tags and category (related.ts), of the same
 * kind as the video, never the video itself; empty for a video the viewer may not see. Pages are
 * positions in the list computed again for each page (it is short and cheap): `[label, video, n]`.
 */
export async function related(
  em: EntityManager,
  scope: SearchScope,
  videoId: string,
  args: { first: number; after?: string | null },
): Promise<Connection<FeedNode>> {
  const first = checkPageSize(args.first);
  const label = `related:${videoId}`;
  let offset = 0;
  if (args.after) {
    const [name, position, ...rest] = decodeCursor(args.after);
    if (
      rest.length ||
      name !== label ||
      typeof position !== 'number' ||
      !Number.isInteger(position) ||
      position < 0
    ) {
      throw badInput('The cursor is not valid.', [
        { field: 'after', message: 'Not a cursor of this list.' },
      ]);
    }
    offset = position;
  }
  if (!isUuid(videoId)) {
    return toConnection<FeedNode>([], first, () => []);
  }
  const listed = listedSql(scope, 'd');
  const [video]: { kind: 'VIDEO' | 'SHORT' }[] = await em.getConnection().execute(
    `select d."kind" from "search"."document" d
     where d."id" = ? and d."deleted_at" is null and d."kind" in ('VIDEO', 'SHORT') and ${listed.sql}`,
    [videoId, ...listed.params],
  );
  if (!video || offset >= MAX_RELATED) {
    return toConnection<FeedNode>([], first, () => []);
  }
  const ids = await relatedIds(em, scope, {
    seeds: [videoId],
    exclude: [],
    limit: Math.min(MAX_RELATED, offset + first + 1),
    kinds: [video.kind],
  });
  const rows = ids.slice(offset).map((id, i) => ({ id, position: offset + i + 1 }));
  const connection = toConnection(rows, first, row => [label, row.position]);
  return {
    ...connection,
    edges: connection.edges.map(({ cursor, node }) => ({
      cursor,
      node: { __typename: 'Video' as const, id: node.id },
    })),
    pageInfo: { ...connection.pageInfo, hasPreviousPage: offset > 0 },
  };
}
