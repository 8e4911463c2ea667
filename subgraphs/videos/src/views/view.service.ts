import { VideoFinished, ViewCounted, WatchHistoryCleared } from '@vp/contracts';
import {
  type BaseContext,
  checkPageSize,
  type Connection,
  decodeTimeCursor,
  emitEvent,
  forbidden,
  isUuid,
  loaderFor,
  preparedRead,
  requireViewer,
  toConnection,
} from '@vp/kit';
import { addEngagement } from '../stats/counters';
import { requireVisibleVideo } from '../videos/video-access';
import { type Video } from '../videos/video.entity';
import { findVisibleVideo, visibleVideoSql } from '../videos/video.service';
import { type RecordViewInput, type ViewerProgress, type WatchHistoryEntry } from './view.types';

/** A view counts once per viewer and video in this window… */
export const VIEW_WINDOW_MINUTES = 30;
/** …once this much was watched (or half of a shorter video). */
export const VIEW_THRESHOLD_SECONDS = 30;
/** Seconds of watching that make a view: 30, or half of a shorter video. */
export const viewThreshold = (video: Video) =>
  video.durationSeconds
    ? Math.min(VIEW_THRESHOLD_SECONDS, video.durationSeconds / 2)
    : VIEW_THRESHOLD_SECONDS;

/** Close enough to the end to call it watched. */
const isCompleted = (video: Video, position: number) =>
  !!video.durationSeconds && position >= video.durationSeconds * 0.95;

/**
 * One heartbeat. The viewer's window row is upserted first (its lock serialises the viewer's
 * concurrent heartbeats), its view is counted at most once, and the owner's own plays count
 * neither as views nor as watch time. Signed-in viewers' places are kept for their history.
 * A counted view sends ViewCounted, and reaching the end VideoFinished, each once per window and
 * never for the owner (search's trending, feeds and recommendations are made of them).
 */
export async function recordView(context: BaseContext, input: RecordViewInput): Promise<boolean> {
  // RecordViewInput's rules have checked the numbers and the session id.
  const video = await requireVisibleVideo(context, input.videoId);
  const { viewer } = context;
  const isOwner = viewer?.id === video.ownerId;
  const viewerKey = viewer ? `user:${viewer.id}` : `session:${input.sessionId}`;
  const watched = Math.floor(input.watchedSeconds);
  const position = Math.floor(
    Math.min(input.positionSeconds, video.durationSeconds ?? input.positionSeconds),
  );
  await context.em.transactional(async em => {
    const [window]: { watched_seconds: number; counted: boolean; finished: boolean }[] =
      await em.execute(
        `insert into "videos"."view_window" ("viewer_key", "video_id", "started_at", "watched_seconds", "counted")
       values (?, ?, now(), ?, false)
       on conflict ("viewer_key", "video_id") do update set
         "started_at" = case when "view_window"."started_at" < now() - interval '${VIEW_WINDOW_MINUTES} minutes'
                         then now() else "view_window"."started_at" end,
         "watched_seconds" = case when "view_window"."started_at" < now() - interval '${VIEW_WINDOW_MINUTES} minutes'
                         then excluded."watched_seconds" else "view_window"."watched_seconds" + excluded."watched_seconds" end,
         "counted" = "view_window"."counted" and "view_window"."started_at" >= now() - interval '${VIEW_WINDOW_MINUTES} minutes',
         "finished" = "view_window"."finished" and "view_window"."started_at" >= now() - interval '${VIEW_WINDOW_MINUTES} minutes'
       returning "watched_seconds", "counted", "finished"`,
        [viewerKey, video.id, watched],
      );
    const watcher = viewer
      ? { userId: viewer.id, sessionId: null }
      : { userId: null, sessionId: input.sessionId };
    let views = 0;
    if (!isOwner && !window.counted && window.watched_seconds >= viewThreshold(video)) {
      await em.execute(
        `update "videos"."view_window" set "counted" = true where "viewer_key" = ? and "video_id" = ?`,
        [viewerKey, video.id],
      );
      views = 1;
      emitEvent(em, ViewCounted, {
        videoId: video.id,
        ...watcher,
        countedAt: new Date().toISOString(),
      });
    }
    if (!isOwner && !window.finished && isCompleted(video, position)) {
      await em.execute(
        `update "videos"."view_window" set "finished" = true where "viewer_key" = ? and "video_id" = ?`,
        [viewerKey, video.id],
      );
      emitEvent(em, VideoFinished, {
        videoId: video.id,
        ...watcher,
        finishedAt: new Date().toISOString(),
      });
    }
    if (viewer) {
      await em.execute(
        `insert into "videos"."watch_progress" ("user_id", "video_id", "position_seconds", "completed", "watched_at")
         values (?, ?, ?, ?, date_trunc('milliseconds', now()))
         on conflict ("user_id", "video_id") do update set
           "position_seconds" = excluded."position_seconds", "completed" = excluded."completed",
           "watched_at" = excluded."watched_at"`,
        [viewer.id, video.id, position, isCompleted(video, position)],
      );
    }
    // Last: the video's counters are hot rows (see addEngagement).
    if (!isOwner) {
      await addEngagement(em, video.id, { views, watchSeconds: watched });
    }
  });
  return true;
}

