import { type BaseContext, IntRange } from '@vp/kit';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Resolver } from 'type-graphql';
import { LiveStream } from '../streams/live-stream.entity';
import {
  appointModerator,
  banFromChat,
  MAX_BAN_SECONDS,
  MAX_SLOW_MODE_SECONDS,
  removeModerator,
  setSlowMode,
  unbanFromChat,
} from './moderation.service';

@ArgsType()
class BanFromChatArgs {
  @Field(() => ID)
  streamId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => Int)
  @IntRange(1, MAX_BAN_SECONDS, { message: `1 to ${MAX_BAN_SECONDS} seconds (30 days).` })
  durationSeconds!: number;
}

@ArgsType()
class SlowModeArgs {
  @Field(() => ID)
  streamId!: string;

  @Field(() => Int)
  @IntRange(0, MAX_SLOW_MODE_SECONDS, { message: `0 (off) to ${MAX_SLOW_MODE_SECONDS}.` })
  seconds!: number;
}

@Resolver()
export class ModerationResolver {
  @Mutation(() => Date, {
    description:
      'Keeps a user out of a stream’s chat for 1 s to 30 days (streamer and moderators); answers ' +
      'when the ban ends. Their open chat subscription ends too.',
  })
  banFromChat(
    @Args() { streamId, userId, durationSeconds }: BanFromChatArgs,
    @Ctx() context: BaseContext,
  ): Promise<Date> {
    return banFromChat(context, streamId, userId, durationSeconds);
  }

  @Mutation(() => Boolean, { description: 'Lifts a ban early; false when none was in force.' })
  unbanFromChat(
    @Arg('streamId', () => ID) streamId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: BaseContext,
  ): Promise<boolean> {
    return unbanFromChat(context, streamId, userId);
  }

  @Mutation(() => LiveStream, {
    description:
      'One message per user every `seconds` (0 = off, at most 300); moderators are exempt.',
  })
  setSlowMode(
    @Args() { streamId, seconds }: SlowModeArgs,
    @Ctx() context: BaseContext,
  ): Promise<LiveStream> {
    return setSlowMode(context, streamId, seconds);
  }

  @Mutation(() => Boolean, { description: 'The streamer appoints a moderator of their chat.' })
  appointModerator(
    @Arg('streamId', () => ID) streamId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: BaseContext,
  ): Promise<boolean> {
    return appointModerator(context, streamId, userId);
  }

  @Mutation(() => Boolean, {
    description: 'The streamer removes a moderator; false when they were none.',
  })
  removeModerator(
    @Arg('streamId', () => ID) streamId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: BaseContext,
  ): Promise<boolean> {
    return removeModerator(context, streamId, userId);
  }
}
