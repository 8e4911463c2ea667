import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger, type Messaging } from '@vp/kit';
import { Recording, RecordingStatus } from '../recordings/recording.entity';
import { LiveStream, LiveStreamStatus } from './live-stream.entity';
import { emitStreamChanged } from './stream-events';

export const STREAM_HOUSEKEEPING_QUEUE = 'live.end-lapsed-streams';
/** Every minute (pg-boss cron's finest): one run per tick for all instances together. */
export const STREAM_HOUSEKEEPING_CRON = '* * * * *';

/**
 * Ends the LIVE streams whose ingest heartbeat is older than `lapseSeconds`: the instance holding
 * the session died (a crash, a lost machine) and no publisher came back to another one within the
 * reconnect window. Each emits LiveStreamChanged in the same transaction, as endSession does; its
 * recording, left on the dead instance, is marked FAILED. Returns the ids ended.
 */
export async function endLapsedStreams(
  em: EntityManager,
  lapseSeconds: number,
  now = new Date(),
): Promise<string[]> {
  const cutoff = new Date(now.getTime() - lapseSeconds * 1000);
  const lapsed = await em.find(
    LiveStream,
    { status: LiveStreamStatus.LIVE, ingestHeartbeatAt: { $lt: cutoff } },
    { fields: ['id'], limit: 500 },
  );
  const ended: string[] = [];
  for (const { id } of lapsed) {
    const endedNow = await em.fork().transactional(async tx => {
      // Conditional on the lapse still being true: an ingest that just took the stream over wins.
      const updated = await tx.nativeUpdate(
        LiveStream,
        { id, status: LiveStreamStatus.LIVE, ingestHeartbeatAt: { $lt: cutoff } },
        { status: LiveStreamStatus.ENDED, endedAt: now, updatedAt: now },
      );
      if (updated !== 1) {
        return false;
      }
      emitStreamChanged(tx, await tx.findOneOrFail(LiveStream, { id }, { refresh: true }));
      await tx.nativeUpdate(
        Recording,
        { streamId: id, status: RecordingStatus.RECORDING },
        {
          status: RecordingStatus.FAILED,
          failureReason: 'The live instance stopped during the stream.',
        },
      );
      return true;
    });
    if (endedNow) {
      ended.push(id);
    }
  }
  return ended;
}

/** The cron job, durable and retried like any pg-boss job; any instance may run it. */
export async function scheduleStreamHousekeeping(
  messaging: Messaging,
  lapseSeconds: number,
  log: Logger,
) {
  await messaging.defineJob(STREAM_HOUSEKEEPING_QUEUE, async () => {
    const ended = await endLapsedStreams(messaging.em() as EntityManager, lapseSeconds);
    if (ended.length) {
      log.warn({ streamIds: ended }, 'streams ended: their ingest heartbeat lapsed');
    }
  });
  await messaging.queue.schedule(STREAM_HOUSEKEEPING_QUEUE, STREAM_HOUSEKEEPING_CRON);
}
