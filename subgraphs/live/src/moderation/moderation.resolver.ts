import { type BaseContext } from '@vp/kit';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { LiveStream } from '../streams/live-stream.entity';
import {
  appointModerator,
  banFromChat,
  removeModerator,
  setSlowMode,
  unbanFromChat,
} from './moderation.service';

@Resolver()
export class ModerationResolver {
  @Mutation(() => Date, {
    description:
      'Keeps a user out of a stream’s chat for 1 s to 30 days (streamer and moderators); answers ' +
      'when the ban ends. Their open chat subscription ends too.',
  })
  banFromChat(
    @Arg('streamId', () => ID) streamId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('durationSeconds', () => Int) durationSeconds: number,
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
    @Arg('streamId', () => ID) streamId: string,
    @Arg('seconds', () => Int) seconds: number,
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
