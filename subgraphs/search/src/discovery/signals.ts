import { type EntityManager } from '@mikro-orm/postgresql';
import { SUGGESTION_WEIGHT } from '../documents/postgres-search-index';

/**
 * Trending is recent view velocity with time decay. Each counted view adds 2^((t − t0) / h) to a
 * video's score, h the half-life of the period: that is forward decay (Cormode et al.), where a
 * view's weight relative to the others halves every h, but no stored score ever has to be aged —
 * the order of two scores is the same at any time, and a new view only raises one. Scores are kept
 * as natural logarithms (they would overflow a double within years otherwise), added with
 * log-sum-exp.
 */
export const TREND_EPOCH = Date.UTC(2026, 0, 1);

export enum TrendingPeriod {
  DAY = 'DAY',
  WEEK = 'WEEK',
}

/** A view from a day ago weighs 1/64 of one now in DAY; a week ago, 1/128 in WEEK. */
export const HALF_LIFE_HOURS: Record<TrendingPeriod, number> = {
  [TrendingPeriod.DAY]: 4,
  [TrendingPeriod.WEEK]: 24,
};

/** How far back a video's last view may be for it to trend in a period. */
export const PERIOD_HOURS: Record<TrendingPeriod, number> = {
  [TrendingPeriod.DAY]: 24,
  [TrendingPeriod.WEEK]: 24 * 7,
};

/** The log-score of one view at `at` in a period. */
export const viewScore = (at: Date, period: TrendingPeriod) =>
  ((at.getTime() - TREND_EPOCH) / 3_600_000 / HALF_LIFE_HOURS[period]) * Math.LN2;

/** ln(e^a + e^b) in SQL, for a stored score `a` ('-Infinity' when none) and a new one `b`. */
const logAddExp = (a: string, b: string) =>
  `case when ${a} = '-Infinity'::float8 then ${b} else greatest(${a}, ${b}) + ln(1 + exp(-abs(${a} - ${b}))) end`;

/** `u:<user id>` for a signed-in viewer, else `s:<session id>`. */
export const viewerKeyOf = (watcher: { userId: string | null; sessionId: string | null }) =>
  watcher.userId
    ? `u:${watcher.userId.toLowerCase()}`
    : watcher.sessionId
      ? `s:${watcher.sessionId}`
      : null;

/** One counted view: the video's count and trend scores, and the viewer's history. */
export async function recordView(
  em: EntityManager,
  view: { videoId: string; viewerKey: string | null; at: Date },
) {
  const connection = em.getConnection();
  const [{ view_count: count }]: { view_count: string }[] = await connection.execute(
    `insert into "search"."signal" as s ("video_id", "view_count", "day_score", "week_score", "last_viewed_at")
     values (?, 1, ?, ?, ?)
     on conflict ("video_id") do update set
       "view_count" = s."view_count" + 1,
       "day_score" = ${logAddExp('s."day_score"', 'excluded."day_score"')},
       "week_score" = ${logAddExp('s."week_score"', 'excluded."week_score"')},
       "last_viewed_at" = greatest(s."last_viewed_at", excluded."last_viewed_at")
     returning "view_count"`,
    [
      view.videoId,
      viewScore(view.at, TrendingPeriod.DAY),
      viewScore(view.at, TrendingPeriod.WEEK),
      view.at,
    ],
  );
  // Suggestions rank by ⌊log2(1 + views)⌋: it moves only when 1 + views is a power of two, so
  // a video's suggestion rows are rewritten about log2(views) times in its life, not per view.
  const views = Number(count);
  if (((views + 1) & views) === 0) {
    await connection.execute(
      `update "search"."suggestion" set "weight" = ${SUGGESTION_WEIGHT('?::bigint')} where "document_id" = ?`,
      [views, view.videoId],
    );
  }
  if (view.viewerKey) {
    await touchWatch(em, view.viewerKey, view.videoId, view.at, {
      column: 'views',
      sql: `w."views" + 1`,
      initial: 1,
    });
  }
}

/**
 * Upserts a viewer's row for a video unless their history was cleared at or after `at` (a late
 * delivery of something they already asked to forget).
 */
export async function touchWatch(
  em: EntityManager,
  viewerKey: string,
  videoId: string,
  at: Date,
  change: { column: 'views' | 'finished_at' | 'liked_at'; sql: string; initial: unknown },
) {
  await em.getConnection().execute(
    `insert into "search"."watch" as w ("viewer_key", "video_id", "last_viewed_at", "${change.column}")
     select ?, ?, ?, ?
     where not exists (
       select 1 from "search"."history_clear" c where c."viewer_key" = ? and c."cleared_at" >= ?)
     on conflict ("viewer_key", "video_id") do update set
       "${change.column}" = ${change.sql},
       "last_viewed_at" = greatest(w."last_viewed_at", excluded."last_viewed_at")`,
    [viewerKey, videoId, at, change.initial, viewerKey, at],
  );
}
