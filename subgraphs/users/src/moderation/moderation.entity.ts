import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ReportTargetType {
  VIDEO = 'VIDEO',
  COMMENT = 'COMMENT',
  LIVE_STREAM = 'LIVE_STREAM',
  CHAT_MESSAGE = 'CHAT_MESSAGE',
  USER = 'USER',
}
registerEnumType(ReportTargetType, {
  name: 'ReportTargetType',
  description: 'What a report or a takedown is about.',
});

export enum ReportReason {
  SPAM = 'SPAM',
  HARASSMENT = 'HARASSMENT',
  SEXUAL_CONTENT = 'SEXUAL_CONTENT',
  VIOLENCE = 'VIOLENCE',
  COPYRIGHT = 'COPYRIGHT',
  CHILD_SAFETY = 'CHILD_SAFETY',
  OTHER = 'OTHER',
}
registerEnumType(ReportReason, {
  name: 'ReportReason',
  description: 'Why content is reported; CHILD_SAFETY goes to the top of the moderation queue.',
});

export enum ReportStatus {
  OPEN = 'OPEN',
  /** A moderator acted on it (REMOVE_CONTENT or SUSPEND_USER). */
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'OPEN until a moderator resolves it (RESOLVED: acted on; DISMISSED: no action).',
});

export enum ModerationAction {
  DISMISS = 'DISMISS',
  REMOVE_CONTENT = 'REMOVE_CONTENT',
  SUSPEND_USER = 'SUSPEND_USER',
}
registerEnumType(ModerationAction, {
  name: 'ModerationAction',
  description:
    'How a moderator resolves a queue item: DISMISS (no action), REMOVE_CONTENT (a takedown), SUSPEND_USER (the owner, until lifted).',
});

/** Queue order: lower first. */
export const priorityOf = (reason: ReportReason) => (reason === ReportReason.CHILD_SAFETY ? 0 : 1);

/**
 * One item of the moderation queue: every report of one target while it is open (a partial unique
 * index keeps one OPEN case per target), so many reporters make one item with a count. A report
 * made after the case was resolved opens a new case.
 */
@ObjectType('ModerationItem', {
  description:
    'One target in the moderation queue, with every report of it grouped (MODERATOR or ADMIN).',
})
@Entity({ tableName: 'moderation_case' })
export class ModerationItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ReportTargetType)
  @Enum({ items: () => ReportTargetType })
  targetType!: ReportTargetType;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  targetId!: string;

  /** Whose content it is, when users knows (its read models); null for chat messages. */
  @Field(() => ID, {
    nullable: true,
    description: "The target's owner, when known (not for chat messages).",
  })
  @Property({ type: 'uuid', nullable: true })
  targetOwnerId: string | null = null;

  @Field(() => ReportReason, {
    description: 'The first report’s reason, CHILD_SAFETY as soon as any report says so.',
  })
  @Enum({ items: () => ReportReason })
  reason!: ReportReason;

  @Property({ type: 'smallint' })
  priority!: number;

  @Field(() => Int, { description: 'How many accounts reported it.' })
  @Property({ type: 'integer' })
  reportCount: number = 0;

  @Field(() => ReportStatus)
  @Enum({ items: () => ReportStatus })
  status: ReportStatus = ReportStatus.OPEN;

  @Field({ description: 'When the first report came.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field({ description: 'When the latest report came.' })
  @Property({ type: 'datetime' })
  lastReportedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  resolvedBy: string | null = null;

  @Field(() => ModerationAction, { nullable: true })
  @Enum({ items: () => ModerationAction, nullable: true })
  action: ModerationAction | null = null;

  @Field(() => String, { nullable: true, description: "The moderator's note." })
  @Property({ type: 'string', length: 2000, nullable: true })
  note: string | null = null;
}

/** One account's report of one target: an account reports a target once, ever. */
@ObjectType('ContentReport', { description: 'Your report; its status is its queue item’s.' })
@Entity({ tableName: 'content_report' })
@Unique({ properties: ['reporterId', 'targetType', 'targetId'] })
export class ContentReport {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ModerationItem, { deleteRule: 'cascade' })
  @Index()
  case!: Rel<ModerationItem>;

  @Property({ type: 'uuid' })
  reporterId!: string;

  @Field(() => ReportTargetType)
  @Enum({ items: () => ReportTargetType })
  targetType!: ReportTargetType;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  targetId!: string;

  @Field(() => ReportReason)
  @Enum({ items: () => ReportReason })
  reason!: ReportReason;

  @Field()
  @Property({ type: 'string', length: 2000, default: '' })
  details: string = '';

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** Content taken down, once per target (a second takedown changes nothing). */
@Entity({ tableName: 'takedown' })
export class Takedown {
  @PrimaryKey({ type: 'string' })
  targetType!: ReportTargetType;

  @PrimaryKey({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'uuid', nullable: true })
  ownerId: string | null = null;

  @Property({ type: 'string', length: 1000 })
  reason!: string;

  @Property({ type: 'uuid' })
  takenDownBy!: string;

  @Property({ type: 'datetime' })
  takenDownAt: Date = new Date();
}

/**
 * Who wrote each comment, from videos' CommentAdded (users never reads videos' tables): what a
 * report or takedown of a comment needs to know that it exists and whose it is.
 */
@Entity({ tableName: 'comment_author' })
export class CommentAuthor {
  @PrimaryKey({ type: 'uuid' })
  commentId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  @Property({ type: 'uuid' })
  videoId!: string;
}
