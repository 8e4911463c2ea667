import { badInput, type BaseContext, type Connection, isUuid, PageArgs } from '@vp/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { User } from '../user/user.stub';
import { LiveStream, LiveStreamConnection } from './live-stream.entity';
import { findLiveStream, listLiveStreams } from './live-stream.service';

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

  @Query(() => LiveStreamConnection, {
    description:
      'Streams on air (newest first), then upcoming ones with an announced time (soonest first).',
  })
  liveStreams(@Args() page: PageArgs, @Ctx() { em }: BaseContext): Promise<Connection<LiveStream>> {
    return listLiveStreams(em, page);
  }

  @FieldResolver(() => User, { description: 'Who broadcasts it.' })
  owner(@Root() stream: LiveStream): User {
    return { id: stream.ownerId };
  }

  @FieldResolver(() => Int, {
    description: 'People watching now (counted once ingest exists; 0 until then).',
  })
  viewerCount(): number {
    return 0;
  }
}

export const resolveLiveStreamReference = (reference: { id: string }, context: BaseContext) =>
  findLiveStream(context, reference.id);
