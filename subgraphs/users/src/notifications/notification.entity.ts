import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum NotificationKind {
  NEW_VIDEO = 'NEW_VIDEO',
  LIVE_STARTED = 'LIVE_STARTED',
  NEW_FOLLOWER = 'NEW_FOLLOWER',
  COMMENT_ON_VIDEO = 'COMMENT_ON_VIDEO',
  COMMENT_REPLY = 'COMMENT_REPLY',
  TIP_RECEIVED = 'TIP_RECEIVED',
  CONTENT_TAKEN_DOWN = 'CONTENT_TAKEN_DOWN',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesConfig: {
    NEW_VIDEO: { description: 'A creator you follow published a video.' },
    LIVE_STARTED: { description: 'A creator you follow went live.' },
    NEW_FOLLOWER: { description: 'Someone followed you.' },
    COMMENT_ON_VIDEO: { description: 'Someone commented on your video.' },
    COMMENT_REPLY: { description: 'Someone replied to your comment.' },
    TIP_RECEIVED: { description: 'Someone tipped you.' },
    CONTENT_TAKEN_DOWN: {
      description: 'A moderator took down your video, stream or comment (`reason` says why).',
    },
  },
});

/**
 * One notification in an account's inbox. `source` names what caused it (the video, the stream's
 * start, the comment, the tip, the follower): with the recipient and kind it is unique, so a
 * replayed event or a retried fan-out batch cannot notify anyone twice. The other domains' ids are
 * kept as plain ids (no foreign keys): those rows live in other subgraphs.
 */
@ObjectType({ description: 'Something that happened that concerns you.' })
@Entity({ tableName: 'notification' })
@Unique({ properties: ['recipientId', 'kind', 'source'] })
@Index({ properties: ['recipientId', 'createdAt', 'id'] })
@Index({
  name: 'notification_unread_index',
  expression:
    'create index "notification_unread_index" on "users"."notification" ("recipient_id") where "read_at" is null',
})
export class Notification {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind })
  kind!: NotificationKind;

  @Property({ type: 'string', length: 200 })
  source!: string;

  /** Who did it; null when that account no longer exists. */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  videoId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  liveStreamId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  commentId: string | null = null;

  @Field(() => Int, { nullable: true, description: 'The tip, in yen (TIP_RECEIVED only).' })
  @Property({ type: 'integer', nullable: true })
  amountJpy: number | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Why a moderator took your content down (CONTENT_TAKEN_DOWN only).',
  })
  @Property({ type: 'string', length: 1000, nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  readAt: Date | null = null;

  /** When it was emailed (its recipient wanted this kind by email); null: not (yet). */
  @Property({ type: 'datetime', nullable: true })
  emailedAt: Date | null = null;

  /** When it was pushed to the recipient's devices (push on for its kind); null: not (yet). */
  @Property({ type: 'datetime', nullable: true })
  pushedAt: Date | null = null;

  @Field({ description: 'When it happened.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * An account's choice for one kind; a kind without a row is the default (in the app and pushed,
 * no email). With `email`, each new notification of the kind is also mailed (to a verified
 * address); with `push`, sent to the account's registered phones.
 */
@ObjectType({ description: 'How you want to hear about one kind of notification.' })
@Entity({ tableName: 'notification_setting' })
export class NotificationSetting {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, primary: true })
  kind!: NotificationKind;

  @Field({ description: 'Stored and delivered in the app (false: not kept at all).' })
  @Property({ type: 'boolean', default: true })
  inApp: boolean = true;

  @Field({
    description:
      'Also sent by email, to your verified address (only what is stored in the app is mailed).',
  })
  @Property({ type: 'boolean', default: false })
  email: boolean = false;

  @Field({
    description:
      'Also pushed to the phones where you signed in to the app (only what is stored in the app is pushed).',
  })
  @Property({ type: 'boolean', default: true })
  push: boolean = true;
}

/**
 * Push is on by default, like inApp: a push reaches only phones whose owner signed in to the app
 * and allowed notifications in the system's prompt, which is already an opt-in; email stays off
 * (an address given at sign-up is no such consent).
 */
export const DEFAULT_SETTING = { inApp: true, email: false, push: true };
