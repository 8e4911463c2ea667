import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Comment } from '../comments/comment.entity';

/** One user likes one comment, once: the primary key makes a second like a no-op. */
@Entity({ tableName: 'comment_like' })
export class CommentLike {
  @ManyToOne(() => Comment, { primary: true, deleteRule: 'cascade' })
  comment!: Rel<Comment>;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
