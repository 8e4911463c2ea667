import { type BaseContext, UNCACHED } from '@vp/kit';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { countersOf } from '../stats/counters';
import { Video } from '../videos/video.entity';
import { setLiked, viewerHasLiked } from './like.service';

@Resolver(() => Video)
export class LikeResolver {
  @Mutation(() => Video, {
    description: 'Likes a video you may see; liking it again changes nothing.',
  })
  likeVideo(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<Video> {
    return setLiked(context, id, true);
  }

  @Mutation(() => Video, {
    description: 'Takes a like back; unliking a video you do not like changes nothing.',
  })
  unlikeVideo(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<Video> {
    return setLiked(context, id, false);
  }

  @FieldResolver(() => Int, { description: 'How many users like it.' })
  async likeCount(@Root() video: Video, @Ctx() context: BaseContext): Promise<number> {
    return (await countersOf(context, video.id)).likeCount;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Boolean, { description: 'Whether you like it (false when signed out).' })
  viewerHasLiked(@Root() video: Video, @Ctx() context: BaseContext): Promise<boolean> {
    return viewerHasLiked(context, video.id);
  }
}
