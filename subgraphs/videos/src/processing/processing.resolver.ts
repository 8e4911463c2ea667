import { type EntityManager } from '@mikro-orm/postgresql';
import { type SharedState } from '@vp/kit';
import { Arg, ID, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';
import { type VideosContext } from '../config';
import { requireOwnVideo } from '../videos/video-access';
import { type Video, VideoStatus } from '../videos/video.entity';
import { highestFirst, VIDEO_PROCESSING_TOPIC, VideoProcessing } from './progress';

const FINISHED = new Set([VideoStatus.READY, VideoStatus.FAILED]);

const stateOf = (video: Video): VideoProcessing => ({
  videoId: video.id,
  status: video.status,
  percent: video.status === VideoStatus.READY ? 100 : 0,
  failureReason: video.failureReason,
  playableAt: video.status === VideoStatus.FAILED ? null : video.playableAt,
  renditions: video.status === VideoStatus.FAILED ? [] : highestFirst(video.renditionList),
});

/** Updates come through pub/sub as JSON (Redis): dates arrive as strings. */
const revived = (update: VideoProcessing): VideoProcessing => ({
  ...update,
  playableAt: update.playableAt ? new Date(update.playableAt) : null,
  renditions: update.renditions ?? [],
});

/**
 * The video's current state first (so a late subscriber is not left waiting for an event that
 * already happened), then each update until READY or FAILED, which ends the subscription.
 */
async function* processingUpdates(
  pubSub: SharedState['pubSub'],
  em: EntityManager,
  video: Video,
): AsyncGenerator<VideoProcessing> {
  const updates = pubSub.subscribe(VIDEO_PROCESSING_TOPIC, video.id)[Symbol.asyncIterator]();
  // The first next() starts listening; the state is read after it, so no update falls between.
  let pending = updates.next();
  try {
    const current = (await em.refresh(video)) ?? video;
    yield stateOf(current);
    if (FINISHED.has(current.status)) {
      return;
    }
    for (;;) {
      const next = await pending;
      if (next.done) {
        return;
      }
      const update = revived(next.value as VideoProcessing);
      yield update;
      if (FINISHED.has(update.status)) {
        return;
      }
      pending = updates.next();
    }
  } finally {
    await updates.return?.();
  }
}

@Resolver(() => VideoProcessing)
export class ProcessingResolver {
  @Subscription(() => VideoProcessing, {
    description:
      "A video's processing as it happens: its current state, then each percent (and each rung as it becomes playable), until READY or FAILED. Its owner only.",
    subscribe: async ({
      args,
      context,
    }: SubscribeResolverData<unknown, { videoId: string }, VideosContext>) => {
      const video = await requireOwnVideo(context, args.videoId, { admins: false });
      return processingUpdates(context.shared.pubSub, context.em, video);
    },
  })
  videoProcessing(
    @Arg('videoId', () => ID) _videoId: string,
    @Root() update: VideoProcessing,
  ): VideoProcessing {
    return update;
  }
}
