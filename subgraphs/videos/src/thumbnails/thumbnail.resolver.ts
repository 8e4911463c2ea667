import { Arg, Ctx, Float, ID, Mutation, Resolver } from 'type-graphql';
import { type VideosContext } from '../config';
import { Video } from '../videos/video.entity';
import { setThumbnail } from './thumbnail.service';

@Resolver(() => Video)
export class ThumbnailResolver {
  @Mutation(() => Video, {
    description:
      "Makes the frame at `atSeconds` (0 to the video's duration) the poster (`thumbnailUrl`, under a new URL). A READY video of the caller's own only: BAD_USER_INPUT for another status or a time outside the video, NOT_FOUND or FORBIDDEN for someone else's.",
  })
  setThumbnail(
    @Arg('videoId', () => ID) videoId: string,
    @Arg('atSeconds', () => Float) atSeconds: number,
    @Ctx() context: VideosContext,
  ): Promise<Video> {
    return setThumbnail(context, videoId, atSeconds);
  }
}