interface ProgressRow {
  video_id: string;
  position_seconds: number;
  completed: boolean;
  /** ISO-8601 (selected through to_json: raw timestamps come back as text). */
  watched_at: string;
}

const toProgress = (row: ProgressRow): ViewerProgress => ({
  positionSeconds: row.position_seconds,
  completed: row.completed,
  watchedAt: new Date(row.watched_at),
});

/** The signed-in viewer's places in the videos a request asks about: one statement for them all. */
function viewerProgressLoader(context: BaseContext, viewerId: string) {
  return loaderFor<string, ViewerProgress>(context, 'videos.viewerProgress', async ids => {
    // prepared once per connection: every watch page asks it
    const rows = (await preparedRead(
      context.em,
      'videos.viewer-progress',
      `select "video_id", "position_seconds", "completed", to_json("watched_at") #>> '{}' as "watched_at" from "videos"."watch_progress"
       where "user_id" = $1 and "video_id" = any($2::uuid[])`,
      [viewerId, ids.filter(isUuid)],
    )) as unknown as ProgressRow[];
    const found = new Map(rows.map(row => [row.video_id, toProgress(row)]));
    return ids.map(id => found.get(id) ?? null);
  });
}

/** The signed-in viewer's place in a video (null when signed out or never played); batched. */
export async function viewerProgress(
  context: BaseContext,
  videoId: string,
): Promise<ViewerProgress | null> {
  const { viewer } = context;
  if (!viewer || !isUuid(viewer.id)) {
    return null;
  }
  return viewerProgressLoader(context, viewer.id).load(videoId);
}

/**
 * Hands `viewerProgress` a row another statement of this request read (videos/viewer-video.ts;
 * null: never played). Only for reads: progress recorded in this request must be read afterwards.
 */
export function primeViewerProgress(
  context: BaseContext,
  videoId: string,
  row: Omit<ProgressRow, 'video_id'> | null,
) {
  if (context.viewer) {
    viewerProgressLoader(context, context.viewer.id).prime(
      videoId,
      row && toProgress({ ...row, video_id: videoId }),
    );
  }
}

const HISTORY = 'history';
const CONTINUE = 'continue';

/** Only the user themself reads their history. */
function requireSelf(context: BaseContext, userId: string) {
  const viewer = requireViewer(context.viewer);
  if (viewer.id !== userId) {
    throw forbidden('Only you can see your watch history.');
  }
  return viewer;
}

/**
 * The user's watch history, most recently watched first; `unfinished` keeps the videos started and
 * not completed ("continue watching"). Videos the user may no longer see are left out by the query.
 */
export async function watchHistory(
  context: BaseContext,
  userId: string,
  page: { first: number; after?: string | null },
  unfinished: boolean,
): Promise<Connection<WatchHistoryEntry>> {
  const viewer = requireSelf(context, userId);
  const first = checkPageSize(page.first);
  const label = unfinished ? CONTINUE : HISTORY;
  const cursor = page.after ? decodeTimeCursor(page.after, [label]) : null;
  const visible = visibleVideoSql('v', viewer);
  const rows: ProgressRow[] = await context.em.execute(
    `select p."video_id", p."position_seconds", p."completed", to_json(p."watched_at") #>> '{}' as "watched_at"
     from "videos"."watch_progress" p join "videos"."video" v on v."id" = p."video_id"
     where p."user_id" = ? and ${visible.sql}
       ${unfinished ? `and not p."completed" and p."position_seconds" > 0` : ''}
       ${cursor ? `and (p."watched_at", p."video_id") < (?, ?)` : ''}
     order by p."watched_at" desc, p."video_id" desc
     limit ?`,
    [viewer.id, ...visible.params, ...(cursor ? [cursor.at, cursor.id] : []), first + 1],
  );
  const videos = await Promise.all(rows.map(row => findVisibleVideo(context, row.video_id)));
  const entries = rows.flatMap((row, i) =>
    videos[i] ? [{ ...toProgress(row), video: videos[i] }] : [],
  );
  return toConnection(entries, first, entry => [
    label,
    entry.watchedAt.toISOString(),
    entry.video.id,
  ]);
}

/** Forgets the signed-in user's history (and with it their places in videos). */
export async function clearWatchHistory(context: BaseContext): Promise<boolean> {
  const viewer = requireViewer(context.viewer);
  await context.em.transactional(async em => {
    await em.execute(`delete from "videos"."watch_progress" where "user_id" = ?`, [viewer.id]);
    // Search forgets it too (recommendations and continue watching).
    emitEvent(em, WatchHistoryCleared, { userId: viewer.id, clearedAt: new Date().toISOString() });
  });
  return true;
}
