import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type VideosContext } from '../config';
import { deleteVideo, publishVideo, updateVideo } from './video-management.service';
import { UpdateVideoInput } from './video-management.types';
import { Video } from './video.entity';

@Resolver(() => Video)
export class VideoManagementResolver {
  @Mutation(() => Video, { description: "Changes a video's details. Its owner or an ADMIN only." })
  updateVideo(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateVideoInput) input: UpdateVideoInput,
    @Ctx() context: VideosContext,
  ): Promise<Video> {
    return updateVideo(context, id, input);
  }

  @Mutation(() => Video, {
    description:
      'Publishes a READY video (BAD_USER_INPUT otherwise), now or, with `at` in the future (at most 366 days ahead), at that time: it stays hidden until then and VideoPublished goes out then. Its owner or an ADMIN only.',
  })
  publishVideo(
    @Arg('id', () => ID) id: string,
    @Ctx() context: VideosContext,
    @Arg('at', () => Date, { nullable: true, description: 'When to publish; now when left out or past.' })
    at?: Date | null,
  ): Promise<Video> {
    return publishVideo(context, id, at);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a video and its media for good. Its owner or an ADMIN only.',
  })
  deleteVideo(@Arg('id', () => ID) id: string, @Ctx() context: VideosContext): Promise<boolean> {
    return deleteVideo(context, id);
  }
}
