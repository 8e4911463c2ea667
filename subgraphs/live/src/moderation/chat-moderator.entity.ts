import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A user the streamer appointed to moderate one stream's chat. */
@Unique({ name: 'chat_moderator_stream_user_unique', properties: ['streamId', 'userId'] })
@Entity({ tableName: 'chat_moderator' })
export class ChatModerator {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  streamId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime' })
  appointedAt: Date = new Date();
}
