import { json, TEXT_ARRAY, UUID_ARRAY } from '../sql';
import { type EntityManager } from '@mikro-orm/postgresql';
import { listedSql } from '../documents/postgres-search-index';
import { type SearchScope } from '../viewer/scope';
import { PERIOD_HOURS, TrendingPeriod, viewScore } from './signals';

/**
 * The queries feeds are made of. Each returns ids of documents everyone in the scope may see
 * (listed: PUBLIC, published by now, not removed, ADULT only for age-verified viewers), leaves out
 * `exclude`, and is bounded by `limit`.
 */
export interface Source {
  exclude: string[];
  limit: number;
}

type Kind = 'VIDEO' | 'SHORT';

const rowsOf = async (em: EntityManager, sql: string, params: unknown[]) =>
  ((await em.getConnection().execute(sql, params)) as { id: string }[]).map(row => row.id);

/** SQL for "listed, of these kinds, not excluded" on `d`. */
function listedOf(scope: SearchScope, kinds: readonly string[], exclude: string[]) {
  const listed = listedSql(scope, 'd');
  return {
    sql: `d."deleted_at" is null and ${listed.sql} and d."kind" = any(${TEXT_ARRAY}) and d."id" <> all(${UUID_ARRAY})`,
    params: [...listed.params, json(kinds), json(exclude)],
  };
}

/** The lowest score a video viewed once at the start of the period has: the range to walk. */
export const periodBound = (period: TrendingPeriod, now = new Date()) => ({
  since: new Date(now.getTime() - PERIOD_HOURS[period] * 3_600_000),
  score: viewScore(new Date(now.getTime() - PERIOD_HOURS[period] * 3_600_000), period),
});

const scoreColumn = (period: TrendingPeriod) =>
  period === TrendingPeriod.DAY ? '"day_score"' : '"week_score"';

/** Most trending first: decayed view velocity of the period (see signals.ts). */
export async function trendingIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & { period: TrendingPeriod; kinds: readonly Kind[]; viewerKey?: string | null },
): Promise<string[]> {
  const listed = listedOf(scope, options.kinds, options.exclude);
  const bound = periodBound(options.period);
  const column = scoreColumn(options.period);
  return rowsOf(
    em,
    `select s."video_id" as "id" from "search"."signal" s join "search"."document" d on d."id" = s."video_id"
     where s.${column} >= ? and s."last_viewed_at" > ? and ${listed.sql} ${unwatched(options.viewerKey)}
     order by s.${column} desc, s."video_id" desc limit ?`,
    [
      bound.score,
      bound.since,
      ...listed.params,
      ...unwatchedParams(options.viewerKey),
      options.limit,
    ],
  );
}

/** Newest published first. */
export async function freshIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & { kinds: readonly Kind[]; since?: Date; viewerKey?: string | null },
): Promise<string[]> {
  const listed = listedOf(scope, options.kinds, options.exclude);
  return rowsOf(
    em,
    `select d."id" from "search"."document" d
     where ${listed.sql} ${options.since ? `and d."published_at" > ?` : ''} ${unwatched(options.viewerKey)}
     order by d."published_at" desc, d."id" desc limit ?`,
    [
      ...listed.params,
      ...(options.since ? [options.since] : []),
      ...unwatchedParams(options.viewerKey),
      options.limit,
    ],
  );
}

/**
 * Most viewed of all time first, then (once videos with views run out) the newest of the rest:
 * the fallback once the recent ones run out. Walks the view-count index, never sorts them all.
 */
export async function popularIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & {
    kinds: readonly Kind[];
    viewerKey?: string | null;
    extra?: { sql: string; params: unknown[] };
  },
): Promise<string[]> {
  const listed = listedOf(scope, options.kinds, options.exclude);
  const extra = options.extra ?? { sql: '', params: [] };
  const viewed = await rowsOf(
    em,
    `select d."id" from "search"."signal" s join "search"."document" d on d."id" = s."video_id"
     where s."view_count" > 0 and ${listed.sql} ${unwatched(options.viewerKey)} ${extra.sql}
     order by s."view_count" desc, s."video_id" desc limit ?`,
    [...listed.params, ...unwatchedParams(options.viewerKey), ...extra.params, options.limit],
  );
  if (viewed.length === options.limit) {
    return viewed;
  }
  const rest = await rowsOf(
    em,
    `select d."id" from "search"."document" d
     where ${listed.sql} ${unwatched(options.viewerKey)} ${extra.sql}
       and not exists (select 1 from "search"."signal" s where s."video_id" = d."id" and s."view_count" > 0)
     order by d."published_at" desc, d."id" desc limit ?`,
    [
      ...listed.params,
      ...unwatchedParams(options.viewerKey),
      ...extra.params,
      options.limit - viewed.length,
    ],
  );
  return [...viewed, ...rest];
}

