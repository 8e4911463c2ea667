import { badInput, type BaseContext, forbidden, hasRole, Role } from '@vp/kit';
import { type Video } from '../videos/video.entity';

export const MAX_STATS_DAYS = 366;

export interface DayStats {
  day: string;
  views: number;
  watchSeconds: number;
  likes: number;
  comments: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayOf = (value: string) => new Date(`${value}T00:00:00Z`);

/** Why a text is not a calendar day, or null (new Date rolls 2026-02-30 over: the round trip catches it). */
export function dayProblem(value: string): string | null {
  const date = DAY.test(value) ? dayOf(value) : null;
  return date && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
    ? null
    : 'A date as YYYY-MM-DD.';
}

/**
 * One row per day from `from` to `to` (UTC days, both included, days without activity as zeros).
 * Only the video's owner, ADMINs and ANALYSTs may read them.
 */
export async function dailyStats(
  context: BaseContext,
  video: Video,
  range: { from: string; to: string },
): Promise<DayStats[]> {
  const { viewer } = context;
  const allowed =
    viewer?.id === video.ownerId || hasRole(viewer, Role.ADMIN) || hasRole(viewer, Role.ANALYST);
  if (!allowed) {
    throw forbidden('Only the owner and analysts may read these statistics.');
  }
  // StatsArgs' rules have checked that both are days.
  const from = dayOf(range.from);
  const to = dayOf(range.to);
  const days = (to.getTime() - from.getTime()) / 86_400_000 + 1;
  if (days < 1 || days > MAX_STATS_DAYS) {
    throw badInput(`The range must run forward and span at most ${MAX_STATS_DAYS} days.`, [
      { field: 'to', message: `On or after from, at most ${MAX_STATS_DAYS} days later.` },
    ]);
  }
  const rows: {
    day: string;
    views: number;
    watch_seconds: string;
    likes: number;
    comments: number;
  }[] = await context.em.execute(
    `select to_char(d.day, 'YYYY-MM-DD') as "day",
              coalesce(s."views", 0) as "views", coalesce(s."watch_seconds", 0) as "watch_seconds",
              coalesce(s."likes", 0) as "likes", coalesce(s."comments", 0) as "comments"
       from generate_series(?::date, ?::date, interval '1 day') as d(day)
       left join "videos"."video_daily_stat" s on s."video_id" = ? and s."day" = d.day::date
       order by d.day`,
    [range.from, range.to, video.id],
  );
  return rows.map(row => ({
    day: row.day,
    views: row.views,
    watchSeconds: Number(row.watch_seconds),
    likes: row.likes,
    comments: row.comments,
  }));
}
