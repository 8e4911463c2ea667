import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ChatMessageKind {
  MESSAGE = 'MESSAGE',
  TIP = 'TIP',
}
registerEnumType(ChatMessageKind, {
  name: 'ChatMessageKind',
  description: 'MESSAGE: written by a viewer. TIP: a tip to the streamer, shown highlighted.',
});

export const MAX_CHAT_BODY = 500;

// History and catch-up read one stream's messages in (created_at, id) order.
@Index({
  name: 'chat_message_stream_created_idx',
  properties: ['streamId', 'createdAt', 'id'],
})
// A tip appears once in chat however often its event is delivered.
@Index({
  name: 'chat_message_tip_unique',
  expression:
    'create unique index "chat_message_tip_unique" on "live"."chat_message" ("tip_id") where "tip_id" is not null',
})
@Check({
  name: 'chat_message_body_length_check',
  expression: `char_length("body") <= ${MAX_CHAT_BODY}`,
})
@ObjectType({
  description:
    'One line of a live stream’s chat. The body is plain text: clients must render it as text, never as HTML.',
})
@Entity({ tableName: 'chat_message' })
export class ChatMessage {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The live stream this was said in.' })
  @Property({ type: 'uuid' })
  streamId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  @Field({ description: '1 to 500 characters of plain text (a tip’s may be empty).' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => ChatMessageKind)
  @Enum({ items: () => ChatMessageKind, default: ChatMessageKind.MESSAGE })
  kind: ChatMessageKind = ChatMessageKind.MESSAGE;

  @Field(() => Int, { nullable: true, description: 'The tip in yen; null unless kind is TIP.' })
  @Property({ type: 'integer', nullable: true })
  tipAmountJpy: number | null = null;

  /** The payments subgraph's tip id: one chat line per tip. */
  @Property({ type: 'uuid', nullable: true })
  tipId: string | null = null;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Deleted by a moderator or its author: kept for the record, never shown again. */
  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  deletedBy: string | null = null;
}
