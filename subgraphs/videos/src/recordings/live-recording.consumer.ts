import { type EntityManager } from '@mikro-orm/postgresql';
import { type LiveRecordingReady } from '@vp/contracts';
import { enqueueJob, type EventOf } from '@vp/kit';
import { type ObjectStorage } from '@vp/media';
import { TRANSCODE_QUEUE, type TranscodeJob } from '../processing/transcode.job';
import { uploadKey } from '../videos/media-keys';
import { Video, VideoStatus, VideoVisibility } from '../videos/video.entity';

/**
 * Turns a finished live stream's recording into the streamer's video: PRIVATE and unpublished,
 * with the stream's title, plan and audience, and transcoded like any upload (the job probes the
 * file again before it trusts it). Idempotent on the video id the live subgraph chose.
 */
export function liveRecordingConsumer(storage: ObjectStorage) {
  return async (event: EventOf<typeof LiveRecordingReady>, em: EntityManager) => {
    const recording = event.payload;
    if (recording.sourceKey !== uploadKey(recording.videoId)) {
      throw new Error(
        `Recording ${recording.videoId} is not at its upload key: ${recording.sourceKey}`,
      );
    }
    if (await em.findOne(Video, { id: recording.videoId })) {
      return;
    }
    // The event says how big the file is; the stored object is what counts (thrown: retried, then dead-lettered).
    const stored = await storage.head(recording.sourceKey);
    if (!stored || stored.sizeBytes !== recording.sizeBytes) {
      throw new Error(
        `Recording ${recording.videoId} is missing or not ${recording.sizeBytes} bytes`,
      );
    }
    em.create(Video, {
      id: recording.videoId,
      ownerId: recording.ownerId,
      title: recording.title,
      description: recording.description,
      requiredPlan: recording.requiredPlan,
      audience: recording.audience,
      visibility: VideoVisibility.PRIVATE,
      status: VideoStatus.PROCESSING,
      sourceFilename: `live-${recording.streamId}.mp4`,
      sourceContentType: recording.contentType,
      sourceSizeBytes: recording.sizeBytes,
    } as Video);
    enqueueJob<TranscodeJob>(em, TRANSCODE_QUEUE, { videoId: recording.videoId });
  };
}
