import { Audience, UNCACHED, uncachedHere, VIEWER_CACHE } from '@vp/kit';
import { type GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root, Directive } from 'type-graphql';
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

  // Every card shows it, so it decides whether lists are cached. Signed for the viewer (a day's
  // validity), so kept for that viewer's credential alone; an ADULT poster depends on their
  // entitlement, which can change at any moment: never cached.
  @Directive(VIEWER_CACHE)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Signed URL of the poster image, once READY (ADULT videos: entitled viewers only).',
  })
  thumbnailUrl(
    @Root() video: Video,
    @Ctx() context: VideosContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    if (video.audience === Audience.ADULT) {
      uncachedHere(info);
    }
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
