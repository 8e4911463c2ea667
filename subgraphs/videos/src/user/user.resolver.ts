import { type BaseContext, type Connection, PageArgs, VIEWER_CACHE } from '@vp/kit';
import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { type Video, VideoConnection } from '../videos/video.entity';
import { listChannelVideos } from '../videos/video.service';
import { User } from './user.stub';

@Resolver(() => User)
export class UserVideosResolver {
  // the owner's own list holds their unpublished videos: kept per viewer (a publish invalidates)
  @Directive(VIEWER_CACHE)
  @FieldResolver(() => VideoConnection, {
    description:
      "The user's videos: all of them for the user (and admins), newest created first; the published PUBLIC ones for everyone else, newest published first.",
  })
  videos(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<Video>> {
    return listChannelVideos(context, user.id, page);
  }
}

/** Any id is a user as far as this subgraph knows; the users subgraph decides what else it shows. */
export const resolveUserReference = (reference: { id: string }): User => ({ id: reference.id });
