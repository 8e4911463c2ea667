import { type SharedState } from '@vp/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VideoStatus } from '../videos/video.entity';

export const VIDEO_PROCESSING_TOPIC = 'videos.processing';

@ObjectType({ description: 'Where a video is in processing.' })
export class VideoProcessing {
  @Field(() => ID)
  videoId!: string;

  @Field(() => VideoStatus)
  status!: VideoStatus;

  @Field(() => Int, { description: '0–100; 100 once READY.' })
  percent!: number;

  @Field(() => String, { nullable: true, description: 'Why it FAILED, when it did.' })
  failureReason?: string | null;
}

type PubSub = SharedState['pubSub'];

export function publishProgress(pubSub: PubSub, update: VideoProcessing) {
  pubSub.publish(VIDEO_PROCESSING_TOPIC, update.videoId, update);
}

/**
 * Publishes the job's percent as it rises, each whole percent at most once: the transcoder may
 * report many times a second, subscribers only need to see it move.
 */
export function progressReporter(pubSub: PubSub, videoId: string) {
  let last = -1;
  return (percent: number) => {
    const whole = Math.max(0, Math.min(99, Math.floor(percent)));
    if (whole > last) {
      last = whole;
      publishProgress(pubSub, { videoId, status: VideoStatus.PROCESSING, percent: whole });
    }
  };
}
