import { type EntityManager } from '@mikro-orm/postgresql';
import {
  type Connection,
  INHERITED_CACHE,
  IntRange,
  MAX_PAGE_SIZE,
  PageArgs,
  PageInfo,
  VIEWER_CACHE,
} from '@vp/kit';
import {
  Args,
  ArgsType,
  createUnionType,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { type SearchContext } from '../config';
import { LiveStream, Video } from '../results/stubs';
import { scopeOf } from '../viewer/scope';
import { type FeedNode, homeFeed, recommendedVideos, related, shortsFeed, trending } from './feeds';
import { TrendingPeriod } from './signals';

registerEnumType(TrendingPeriod, {
  name: 'TrendingPeriod',
  description: 'DAY: views of the last hours weigh most (half-life 4 h); WEEK: half-life 1 day.',
});

/** The same two values as videos' VideoKind: composition merges the two definitions. */
export enum VideoKind {
  VIDEO = 'VIDEO',
  SHORT = 'SHORT',
}
registerEnumType(VideoKind, { name: 'VideoKind', description: 'A regular video or a short.' });

@Directive(INHERITED_CACHE)
@ObjectType({ description: 'A video in a ranked or personal list, and its cursor.' })
export class VideoFeedEdge {
  @Field()
  cursor!: string;

  @Field(() => Video)
  node!: { id: string };
}

@Directive(INHERITED_CACHE)
@ObjectType({
  description: 'Videos ranked for discovery (trending, shorts, related, recommended).',
})
export class VideoFeedConnection {
  @Field(() => [VideoFeedEdge])
  edges!: VideoFeedEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

export const HomeFeedItem = createUnionType({
  name: 'HomeFeedItem',
  description: 'Something on the home page: a video or a live stream.',
  types: () => [Video, LiveStream] as const,
  resolveType: item => (item as unknown as FeedNode).__typename,
});

@Directive(INHERITED_CACHE)
@ObjectType({ description: 'One item of the home feed and its cursor.' })
export class HomeFeedEdge {
  @Field()
  cursor!: string;

  // a union carries no hint: the item is as cacheable as the feed, then as its own type
  @Directive(INHERITED_CACHE)
  @Field(() => HomeFeedItem)
  node!: FeedNode;
}

@Directive(INHERITED_CACHE)
@ObjectType({
  description: 'The home feed: personal when signed in, trending and fresh otherwise.',
})
export class HomeFeedConnection {
  @Field(() => [HomeFeedEdge])
  edges!: HomeFeedEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ArgsType()
export class TrendingArgs extends PageArgs {
  @Field(() => TrendingPeriod, { defaultValue: TrendingPeriod.DAY })
  period: TrendingPeriod = TrendingPeriod.DAY;

  @Field(() => VideoKind, { nullable: true, description: 'Only videos or only shorts.' })
  kind?: VideoKind | null;

  @Field(() => ID, { nullable: true, description: 'Only this category (see categories).' })
  categoryId?: string | null;
}

@ArgsType()
export class FeedArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'The player session (1–100 letters, digits, "-" or "_"), as sent to recordView: who a signed-out viewer is. Ignored when signed in.',
  })
  sessionId?: string | null;

  @Field(() => Int, { defaultValue: 20, description: 'How many items, 1 to 100.' })
  @IntRange(1, MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
export class ShortsFeedArgs extends FeedArgs {
  @Field(() => Int, { defaultValue: 10, description: 'How many shorts, 1 to 100.' })
  @IntRange(1, MAX_PAGE_SIZE)
  override first: number = 10;
}

@ArgsType()
export class RelatedArgs extends PageArgs {
  @Field(() => Int, { defaultValue: 10, description: 'How many videos, 1 to 100.' })
  @IntRange(1, MAX_PAGE_SIZE)
  override first: number = 10;
}

const emOf = (context: SearchContext) => context.em as EntityManager;

type VideoConnectionValue = Connection<{ id: string }>;

@Resolver()
export class DiscoveryResolver {
  @Query(() => VideoFeedConnection, {
    description:
      'Videos with the most recent views (a time-decayed view velocity), per period, kind and category; at most a few seconds behind the views.',
  })
  async trending(
    @Args() args: TrendingArgs,
    @Ctx() context: SearchContext,
  ): Promise<VideoConnectionValue> {
    return trending(emOf(context), await scopeOf(context), args);
  }

  @Query(() => VideoFeedConnection, {
    description:
      'An endless feed of shorts: popular and fresh ones mixed, then older ones; never one this viewer (user, else sessionId) finished in the last 7 days, never twice.',
  })
  async shortsFeed(
    @Args() args: ShortsFeedArgs,
    @Ctx() context: SearchContext,
  ): Promise<VideoConnectionValue> {
    return shortsFeed(emOf(context), await scopeOf(context), args);
  }

  @Query(() => VideoFeedConnection, {
    description:
      'Videos for this viewer: from their history and followed creators when known, else trending and fresh; never twice.',
  })
  async recommendedVideos(
    @Args() args: FeedArgs,
    @Ctx() context: SearchContext,
  ): Promise<VideoConnectionValue> {
    return recommendedVideos(emOf(context), await scopeOf(context), args);
  }

  // worked out for the viewer (history, follows, age check) from the stored snapshot
  @Directive(VIEWER_CACHE)
  @Query(() => HomeFeedConnection, {
    description:
      "The home page: followed creators' live streams and new videos, videos to continue and recommendations when signed in; live, trending and fresh otherwise. No item twice.",
  })
  async homeFeed(
    @Args() args: FeedArgs,
    @Ctx() context: SearchContext,
  ): Promise<Connection<FeedNode>> {
    return homeFeed(emOf(context), await scopeOf(context), args);
  }
}

@Resolver(() => Video)
export class RelatedResolver {
  // filtered for the viewer (age check, suspended owners)
  @Directive(VIEWER_CACHE)
  @FieldResolver(() => VideoFeedConnection, {
    description:
      'Videos people who watched this also watched, blended with shared tags and category; never this video.',
  })
  async related(
    @Root() video: Video,
    @Args() args: RelatedArgs,
    @Ctx() context: SearchContext,
  ): Promise<VideoConnectionValue> {
    return related(emOf(context), await scopeOf(context), video.id, args);
  }
}

/** Search adds fields to Video only: any id resolves, and `related` checks what may be seen. */
export const resolveVideoReference = (reference: { id: string }) => ({ id: reference.id });
