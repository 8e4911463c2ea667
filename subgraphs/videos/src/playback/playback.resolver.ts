import { UNCACHED } from '@vp/kit';
import { Ctx, FieldResolver, Resolver, Root, Directive } from 'type-graphql';
import { type VideosContext } from '../config';
import { Video } from '../videos/video.entity';
import { playbackFor, storyboardFor, thumbnailUrlFor } from './playback.service';
import { Playback, RenditionInfo, Storyboard } from './playback.types';

@Resolver(() => Video)
export class PlaybackResolver {
  @Directive(UNCACHED)
  @FieldResolver(() => Playback, {
    nullable: true,
    description:
      'Signed HLS URLs, valid for a limited time. Null until the video is playable (READY, or PROCESSING once its first segments exist: then `complete` is false); null with PAYMENT_REQUIRED (plan) or FORBIDDEN (age, privacy) when the viewer may not play it.',
  })
  playback(@Root() video: Video, @Ctx() context: VideosContext): Promise<Playback | null> {
    return playbackFor(context, video);
  }

  @Directive(UNCACHED)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Signed URL of the poster image, once READY (ADULT videos: entitled viewers only).',
  })
  thumbnailUrl(@Root() video: Video, @Ctx() context: VideosContext): Promise<string | null> {
    return thumbnailUrlFor(context, video);
  }

  @FieldResolver(() => [RenditionInfo], {
    description:
      'The HLS ladder, highest first: while PROCESSING the rungs playable so far (the growing lowest one first, the others as they finish); empty until playable.',
  })
  renditions(@Root() video: Video): RenditionInfo[] {
    return [...(video.renditionList ?? [])].sort((a, b) => b.height - a.height);
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Storyboard, {
    nullable: true,
    description: 'Seek-preview thumbnails, for viewers who may play the video.',
  })
  storyboard(@Root() video: Video, @Ctx() context: VideosContext): Promise<Storyboard | null> {
    return storyboardFor(context, video);
  }
}
