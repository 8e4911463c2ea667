import { type BaseContext, ConnectionType, PageArgs, UNCACHED } from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { User } from '../accounts/user.entity';
import {
  followCountsOf,
  followersPerDay,
  followList,
  MAX_FOLLOWER_DAYS,
  setFollowing,
  viewerIsFollowing,
} from './follow.service';

export const UserConnection = ConnectionType(User);

@ObjectType({ description: 'New followers of one UTC day.' })
export class FollowerDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int, { description: 'Accounts that started following that day and still follow.' })
  count!: number;
}

@Resolver(() => User)
export class FollowResolver {
  @Mutation(() => User, {
    description: 'Follows an account (not your own); following it again changes nothing.',
  })
  followUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: BaseContext): Promise<User> {
    return setFollowing(ctx, userId, true);
  }

  @Mutation(() => User, {
    description: 'Stops following an account; unfollowing one you do not follow changes nothing.',
  })
  unfollowUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: BaseContext): Promise<User> {
    return setFollowing(ctx, userId, false);
  }

  @FieldResolver(() => Int, { description: 'How many accounts follow this one.' })
  async followerCount(@Root() user: User, @Ctx() ctx: BaseContext): Promise<number> {
    return (await followCountsOf(ctx, user.id)).followerCount;
  }

  @FieldResolver(() => Int, { description: 'How many accounts this one follows.' })
  async followingCount(@Root() user: User, @Ctx() ctx: BaseContext): Promise<number> {
    return (await followCountsOf(ctx, user.id)).followingCount;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Boolean, {
    description: 'Whether you follow this account (false when signed out).',
  })
  viewerIsFollowing(@Root() user: User, @Ctx() ctx: BaseContext): Promise<boolean> {
    return viewerIsFollowing(ctx, user.id);
  }

  @FieldResolver(() => [FollowerDay], {
    description: `New followers per UTC day for the last \`days\` days (1 to ${MAX_FOLLOWER_DAYS}), oldest first, today last, every day listed. The account itself or an ADMIN only (FORBIDDEN for others, UNAUTHENTICATED signed out).`,
  })
  followersPerDay(
    @Root() user: User,
    @Arg('days', () => Int, { defaultValue: 28 }) days: number,
    @Ctx() ctx: BaseContext,
  ) {
    return followersPerDay(ctx, user, days);
  }

  @FieldResolver(() => UserConnection, {
    description: 'The accounts following this one, newest first.',
  })
  followers(@Root() user: User, @Args() page: PageArgs, @Ctx() ctx: BaseContext) {
    return followList(ctx, user, 'followers', page);
  }

  @FieldResolver(() => UserConnection, {
    description: 'The accounts this one follows, newest first.',
  })
  following(@Root() user: User, @Args() page: PageArgs, @Ctx() ctx: BaseContext) {
    return followList(ctx, user, 'following', page);
  }
}
