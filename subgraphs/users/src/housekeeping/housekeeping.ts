import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { type ObjectStorage } from '@vp/media';
import { incomingKey } from '../avatars/avatar.service';

export const HOUSEKEEPING_QUEUE = 'users.housekeeping';
/** Every 15 minutes (pg-boss cron, UTC): one run per tick for all instances together. */
export const HOUSEKEEPING_CRON = '*/15 * * * *';
/** An avatar upload not completed within this is abandoned (its URL lived 15 minutes). */
export const ABANDONED_UPLOAD_HOURS = 24;
const BATCH = 100;

/**
 * Deletes the files of avatar uploads handed out more than 24 hours ago and never completed, then
 * their rows, a batch at a time. A file is deleted before its row, so a run that dies in between
 * leaves the row for the next run (deleting a missing file is harmless). Returns how many.
 */
export async function pruneAbandonedAvatarUploads(
  em: EntityManager,
  storage: ObjectStorage,
): Promise<number> {
  let pruned = 0;
  for (;;) {
    const rows: { id: string; user_id: string }[] = await em.execute(
      `select "id", "user_id" from "users"."avatar_upload"
        where "created_at" < now() - make_interval(hours => ?)
        order by "created_at" limit ?`,
      [ABANDONED_UPLOAD_HOURS, BATCH],
    );
    for (const row of rows) {
      await storage.deleteObject(incomingKey(row.user_id, row.id));
      await em.execute(`delete from "users"."avatar_upload" where "id" = ?`, [row.id]);
    }
    pruned += rows.length;
    if (rows.length < BATCH) {
      return pruned;
    }
  }
}

/**
 * The users subgraph's periodic clean-up, a durable pg-boss job on a cron schedule (as payments'
 * subscription expiry): retried with backoff like any job, and any instance may run it.
 */
export async function scheduleHousekeeping(
  messaging: Messaging,
  deps: { storage: ObjectStorage; log: Logger },
) {
  await messaging.defineJob(HOUSEKEEPING_QUEUE, async () => {
    const uploads = await pruneAbandonedAvatarUploads(messaging.em(), deps.storage);
    if (uploads > 0) {
      deps.log.info({ uploads }, 'abandoned avatar uploads deleted');
    }
  });
  await messaging.queue.schedule(HOUSEKEEPING_QUEUE, HOUSEKEEPING_CRON);
}
