import { LockMode } from '@mikro-orm/core';
import { VideoPublished } from '@vp/contracts';
import { type Messaging } from '@vp/kit';
import { emitVideoEvent } from './video-events';
import { Video } from './video.entity';

/**
 * Scheduled publishing: `publishVideo(id, at)` sets `publishedAt` to the future time (the access
 * rule already hides a video until its publishedAt) and queues this job, durable in pg-boss, to
 * run at that time. It emits VideoPublished then, unless the schedule changed meanwhile (published
 * now, rescheduled, deleted): the job carries the time it was queued for and does nothing when the
 * video's publishedAt is no longer that time.
 */
export const SCHEDULED_PUBLISH_QUEUE = 'videos.publish-scheduled';

export interface ScheduledPublishJob {
  videoId: string;
  /** ISO time the job was queued for; equal to the video's publishedAt while still current. */
  at: string;
}

export async function publishScheduled(messaging: Messaging, job: ScheduledPublishJob): Promise<boolean> {
  return messaging.em().transactional(async em => {
    const video = await em.findOne(Video, job.videoId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!video?.publishedAt || video.publishedAt.toISOString() !== job.at) {
      return false;
    }
    emitVideoEvent(em, VideoPublished, video);
    return true;
  });
}

export async function registerScheduledPublishing(messaging: Messaging) {
  await messaging.defineJob<ScheduledPublishJob>(SCHEDULED_PUBLISH_QUEUE, async job => {
    await publishScheduled(messaging, job);
  });
}
