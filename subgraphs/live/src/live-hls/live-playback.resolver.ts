import { UNCACHED } from '@vp/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { type LiveContext } from '../context';
import { LiveStream } from '../streams/live-stream.entity';
import { LivePlayback, livePlaybackFor } from './live-playback';

@Resolver(() => LiveStream)
export class LivePlaybackResolver {
  @Directive(UNCACHED)
  @FieldResolver(() => LivePlayback, {
    nullable: true,
    description:
      'Signed live HLS URLs while the stream is LIVE, valid for a limited time (null before and after). ' +
      'Null with PAYMENT_REQUIRED (plan) or FORBIDDEN (ADULT, not age-verified) when the viewer may not play it.',
  })
  playback(@Root() stream: LiveStream, @Ctx() context: LiveContext): Promise<LivePlayback | null> {
    return livePlaybackFor(context, stream);
  }
}
