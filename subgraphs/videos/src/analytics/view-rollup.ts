import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';

/**
 * The analysts' views, rolled up per UTC day at three scopes: the whole platform (`ALL`, scope id
 * the nil uuid), a creator (`CREATOR`, their id) and a video (`VIDEO`). Views and unique viewers
 * come from the view events (ViewCounted, consumed off the request path so the rollup's hot rows
 * never slow a view down); watch seconds are folded every minute from the per-video statistics
 * (`video_daily_stat`, which heartbeats keep), so both agree with what the owner sees per video.
 */
export const ALL_SCOPE_ID = '00000000-0000-0000-0000-000000000000';
export const WATCH_FOLD_QUEUE = 'videos.analytics-watch-fold';

/** A view counted: the video, who (user:<id> or session:<id>) and when. */
export interface CountedView {
  videoId: string;
  viewerKey: string;
  countedAt: string;
}

/**
 * Adds views to the day's rollups of the platform, each video's owner and each video, in one
 * statement for a whole batch of events (ordered, so that two batches lock the rows in the same
 * order). A viewer already seen that day in a scope adds a view but not a unique viewer.
 */
export async function countViews(em: EntityManager, views: CountedView[]) {
  if (views.length === 0) {
    return;
  }
  await em.execute(
    `with input as (
       select * from jsonb_to_recordset(?::jsonb) as t(video_id uuid, viewer_key text, counted_at timestamptz)
     ), expanded as (
       select s.scope, s.scope_id, (i.counted_at at time zone 'utc')::date as day, i.viewer_key
       from input i join videos.video v on v.id = i.video_id
       cross join lateral (values ('ALL'::varchar, ?::uuid), ('CREATOR', v.owner_id), ('VIDEO', v.id)) as s(scope, scope_id)
     ), seen as (
       insert into videos.view_rollup_viewer (scope, scope_id, day, viewer_key)
       select distinct scope, scope_id, day, viewer_key from expanded order by 1, 2, 3, 4
       on conflict do nothing
       returning scope, scope_id, day
     ), counted as (
       select scope, scope_id, day, count(*) as views from expanded group by 1, 2, 3
     ), uniques as (
       select scope, scope_id, day, count(*) as viewers from seen group by 1, 2, 3
     )
     insert into videos.view_rollup (scope, scope_id, day, views, unique_viewers, watch_seconds)
     select c.scope, c.scope_id, c.day, c.views, coalesce(u.viewers, 0), 0
     from counted c left join uniques u on u.scope = c.scope and u.scope_id = c.scope_id and u.day = c.day
     order by 1, 2, 3
     on conflict (scope, scope_id, day) do update set
       views = view_rollup.views + excluded.views,
       unique_viewers = view_rollup.unique_viewers + excluded.unique_viewers`,
    [
      JSON.stringify(
        views.map(view => ({
          video_id: view.videoId,
          viewer_key: view.viewerKey,
          counted_at: view.countedAt,
        })),
      ),
      ALL_SCOPE_ID,
    ],
  );
}

/** One view (tests, and the same rule as a batch of one). */
export const countView = (em: EntityManager, view: CountedView) => countViews(em, [view]);

/**
 * Watch seconds of today and yesterday (UTC), recomputed from the per-video statistics for the
 * platform and each creator: a recomputation, not an increment, so running it twice or late is
 * harmless. Older days no longer change.
 */
export async function foldWatchSeconds(em: EntityManager, days = 2) {
  await em.execute(
    `insert into videos.view_rollup (scope, scope_id, day, views, unique_viewers, watch_seconds)
     select 'CREATOR', v.owner_id, s.day, 0, 0, sum(s.watch_seconds)
     from videos.video_daily_stat s join videos.video v on v.id = s.video_id
     where s.day > (now() at time zone 'utc')::date - ?::int
     group by v.owner_id, s.day
     union all
     select 'ALL', ?::uuid, s.day, 0, 0, sum(s.watch_seconds)
     from videos.video_daily_stat s
     where s.day > (now() at time zone 'utc')::date - ?::int
     group by s.day
     on conflict (scope, scope_id, day) do update set watch_seconds = excluded.watch_seconds`,
    [days, ALL_SCOPE_ID, days],
  );
}

/** The fold as a durable pg-boss job every minute (any instance may run it). */
export async function scheduleWatchFold(messaging: Messaging, log: Logger) {
  await messaging.defineJob(WATCH_FOLD_QUEUE, async () => {
    await foldWatchSeconds(messaging.em());
    log.debug('watch seconds folded into the analytics rollups');
  });
  await messaging.queue.schedule(WATCH_FOLD_QUEUE, '* * * * *');
}
