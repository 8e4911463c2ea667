import { ConnectionType } from '@vp/kit';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Video } from '../videos/video.entity';

@InputType({ description: 'A player heartbeat, sent every few seconds while a video plays.' })
export class RecordViewInput {
  @Field(() => ID)
  videoId!: string;

  @Field({
    description:
      'The player session (1–100 letters, digits, "-" or "_"): who a signed-out viewer is for view counting.',
  })
  sessionId!: string;

  @Field(() => Float, {
    description: 'Where playback is now, in seconds (clamped to the duration).',
  })
  positionSeconds!: number;

  @Field(() => Float, {
    description: 'Seconds actually watched since the previous heartbeat (0–600).',
  })
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
