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

/** Adds one view to the day's rollups of the platform, the video's owner and the video. */
export async function countView(em: EntityManager, view: CountedView) {
  await em.execute(
    `with target as (
       select v.id as video_id, v.owner_id from videos.video v where v.id = ?
     ), scopes as (
       select 'ALL'::varchar as scope, ?::uuid as scope_id from target
       union all select 'CREATOR', owner_id from target
       union all select 'VIDEO', video_id from target
     ), seen as (
       insert into videos.view_rollup_viewer (scope, scope_id, day, viewer_key)
       select scope, scope_id, (?::timestamptz at time zone 'utc')::date, ? from scopes
       on conflict do nothing
       returning scope, scope_id
     )
     insert into videos.view_rollup (scope, scope_id, day, views, unique_viewers, watch_seconds)
     select s.scope, s.scope_id, (?::timestamptz at time zone 'utc')::date, 1,
       (select count(*) from seen where seen.scope = s.scope and seen.scope_id = s.scope_id), 0
     from scopes s
     on conflict (scope, scope_id, day) do update set
       views = view_rollup.views + 1,
       unique_viewers = view_rollup.unique_viewers + excluded.unique_viewers`,
    [view.videoId, ALL_SCOPE_ID, view.countedAt, view.viewerKey, view.countedAt],
  );
}

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
