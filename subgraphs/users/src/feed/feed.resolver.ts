import { type BaseContext, type Connection, PageArgs, PageInfo } from '@vp/kit';
import {
  Args,
  Ctx,
  createUnionType,
  Field,
  FieldResolver,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { User } from '../accounts/user.entity';
import { LiveStream, Video } from '../notifications/stubs';
import { type FeedHit, feedOf } from './feed.service';

export const FeedItem = createUnionType({
  name: 'FeedItem',
  description:
    'Something in your subscriptions feed: a video or a live stream (the videos and live subgraphs resolve their fields).',
  types: () => [Video, LiveStream] as const,
  // Built as `{ __typename, id }` by the feed service.
  resolveType: item => (item as unknown as FeedHit).__typename,
});

@ObjectType({ description: 'One feed item and its cursor.' })
export class FeedItemEdge {
  @Field()
  cursor!: string;

  @Field(() => FeedItem, {
    nullable: true,
    description:
      'Null when the video or stream changed since the feed learnt of it and is no longer yours to see.',
  })
  node!: FeedHit | null;
}

@ObjectType({ description: 'Feed items: live streams first, then newest first.' })
export class FeedItemConnection {
  @Field(() => [FeedItemEdge])
  edges!: FeedItemEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Resolver(() => User)
export class UserFeedResolver {
  @FieldResolver(() => FeedItemConnection, {
    nullable: true,
    description:
      'Videos and live streams of the creators you follow: those on air first, then newest first ' +
      '(only for your own account; null with FORBIDDEN for anyone else).',
  })
  feed(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<Connection<FeedHit>> {
    return feedOf(ctx, user, page);
  }
}
