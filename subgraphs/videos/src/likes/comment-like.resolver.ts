import { type BaseContext } from '@vp/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Comment } from '../comments/comment.entity';
import { setCommentLiked, viewerHasLikedComment } from './comment-like.service';

@Resolver(() => Comment)
export class CommentLikeResolver {
  @Mutation(() => Comment, {
    description: 'Likes a comment you may see (not a deleted one); liking it again changes nothing.',
  })
  likeComment(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<Comment> {
    return setCommentLiked(context, id, true);
  }

  @Mutation(() => Comment, {
    description: 'Takes a like of a comment back; unliking one you do not like changes nothing.',
  })
  unlikeComment(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<Comment> {
    return setCommentLiked(context, id, false);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you like it (false when signed out).' })
  viewerHasLiked(@Root() comment: Comment, @Ctx() context: BaseContext): Promise<boolean> {
    return viewerHasLikedComment(context, comment.id);
  }
}
