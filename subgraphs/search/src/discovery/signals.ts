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

/** ln Σ e^x of some log-scores, computed stably. */
const logSumExp = (values: number[]) => {
  const max = Math.max(...values);
  return max + Math.log(values.reduce((sum, value) => sum + Math.exp(value - max), 0));
};

export interface CountedView {
  videoId: string;
  viewerKey: string | null;
  at: Date;
}

/**
 * Counted views, any number at once (a batch of ViewCounted events): per video, the view count and
 * the trend scores (the batch's own log-sum-exp added to the stored one), in one statement; per
 * viewer and video, the history, in another. Sums and maxima: the order of events never matters.
 */
export async function recordViews(em: EntityManager, views: CountedView[]) {
  if (!views.length) {
    return;
  }
  const connection = em.getConnection();
  const byVideo = new Map<string, CountedView[]>();
  for (const view of views) {
    byVideo.set(view.videoId, [...(byVideo.get(view.videoId) ?? []), view]);
  }
  const rows = [...byVideo].map(([videoId, list]) => ({
    video_id: videoId,
    views: list.length,
    day: logSumExp(list.map(view => viewScore(view.at, TrendingPeriod.DAY))),
    week: logSumExp(list.map(view => viewScore(view.at, TrendingPeriod.WEEK))),
    last: new Date(Math.max(...list.map(view => view.at.getTime()))).toISOString(),
  }));
  const counted: { video_id: string; view_count: string; added: number }[] =
    await connection.execute(
      `insert into "search"."signal" as s ("video_id", "view_count", "day_score", "week_score", "last_viewed_at")
     select x."video_id", x."views", x."day", x."week", x."last"
     from jsonb_to_recordset(?::jsonb) as x("video_id" uuid, "views" int, "day" float8, "week" float8, "last" timestamptz)
     order by x."video_id"
     on conflict ("video_id") do update set
       "view_count" = s."view_count" + excluded."view_count",
       "day_score" = ${logAddExp('s."day_score"', 'excluded."day_score"')},
       "week_score" = ${logAddExp('s."week_score"', 'excluded."week_score"')},
       "last_viewed_at" = greatest(s."last_viewed_at", excluded."last_viewed_at")
     returning "video_id", "view_count"`,
      [JSON.stringify(rows)],
    );
  // Suggestions rank by ⌊log2(1 + views)⌋: rewritten only when a video's count crosses a power of
  // two, so a video's suggestion rows change about log2(views) times in its life, not per view.
  const bucket = (count: number) => Math.floor(Math.log2(1 + count));
  const moved = counted.filter(row => {
    const now = Number(row.view_count);
    return bucket(now) !== bucket(now - byVideo.get(row.video_id)!.length);
  });
  if (moved.length) {
    await connection.execute(
      `update "search"."suggestion" g set "weight" = ${SUGGESTION_WEIGHT('x."views"')}
       from jsonb_to_recordset(?::jsonb) as x("video_id" uuid, "views" bigint)
       where g."document_id" = x."video_id"`,
      [
        JSON.stringify(
          moved.map(row => ({ video_id: row.video_id, views: Number(row.view_count) })),
        ),
      ],
    );
  }
  // The viewers' histories: views added up per viewer and video, unless cleared since.
  const byWatch = new Map<
    string,
    { viewer_key: string; video_id: string; views: number; last: string }
  >();
  for (const view of views) {
    if (!view.viewerKey) {
      continue;
    }
    const key = `${view.viewerKey} ${view.videoId}`;
    const at = view.at.toISOString();
    const known = byWatch.get(key);
    byWatch.set(key, {
      viewer_key: view.viewerKey,
      video_id: view.videoId,
      views: (known?.views ?? 0) + 1,
      last: known && known.last > at ? known.last : at,
    });
  }
  if (byWatch.size) {
    await connection.execute(
      `insert into "search"."watch" as w ("viewer_key", "video_id", "views", "last_viewed_at")
       select x."viewer_key", x."video_id", x."views", x."last"
       from jsonb_to_recordset(?::jsonb) as x("viewer_key" text, "video_id" uuid, "views" int, "last" timestamptz)
       where not exists (
         select 1 from "search"."history_clear" c where c."viewer_key" = x."viewer_key" and c."cleared_at" >= x."last")
       order by x."viewer_key", x."video_id"
       on conflict ("viewer_key", "video_id") do update set
         "views" = w."views" + excluded."views",
         "last_viewed_at" = greatest(w."last_viewed_at", excluded."last_viewed_at")`,
      [JSON.stringify([...byWatch.values()])],
    );
  }
}

/** One counted view (tests, tools): a batch of one. */
export const recordView = (em: EntityManager, view: CountedView) => recordViews(em, [view]);

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
