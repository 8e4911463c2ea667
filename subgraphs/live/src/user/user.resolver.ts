import { type BaseContext, type Connection, PageArgs } from '@vp/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type LiveStream, LiveStreamConnection } from '../streams/live-stream.entity';
import { listChannelStreams } from '../streams/live-stream.service';
import { User } from './user.stub';

@Resolver(() => User)
export class UserLiveStreamsResolver {
  @FieldResolver(() => LiveStreamConnection, {
    description: "The user's live streams, every status, newest created first.",
  })
  liveStreams(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() { em, viewer }: BaseContext,
  ): Promise<Connection<LiveStream>> {
    return listChannelStreams(em, user.id, page, viewer);
  }
}

/** Any id is a user as far as this subgraph knows; the users subgraph decides what else it shows. */
export const resolveUserReference = (reference: { id: string }): User => ({ id: reference.id });
