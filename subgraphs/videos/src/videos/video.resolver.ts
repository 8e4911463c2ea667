import {
  type BaseContext,
  type Connection,
  PageArgs,
  isUuid,
  badInput,
  PUBLIC_CACHE,
} from '@vp/kit';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Query,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { User } from '../user/user.stub';
import { Video, VideoConnection, VideoKind } from './video.entity';
import { findVisibleVideoEntity, listPublicVideos } from './video.service';
import { findVideoForViewer } from './viewer-video';

@InputType({ description: 'Narrows the public feed.' })
export class VideoFilter {
  @Field(() => VideoKind, { nullable: true, description: 'Only videos or only shorts.' })
  kind?: VideoKind | null;
}

@ArgsType()
export class VideosArgs extends PageArgs {
  @Field(() => VideoFilter, { nullable: true })
  filter?: VideoFilter | null;
}

@Resolver(() => Video)
export class VideoResolver {
  @Directive(PUBLIC_CACHE)
  @Query(() => Video, {
    nullable: true,
    description:
      'One video; null when it does not exist or is not yours to see (unpublished or PRIVATE).',
  })
  video(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<Video | null> {
    if (!isUuid(id)) {
      throw badInput('Not a video id.', [{ field: 'id', message: 'Not a video id.' }]);
    }
    return findVideoForViewer(context, id);
  }

  @Directive(PUBLIC_CACHE)
  @Query(() => VideoConnection, { description: 'Published PUBLIC videos, newest first.' })
  videos(
    @Args() { first, after, filter }: VideosArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<Video>> {
    return listPublicVideos(context, { first, after, kind: filter?.kind });
  }

  @FieldResolver(() => User, { description: 'Who uploaded it.' })
  owner(@Root() video: Video): User {
    return { id: video.ownerId };
  }
}

/** `_entities` obeys the same rule as `video(id)`: what the viewer may not see resolves to null. */
export const resolveVideoReference = (reference: { id: string }, context: BaseContext) =>
  findVisibleVideoEntity(context, reference.id);
