import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A user kept out of one stream's chat until `endsAt`; banning again replaces the end. */
@Unique({ name: 'chat_ban_stream_user_unique', properties: ['streamId', 'userId'] })
@Entity({ tableName: 'chat_ban' })
export class ChatBan {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  streamId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Property({ type: 'uuid' })
  bannedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
