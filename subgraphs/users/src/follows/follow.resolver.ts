import { type BaseContext, ConnectionType, PageArgs } from '@vp/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { User } from '../accounts/user.entity';
import { followCountsOf, followList, setFollowing, viewerIsFollowing } from './follow.service';

export const UserConnection = ConnectionType(User);

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

  @FieldResolver(() => Boolean, {
    description: 'Whether you follow this account (false when signed out).',
  })
  viewerIsFollowing(@Root() user: User, @Ctx() ctx: BaseContext): Promise<boolean> {
    return viewerIsFollowing(ctx, user.id);
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