/** Leaves out what the viewer has watched (counted or finished). */
const unwatched = (viewerKey: string | null | undefined) =>
  viewerKey
    ? `and not exists (select 1 from "search"."watch" w where w."viewer_key" = ? and w."video_id" = d."id" and (w."views" > 0 or w."finished_at" is not null))`
    : '';
const unwatchedParams = (viewerKey: string | null | undefined) => (viewerKey ? [viewerKey] : []);

/** Live streams on air now, by followed creators only when `followerId` is given. */
export async function liveIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & { followerId?: string | null },
): Promise<string[]> {
  const listed = listedOf(scope, ['LIVE_STREAM'], options.exclude);
  const followed = options.followerId
    ? `and exists (select 1 from "search"."follow" f where f."follower_id" = ? and f."followee_id" = d."owner_id" and f."following")`
    : '';
  return rowsOf(
    em,
    `select d."id" from "search"."document" d
     where ${listed.sql} and d."live_status" = 'LIVE' ${followed}
     order by d."published_at" desc, d."id" desc limit ?`,
    [...listed.params, ...(options.followerId ? [options.followerId] : []), options.limit],
  );
}

/** New videos of the creators a user follows (the last 30 days), newest first, not yet watched. */
export async function followedNewIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & { followerId: string; viewerKey: string },
): Promise<string[]> {
  const listed = listedOf(scope, ['VIDEO'], options.exclude);
  return rowsOf(
    em,
    `select d."id" from "search"."follow" f
     join "search"."document" d on d."owner_id" = f."followee_id"
     where f."follower_id" = ? and f."following" and d."published_at" > now() - interval '30 days'
       and ${listed.sql} ${unwatched(options.viewerKey)}
     order by d."published_at" desc, d."id" desc limit ?`,
    [options.followerId, ...listed.params, options.viewerKey, options.limit],
  );
}

/** Started (a view counted), not finished, in the last 30 days: most recently watched first. */
export async function continueWatchingIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & { viewerKey: string },
): Promise<string[]> {
  const listed = listedOf(scope, ['VIDEO'], options.exclude);
  return rowsOf(
    em,
    `select d."id" from "search"."watch" w join "search"."document" d on d."id" = w."video_id"
     where w."viewer_key" = ? and w."views" > 0 and w."finished_at" is null
       and w."last_viewed_at" > now() - interval '30 days' and ${listed.sql}
     order by w."last_viewed_at" desc limit ?`,
    [options.viewerKey, ...listed.params, options.limit],
  );
}

/** The videos a viewer watched or liked most recently: the seeds of their recommendations. */
export async function historySeeds(em: EntityManager, viewerKey: string, limit = 20) {
  return rowsOf(
    em,
    `select w."video_id" as "id" from "search"."watch" w where w."viewer_key" = ?
     order by w."last_viewed_at" desc limit ?`,
    [viewerKey, limit],
  );
}

/** Short of a document: the kind and whether the viewer finished it in the last 7 days. */
export const FINISHED_DAYS = 7;

/** Shorts the viewer has not finished in the last 7 days. */
export const notFinishedSql = (viewerKey: string | null) =>
  viewerKey
    ? {
        sql: `and not exists (select 1 from "search"."watch" w where w."viewer_key" = ? and w."video_id" = d."id" and w."finished_at" > now() - interval '${FINISHED_DAYS} days')`,
        params: [viewerKey],
      }
    : { sql: '', params: [] };

/** Shorts for the shorts feed from one pool: fresh (published since), popular (this week), older. */
export async function shortIds(
  em: EntityManager,
  scope: SearchScope,
  options: Source & { pool: 'fresh' | 'popular' | 'older'; viewerKey: string | null },
): Promise<string[]> {
  const listed = listedOf(scope, ['SHORT'], options.exclude);
  const notFinished = notFinishedSql(options.viewerKey);
  if (options.pool === 'popular') {
    const bound = periodBound(TrendingPeriod.WEEK);
    return rowsOf(
      em,
      `select s."video_id" as "id" from "search"."signal" s join "search"."document" d on d."id" = s."video_id"
       where s."week_score" >= ? and s."last_viewed_at" > ? and ${listed.sql} ${notFinished.sql}
       order by s."week_score" desc, s."video_id" desc limit ?`,
      [bound.score, bound.since, ...listed.params, ...notFinished.params, options.limit],
    );
  }
  if (options.pool === 'fresh') {
    return rowsOf(
      em,
      `select d."id" from "search"."document" d
       where ${listed.sql} and d."published_at" > now() - interval '3 days' ${notFinished.sql}
       order by d."published_at" desc, d."id" desc limit ?`,
      [...listed.params, ...notFinished.params, options.limit],
    );
  }
  return popularIds(em, scope, {
    kinds: ['SHORT'],
    exclude: options.exclude,
    limit: options.limit,
    extra: notFinished,
  });
}
