import {
  badInput,
  type BaseContext,
  type Connection,
  forbidden,
  isUuid,
  LIVE_COUNT_CACHE,
  loaderFor,
  PageArgs,
  unauthenticated,
  UNCACHED,
} from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { type LiveContext } from '../context';
import { mediaLiveRtmpUrl } from '../ingest/medialive-lifecycle';
import { User } from '../user/user.stub';
import { viewerCountsOf } from '../viewers/viewer-counts';
import { LiveStream, LiveStreamConnection } from './live-stream.entity';
import { CreateLiveStreamInput, LiveStreamIngest } from './live-stream.inputs';
import {
  createLiveStream,
  findLiveStream,
  listLiveStreams,
  endLiveStream,
  rotateStreamKey,
} from './live-stream.service';

@Resolver(() => LiveStream)
export class LiveStreamResolver {
  @Query(() => LiveStream, {
    nullable: true,
    description: 'One live stream; null when there is none with this id.',
  })
  liveStream(
    @Arg('id', () => ID) id: string,
    @Ctx() context: BaseContext,
  ): Promise<LiveStream | null> {
    if (!isUuid(id)) {
      throw badInput('Not a live stream id.', [{ field: 'id', message: 'Not a live stream id.' }]);
    }
    return findLiveStream(context, id);
  }

  // the same for everyone (no viewer filter); shows viewer counts, hence their shorter maxAge
  @Directive(LIVE_COUNT_CACHE)
  @Query(() => LiveStreamConnection, {
    description:
      'Streams on air (newest first), then upcoming ones with an announced time (soonest first).',
  })
  liveStreams(@Args() page: PageArgs, @Ctx() { em }: BaseContext): Promise<Connection<LiveStream>> {
    return listLiveStreams(em, page);
  }

  @Mutation(() => LiveStream, {
    description:
      'Creates a SCHEDULED stream of the signed-in user; `ingest.streamKey` in this answer is the only ' +
      'time the key can be read.',
  })
  createLiveStream(
    @Arg('input', () => CreateLiveStreamInput) input: CreateLiveStreamInput,
    @Ctx() context: BaseContext,
  ): Promise<LiveStream> {
    return createLiveStream(context, input, (context as LiveContext).live.mediaLive);
  }

  @Mutation(() => LiveStream, {
    description:
      'Replaces the stream key of your stream: the old key stops working at once; the new one is ' +
      'in `ingest.streamKey` of this answer only.',
  })
  rotateStreamKey(
    @Arg('id', () => ID) id: string,
    @Ctx() context: BaseContext,
  ): Promise<LiveStream> {
    if (!isUuid(id)) {
      throw badInput('Not a live stream id.', [{ field: 'id', message: 'Not a live stream id.' }]);
    }
    return rotateStreamKey(context, id, (context as LiveContext).live.mediaLive);
  }

  @Mutation(() => LiveStream, {
    description:
      'Ends your stream now (SCHEDULED or LIVE → ENDED): viewers see it end, the publisher is let go ' +
      'and its key stops working; the recording goes to your videos. Ending an ended stream is a no-op.',
  })
  endLiveStream(@Arg('id', () => ID) id: string, @Ctx() context: LiveContext): Promise<LiveStream> {
    if (!isUuid(id)) {
      throw badInput('Not a live stream id.', [{ field: 'id', message: 'Not a live stream id.' }]);
    }
    return endLiveStream(context, id, context.ingest, context.live.mediaLive);
  }

  @FieldResolver(() => User, { description: 'Who broadcasts it.' })
  owner(@Root() stream: LiveStream): User {
    return { id: stream.ownerId };
  }

  @Directive(UNCACHED)
  @FieldResolver(() => LiveStreamIngest, {
    nullable: true,
    description: 'How to publish: its owner only (UNAUTHENTICATED or FORBIDDEN for anyone else).',
  })
  async ingest(@Root() stream: LiveStream, @Ctx() context: LiveContext): Promise<LiveStreamIngest> {
    if (!context.viewer) {
      throw unauthenticated();
    }
    if (context.viewer.id !== stream.ownerId) {
      throw forbidden('Only the owner sees how to publish to a stream.');
    }
    return {
      // MediaLive: each stream has its own input, hence its own RTMP server address.
      rtmpUrl:
        (context.live.mediaLive && (await mediaLiveRtmpUrl(context.em, stream.id))) ||
        context.rtmpUrl,
      streamKey: stream.issuedStreamKey ?? null,
      streamKeyHint: stream.streamKeyHint,
    };
  }

  @Directive(LIVE_COUNT_CACHE)
  @FieldResolver(() => Int, {
    description:
      'People watching now: subscribers of its chat or count and players that fetched its playlist ' +
      'in the last 30 s, across every instance.',
  })
  viewerCount(@Root() stream: LiveStream, @Ctx() context: BaseContext): Promise<number> {
    return loaderFor<string, number>(context, 'live.viewerCount', ids =>
      viewerCountsOf(context).current(ids),
    )
      .load(stream.id)
      .then(count => count ?? 0);
  }
}

export const resolveLiveStreamReference = (reference: { id: string }, context: BaseContext) =>
  findLiveStream(context, reference.id);
