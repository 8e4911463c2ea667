import { ConnectionType, Rule } from '@vp/kit';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Video } from '../videos/video.entity';

/** Heartbeats come every few seconds: more than this in one is not a player talking. */
export const MAX_HEARTBEAT_SECONDS = 600;
const MAX_POSITION_SECONDS = 7 * 24 * 3600;
const SESSION_ID = /^[A-Za-z0-9_-]{1,100}$/;

const secondsBetween = (max: number, message: string) =>
  Rule(function seconds(value: number) {
    return Number.isFinite(value) && value >= 0 && value <= max ? null : message;
  });

@InputType({ description: 'A player heartbeat, sent every few seconds while a video plays.' })
export class RecordViewInput {
  @Field(() => ID)
  videoId!: string;

  @Field({
    description:
      'The player session (1–100 letters, digits, "-" or "_"): who a signed-out viewer is for view counting.',
  })
  @Rule((sessionId: string) =>
    SESSION_ID.test(sessionId) ? null : '1–100 letters, digits, "-" or "_".',
  )
  sessionId!: string;

  @Field(() => Float, {
    description: 'Where playback is now, in seconds (clamped to the duration).',
  })
  @secondsBetween(MAX_POSITION_SECONDS, 'A position in seconds, 0 or more.')
  positionSeconds!: number;

  @Field(() => Float, {
    description: 'Seconds actually watched since the previous heartbeat (0–600).',
  })
  @secondsBetween(MAX_HEARTBEAT_SECONDS, `Between 0 and ${MAX_HEARTBEAT_SECONDS} seconds.`)
  watchedSeconds!: number;
}

@ObjectType({ description: 'Where you left a video.' })
export class ViewerProgress {
  @Field(() => Int)
  positionSeconds!: number;

  @Field({ description: 'Watched to (nearly) the end.' })
  completed!: boolean;

  @Field()
  watchedAt!: Date;
}

@ObjectType({ description: 'A video in your watch history.' })
export class WatchHistoryEntry extends ViewerProgress {
  @Field(() => Video)
  video!: Video;
}

export const WatchHistoryConnection = ConnectionType(WatchHistoryEntry);
