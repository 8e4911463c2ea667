import { SlidingBuffer, Repeater } from '@graphql-yoga/subscription';
import { type BaseContext } from '@vp/kit';
import {
  Arg,
  ID,
  Int,
  Resolver,
  Root,
  type SubscribeResolverData,
  Subscription,
} from 'type-graphql';
import { requireStream } from '../moderation/moderation.service';
import { viewerCountsOf, viewerMember } from './viewer-counts';

/**
 * The current count at once, then each change, at most once a second. A subscriber counts as a
 * viewer while subscribed; a slow one only ever gets the latest count.
 */
async function viewerCountStream(
  context: BaseContext,
  streamId: string,
): Promise<AsyncIterable<number>> {
  const stream = await requireStream(context, streamId);
  const counts = viewerCountsOf(context);
  const member = viewerMember(context);
  return new Repeater<number>(async (push, stop) => {
    const release = await counts.hold(stream.id, member).catch(err => {
      context.log.warn({ err }, 'viewer not counted');
      return async () => {};
    });
    let sent: number | null = null;
    let latest: number | null = null;
    let sentAt = 0;
    let pending: NodeJS.Timeout | undefined;
    const flush = () => {
      pending = undefined;
      if (latest !== null && latest !== sent) {
        sent = latest;
        sentAt = Date.now();
        void push(latest);
      }
    };
    const send = (count: number) => {
      latest = count;
      if (!pending) {
        pending = setTimeout(flush, Math.max(0, sentAt + 1_000 - Date.now()));
      }
    };
    const unlisten = counts.listen(stream.id, send);
    try {
      const [now] = await counts.current([stream.id]);
      send(now);
    } catch (err) {
      context.log.warn({ err }, 'viewer count unavailable');
    }
    await stop;
    clearTimeout(pending);
    unlisten();
    await release();
  }, new SlidingBuffer(1));
}

@Resolver()
export class ViewersResolver {
  @Subscription(() => Int, {
    description:
      'How many are watching a stream now: its current value, then each change, at most once a ' +
      'second. Viewers are subscribers of its chat or count and players that fetched its playlist ' +
      'in the last 30 s (a signed-in user counts once).',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { streamId: string }, BaseContext>) =>
      viewerCountStream(context, args.streamId),
  })
  viewerCountChanged(@Root() count: number, @Arg('streamId', () => ID) _streamId: string): number {
    return count;
  }
}
