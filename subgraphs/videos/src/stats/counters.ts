import { type EntityManager } from '@mikro-orm/postgresql';
import { type BaseContext, isUuid, loaderFor, preparedRead } from '@vp/kit';

export interface EngagementChange {
  likes?: number;
  comments?: number;
  views?: number;
  watchSeconds?: number;
}

/**
 * Adds to a video's totals and to today's (UTC) statistics, inside the caller's transaction, in
 * one statement. The two rows are hot (every like or view of the video updates them) and stay
 * locked until commit, so call this last in the transaction: the shorter the locks are held, the
 * more concurrent changes per second one video takes. Both rows are always locked in the same
 * order, so concurrent changes queue and never deadlock.
 */
export async function addEngagement(em: EntityManager, videoId: string, change: EngagementChange) {
  const likes = change.likes ?? 0;
  const comments = change.comments ?? 0;
  const views = change.views ?? 0;
  const watchSeconds = Math.round(change.watchSeconds ?? 0);
  if (!likes && !comments && !views && !watchSeconds) {
    return;
  }
  await em.execute(
    `with totals as (
       insert into "videos"."video_counter" ("video_id", "like_count", "comment_count", "view_count")
       select ?, ?, ?, ? where ? <> 0 or ? <> 0 or ? <> 0
       on conflict ("video_id") do update set
         "like_count" = "video_counter"."like_count" + excluded."like_count",
         "comment_count" = "video_counter"."comment_count" + excluded."comment_count",
         "view_count" = "video_counter"."view_count" + excluded."view_count"
       returning 1
     )
     insert into "videos"."video_daily_stat" ("video_id", "day", "views", "watch_seconds", "likes", "comments")
     select ?, (now() at time zone 'utc')::date, ?, ?, ?, ? from (select count(*) from totals) as locked_totals_first
     on conflict ("video_id", "day") do update set
       "views" = "video_daily_stat"."views" + excluded."views",
       "watch_seconds" = "video_daily_stat"."watch_seconds" + excluded."watch_seconds",
       "likes" = "video_daily_stat"."likes" + excluded."likes",
       "comments" = "video_daily_stat"."comments" + excluded."comments"`,
    [
      videoId,
      likes,
      comments,
      views,
      likes,
      comments,
      views,
      videoId,
      views,
      watchSeconds,
      likes,
      comments,
    ],
  );
}

export interface Counters {
  likeCount: number;
  commentCount: number;
  viewCount: number;
}

const NO_COUNTS: Counters = { likeCount: 0, commentCount: 0, viewCount: 0 };

/**
 * Every video's totals a request asks for, read by one statement prepared once per connection (or
 * primed by `takeCounters`): every card shows a count, and Home, Search and channel pages read
 * dozens per request.
 */
function countersLoader(context: BaseContext) {
  return loaderFor<string, Counters>(context, 'videos.counters', async ids => {
    const rows: {
      video_id: string;
      like_count: number;
      comment_count: number;
      view_count: string;
    }[] = (await preparedRead(
      context.em,
      'videos.counters',
      `select "video_id", "like_count", "comment_count", "view_count"
         from "videos"."video_counter" where "video_id" = any($1::uuid[])`,
      [ids.filter(isUuid)],
    )) as never;
    const found = new Map(rows.map(row => [row.video_id, row]));
    return ids.map(id => {
      const row = found.get(id);
      return row
        ? {
            likeCount: row.like_count,
            commentCount: row.comment_count,
            viewCount: Number(row.view_count),
          }
        : NO_COUNTS;
    });
  });
}

/** A video's totals; every video of a request is read by one statement. */
export async function countersOf(context: BaseContext, videoId: string): Promise<Counters> {
  return (await countersLoader(context).load(videoId)) ?? NO_COUNTS;
}

/**
 * For a statement over videos aliased `alias`: its totals as three more columns (`COUNTER_COLUMNS`
 * in the select list, `counterJoin(alias)` after the from), so that a page of videos and their
 * view counts come in one statement rather than two (bench/ops: every card shows `viewCount`).
 */
export const COUNTER_COLUMNS = `vc."like_count" as "counter_like_count", vc."comment_count" as "counter_comment_count", vc."view_count" as "counter_view_count"`;
export const counterJoin = (alias: string) =>
  `left join "videos"."video_counter" vc on vc."video_id" = ${alias}."id"`;

/**
 * Takes the COUNTER_COLUMNS out of rows of videos (leaving the video's own columns for mapRows)
 * and hands the totals to `countersOf` for this request. Only for what a request reads after its
 * changes (query fields, `_entities`): a mutation that changes a total reads it afterwards.
 */
export function takeCounters(context: BaseContext, rows: Record<string, unknown>[]) {
  const loader = countersLoader(context);
  for (const row of rows) {
    const {
      counter_like_count: likes,
      counter_comment_count: comments,
      counter_view_count: views,
    } = row;
    delete row.counter_like_count;
    delete row.counter_comment_count;
    delete row.counter_view_count;
    loader.prime(
      row.id as string,
      likes == null
        ? NO_COUNTS
        : { likeCount: Number(likes), commentCount: Number(comments), viewCount: Number(views) },
    );
  }
  return rows;
}
