import { type Connection } from '@vp/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { type VideosContext } from '../config';
import { countersOf } from '../stats/counters';
import { User } from '../user/user.stub';
import { Video } from '../videos/video.entity';
import { Comment } from './comment.entity';
import { addComment, deleteComment, listComments, listReplies } from './comment.service';
import { AddCommentInput, CommentConnection, CommentsArgs, RepliesArgs } from './comment.types';

@Resolver(() => Comment)
export class CommentResolver {
  @Mutation(() => Comment, {
    description:
      'Comments on a video you may see, or replies with parentId. Rate-limited per user (RATE_LIMITED).',
  })
  addComment(
    @Arg('input') input: AddCommentInput,
    @Ctx() context: VideosContext,
  ): Promise<Comment> {
    return addComment(context, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a comment: your own, or any on your video (ADMINs: any). A comment with replies stays as deleted.',
  })
  deleteComment(@Arg('id', () => ID) id: string, @Ctx() context: VideosContext): Promise<boolean> {
    return deleteComment(context, id);
  }

  @FieldResolver(() => Boolean)
  deleted(@Root() comment: Comment): boolean {
    return comment.deletedAt !== null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The text; null once deleted.' })
  body(@Root() comment: Comment): string | null {
    return comment.deletedAt === null ? comment.body : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who wrote it; null once deleted.' })
  author(@Root() comment: Comment): User | null {
    return comment.deletedAt === null ? { id: comment.authorId } : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The top-level comment of a reply.' })
  parentId(@Root() comment: Comment): string | null {
    return comment.parent?.id ?? null;
  }

  @FieldResolver(() => CommentConnection, {
    description: 'Replies, oldest first (top-level comments only).',
  })
  replies(
    @Root() comment: Comment,
    @Args() page: RepliesArgs,
    @Ctx() context: VideosContext,
  ): Promise<Connection<Comment>> {
    return listReplies(context, comment, page);
  }
}

@Resolver(() => Video)
export class VideoCommentsResolver {
  @FieldResolver(() => Int, { description: 'Comments and replies that are not deleted.' })
  async commentCount(@Root() video: Video, @Ctx() context: VideosContext): Promise<number> {
    return (await countersOf(context, video.id)).commentCount;
  }

  @FieldResolver(() => CommentConnection, {
    nullable: true,
    description:
      'Top-level comments, NEWEST or TOP. Null with FORBIDDEN on an ADULT video you may not watch.',
  })
  comments(
    @Root() video: Video,
    @Args() page: CommentsArgs,
    @Ctx() context: VideosContext,
  ): Promise<Connection<Comment>> {
    return listComments(context, video, page);
  }
}
