import {
  type BaseContext,
  type Connection,
  ConnectionType,
  ErrorCode,
  IntRange,
  MAX_PAGE_SIZE,
  Rule,
} from '@vp/kit';
import { GraphQLError } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  type SubscribeResolverData,
  Subscription,
} from 'type-graphql';
import { User } from '../user/user.stub';
import { type ChatMessageDeletedPayload, fromPayload } from './chat-events';
import { ChatMessage } from './chat-message.entity';
import {
  chatBodyProblem,
  chatDeletionStream,
  chatMessageStream,
  type ChatStreamItem,
  deleteChatMessage,
  listChatMessages,
  sendChatMessage,
} from './chat.service';

export const ChatMessageConnection = ConnectionType(ChatMessage);

@ArgsType()
class ChatHistoryArgs {
  @Field(() => ID)
  streamId!: string;

  @Field(() => Int, { defaultValue: 50, description: 'How many messages, 1 to 100.' })
  @IntRange(1, MAX_PAGE_SIZE)
  last: number = 50;

  @Field(() => String, {
    nullable: true,
    description: 'The startCursor of the page shown: older messages than it.',
  })
  before?: string | null;
}

@ArgsType()
class ChatAddedArgs {
  @Field(() => ID)
  streamId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The id of the last message the client saw: those stored after it are replayed first, then ' +
      'the subscription goes on live (for reconnecting clients).',
  })
  after?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the client read the chat’s history (for a page whose history was empty): messages ' +
      'stored since then are replayed first. Not with `after`.',
  })
  since?: Date | null;
}

@ArgsType()
class ChatDeletedArgs {
  @Field(() => ID)
  streamId!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the client read the chat’s history: deletions made since then are replayed first.',
  })
  since?: Date | null;
}

@ArgsType()
class SendChatMessageArgs {
  @Field(() => ID)
  streamId!: string;

  @Field({ description: '1 to 500 characters of plain text (trimmed; line breaks kept).' })
  @Rule(chatBodyProblem)
  body!: string;
}

@ObjectType({ description: 'A chat message was deleted: clients remove it from view.' })
export class ChatMessageDeleted {
  @Field(() => ID)
  messageId!: string;

  @Field(() => ID)
  streamId!: string;

  @Field()
  deletedAt!: Date;
}

@Resolver(() => ChatMessage)
export class ChatResolver {
  @Mutation(() => ChatMessage, {
    description:
      'Says something in a live stream’s chat (signed in; 1–500 characters of plain text; at most ' +
      '5 messages per 10 s, and one per slow-mode period).',
  })
  sendChatMessage(
    @Args() { streamId, body }: SendChatMessageArgs,
    @Ctx() context: BaseContext,
  ): Promise<ChatMessage> {
    return sendChatMessage(context, streamId, body);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a chat message: its author or the chat’s moderators.',
  })
  deleteChatMessage(
    @Arg('id', () => ID) id: string,
    @Ctx() context: BaseContext,
  ): Promise<boolean> {
    return deleteChatMessage(context, id);
  }

  @Query(() => ChatMessageConnection, {
    description: 'A stream’s chat history, newest last; page back with `before: startCursor`.',
  })
  chatMessages(
    @Args() args: ChatHistoryArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<ChatMessage>> {
    return listChatMessages(context, args.streamId, args);
  }

  @Subscription(() => ChatMessage, {
    description:
      'A stream’s new chat messages. Whoever may watch the stream may follow its chat (an ADULT or ' +
      'PREMIUM stream’s rules apply: FORBIDDEN, PAYMENT_REQUIRED); a user banned from it gets ' +
      'FORBIDDEN and the subscription ends.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, ChatAddedArgs, BaseContext>) =>
      chatMessageStream(context, args.streamId, args),
  })
  chatMessageAdded(@Root() item: ChatStreamItem, @Args() _args: ChatAddedArgs): ChatMessage {
    if ('bannedUntil' in item) {
      throw new GraphQLError(`You are banned from this chat until ${item.bannedUntil}.`, {
        extensions: { code: ErrorCode.FORBIDDEN, bannedUntil: item.bannedUntil },
      });
    }
    return fromPayload(item);
  }

  @Subscription(() => ChatMessageDeleted, {
    description: 'Messages deleted from a stream’s chat.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, ChatDeletedArgs, BaseContext>) =>
      chatDeletionStream(context, args.streamId, args.since),
  })
  chatMessageDeleted(
    @Root() event: ChatMessageDeletedPayload,
    @Args() _args: ChatDeletedArgs,
  ): ChatMessageDeleted {
    return { ...event, deletedAt: new Date(event.deletedAt) };
  }

  @FieldResolver(() => User, { description: 'Who wrote it (for a tip: who tipped).' })
  author(@Root() message: ChatMessage): User {
    return { id: message.authorId };
  }
}
