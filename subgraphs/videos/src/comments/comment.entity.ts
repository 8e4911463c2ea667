import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Video } from '../videos/video.entity';

export const MAX_COMMENT_LENGTH = 2000;

// A video's top-level comments in each sort order, and a comment's replies oldest first. Deleted
// comments stay in the table while they have replies (shown as deleted), so the indexes keep them.
@Index({
  name: 'comment_video_newest_idx',
  expression: `create index "comment_video_newest_idx" on "videos"."comment" ("video_id", "created_at" desc, "id" desc) where "parent_id" is null`,
})
@Index({
  name: 'comment_video_top_idx',
  expression: `create index "comment_video_top_idx" on "videos"."comment" ("video_id", "like_count" desc, "created_at" desc, "id" desc) where "parent_id" is null`,
})
@Index({
  name: 'comment_replies_idx',
  expression: `create index "comment_replies_idx" on "videos"."comment" ("parent_id", "created_at", "id")`,
})
@Check({
  name: 'comment_body_length_check',
  // Written as PostgreSQL prints it back, so that schema diffs see no change.
  expression: `(body IS NULL) OR ((char_length(body) >= 1) AND (char_length(body) <= ${MAX_COMMENT_LENGTH}))`,
})
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A comment on a video, or a reply to one (one level deep).' })
@Entity({ tableName: 'comment' })
export class Comment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Video, { deleteRule: 'cascade' })
  video!: Rel<Video>;

  @Property({ type: 'uuid' })
  authorId!: string;

  /** The top-level comment this replies to; replies to a reply are attached to its top-level comment. */
  @ManyToOne(() => Comment, { nullable: true, deleteRule: 'cascade' })
  parent: Rel<Comment> | null = null;

  /** Null once deleted: the text is gone, not hidden. */
  @Property({ type: 'text', nullable: true })
  body: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  /** While its author is suspended: until when (moderation/); hidden from lists until then. */
  @Property({ type: 'datetime', nullable: true })
  authorSuspendedUntil: Date | null = null;

  /** Replies that are not deleted. */
  @Field(() => Int, { description: 'Replies that are not deleted.' })
  @Property({ type: 'integer', default: 0 })
  replyCount: number = 0;

  /**
   * Users who like it: moved only when a `comment_like` row is really added or removed, in the
   * same transaction, so it stays exact under concurrency (likes/comment-like.service.ts).
   */
  @Field(() => Int, { description: 'How many users like it.' })
  @Property({ type: 'integer', default: 0 })
  likeCount: number = 0;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
