import { type SharedState } from '@vp/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RenditionInfo } from '../playback/playback.types';
import { type Rendition } from '../transcoding/contracts';
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

  @Field(() => Date, {
    nullable: true,
    description:
      "The first moment it could be played (its lowest rung's first segments stored): from then on `Video.playback` is given to its owner, and it may be published, while the other rungs are still being made. Null until then.",
  })
  playableAt?: Date | null;

  @Field(() => [RenditionInfo], {
    description:
      'The rungs playable so far, highest first: the lowest one as soon as it starts growing, the others as they finish. Empty until playable.',
  })
  renditions?: Rendition[];
}

/** Highest first, as `Video.renditions`. */
export const highestFirst = (renditions: readonly Rendition[] | null | undefined): Rendition[] =>
  [...(renditions ?? [])].sort((a, b) => b.height - a.height);

type PubSub = SharedState['pubSub'];

export function publishProgress(pubSub: PubSub, update: VideoProcessing) {
  pubSub.publish(VIDEO_PROCESSING_TOPIC, update.videoId, update);
}

/**
 * Publishes the job's percent as it rises, each whole percent at most once: the transcoder may
 * report many times a second, subscribers only need to see it move. `playable` records what
 * progressive publishing made playable and announces it at once; every later update carries it.
 */
export function progressReporter(pubSub: PubSub, videoId: string) {
  let last = -1;
  let playableAt: Date | null = null;
  let renditions: Rendition[] = [];
  const send = (percent: number) =>
    publishProgress(pubSub, {
      videoId,
      status: VideoStatus.PROCESSING,
      percent,
      playableAt,
      renditions,
    });
  const report = (percent: number) => {
    const whole = Math.max(0, Math.min(99, Math.floor(percent)));
    if (whole > last) {
      last = whole;
      send(whole);
    }
  };
  return Object.assign(report, {
    /** Announced when it first plays and when a rung joins (not for every segment appended). */
    playable(at: Date, now: Rendition[]) {
      const rungs = (list: Rendition[]) => list.map(rendition => rendition.height).join();
      const joined = playableAt === null || rungs(highestFirst(now)) !== rungs(renditions);
      playableAt = at;
      renditions = highestFirst(now);
      if (joined) {
        send(Math.max(last, 0));
      }
    },
  });
}
