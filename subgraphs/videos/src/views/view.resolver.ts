import { type BaseContext, type Connection, PageArgs, UNCACHED } from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { countersOf } from '../stats/counters';
import { User } from '../user/user.stub';
import { Video } from '../videos/video.entity';
import { clearWatchHistory, recordView, viewerProgress, watchHistory } from './view.service';
import {
  RecordViewInput,
  ViewerProgress,
  WatchHistoryConnection,
  type WatchHistoryEntry,
} from './view.types';

@Resolver(() => Video)
export class ViewResolver {
  @Mutation(() => Boolean, {
    description:
      "A player heartbeat: keeps your place (signed in) and counts a view once per viewer and video every 30 minutes, after 30 s (or half of a shorter video) was watched. The owner's own plays do not count.",
  })
  recordView(@Arg('input') input: RecordViewInput, @Ctx() context: BaseContext): Promise<boolean> {
    return recordView(context, input);
  }

  @Mutation(() => Boolean, { description: 'Forgets your watch history.' })
  clearWatchHistory(@Ctx() context: BaseContext): Promise<boolean> {
    return clearWatchHistory(context);
  }

  @FieldResolver(() => Int, { description: 'Views counted (see recordView).' })
  async viewCount(@Root() video: Video, @Ctx() context: BaseContext): Promise<number> {
    return (await countersOf(context, video.id)).viewCount;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => ViewerProgress, {
    nullable: true,
    description: 'Where you left this video; null when signed out or never played.',
  })
  viewerProgress(
    @Root() video: Video,
    @Ctx() context: BaseContext,
  ): Promise<ViewerProgress | null> {
    return viewerProgress(context, video.id);
  }
}

@Resolver(() => User)
export class UserHistoryResolver {
  @FieldResolver(() => WatchHistoryConnection, {
    nullable: true,
    description:
      'Videos you played, most recently watched first (yours only: FORBIDDEN for anyone else). Signed-out plays leave no history.',
  })
  watchHistory(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<WatchHistoryEntry>> {
    return watchHistory(context, user.id, page, false);
  }

  @FieldResolver(() => WatchHistoryConnection, {
    nullable: true,
    description: 'Videos you started and did not finish, most recently watched first (yours only).',
  })
  continueWatching(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<WatchHistoryEntry>> {
    return watchHistory(context, user.id, page, true);
  }
}
