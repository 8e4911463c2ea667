import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { VIEW_WINDOW_MINUTES } from '../views/view.service';

export const HOUSEKEEPING_QUEUE = 'videos.housekeeping';
/** Every 15 minutes (pg-boss cron, UTC): one run per tick for all instances together. */
export const HOUSEKEEPING_CRON = '*/15 * * * *';
/**
 * A view window is never read again once its 30 minutes are over (the next heartbeat starts a new
 * one in place); twice that leaves a margin for heartbeats in flight.
 */
export const PRUNE_WINDOWS_AFTER_MINUTES = 2 * VIEW_WINDOW_MINUTES;
const BATCH = 5000;

/**
 * Deletes view windows that ran out more than an hour ago, 5,000 rows per statement (short locks;
 * each statement its own transaction). The condition is checked again on the row being deleted,
 * so a window a heartbeat has just restarted stays. Returns how many.
 */
export async function pruneViewWindows(em: EntityManager): Promise<number> {
  let pruned = 0;
  for (;;) {
    const deleted: unknown[] = await em.execute(
      `delete from "videos"."view_window" w
        using (select "viewer_key", "video_id" from "videos"."view_window"
                where "started_at" < now() - make_interval(mins => ?) limit ?) old
        where w."viewer_key" = old."viewer_key" and w."video_id" = old."video_id"
          and w."started_at" < now() - make_interval(mins => ?)
        returning 1`,
      [PRUNE_WINDOWS_AFTER_MINUTES, BATCH, PRUNE_WINDOWS_AFTER_MINUTES],
    );
    pruned += deleted.length;
    if (deleted.length < BATCH) {
      return pruned;
    }
  }
}

/**
 * The videos subgraph's periodic clean-up, a durable pg-boss job on a cron schedule (as payments'
 * subscription expiry): retried with backoff like any job, and any instance may run it.
 */
export async function scheduleHousekeeping(messaging: Messaging, log: Logger) {
  await messaging.defineJob(HOUSEKEEPING_QUEUE, async () => {
    const windows = await pruneViewWindows(messaging.em());
    if (windows > 0) {
      log.info({ windows }, 'old view windows deleted');
    }
  });
  await messaging.queue.schedule(HOUSEKEEPING_QUEUE, HOUSEKEEPING_CRON);
}
