import {
  badInput,
  type BaseContext,
  isUuid,
  loaderFor,
  notFound,
  requireViewer,
} from '@vp/kit';
import { Comment } from '../comments/comment.entity';
import { ageRefusal } from '../videos/video-access';
import { findVisibleVideo } from '../videos/video.service';

/**
 * The comment a viewer reacts to: one that is not deleted, on a video they may see (else NOT_FOUND,
 * exactly as a missing id; a malformed id is BAD_USER_INPUT), and on an ADULT video only when they
 * may watch it (else FORBIDDEN), as for reacting to the video itself.
 */
async function requireVisibleComment(context: BaseContext, id: string): Promise<Comment> {
  if (!isUuid(id)) {
    throw badInput('Not a comment id.', [{ field: 'id', message: 'Not a comment id.' }]);
  }
  const comment = await context.em.findOne(Comment, { id });
  const video = comment ? await findVisibleVideo(context, comment.video.id) : null;
  if (!comment || !video || comment.deletedAt !== null) {
    throw notFound('The comment');
  }
  const refusal = await ageRefusal(context, video);
  if (refusal) {
    throw refusal;
  }
  return comment;
}

/**
 * Likes (or unlikes) a comment for the signed-in viewer, as video likes do: the like row's primary
 * key decides whether anything changed, and only a change moves the comment's `like_count`, in the
 * same transaction, so concurrent and repeated calls leave an exact count.
 */
export async function setCommentLiked(
  context: BaseContext,
  id: string,
  liked: boolean,
): Promise<Comment> {
  const viewer = requireViewer(context.viewer);
  const comment = await requireVisibleComment(context, id);
  const likeCount = await context.em.transactional(async em => {
    const changed: unknown[] = liked
      ? await em.execute(
          `insert into "videos"."comment_like" ("comment_id", "user_id", "created_at") values (?, ?, now())
           on conflict do nothing returning "user_id"`,
          [comment.id, viewer.id],
        )
      : await em.execute(
          `delete from "videos"."comment_like" where "comment_id" = ? and "user_id" = ? returning "user_id"`,
          [comment.id, viewer.id],
        );
    const [row]: { like_count: number }[] =
      changed.length === 0
        ? await em.execute(`select "like_count" from "videos"."comment" where "id" = ?`, [
            comment.id,
          ])
        : await em.execute(
            `update "videos"."comment" set "like_count" = "like_count" + ? where "id" = ?
             returning "like_count"`,
            [liked ? 1 : -1, comment.id],
          );
    return row.like_count;
  });
  comment.likeCount = likeCount;
  return comment;
}

/** Whether the signed-in viewer likes the comment; one statement per request for every comment asked. */
export async function viewerHasLikedComment(
  context: BaseContext,
  commentId: string,
): Promise<boolean> {
  const viewer = context.viewer;
  if (!viewer) {
    return false;
  }
  const loader = loaderFor<string, boolean>(context, 'videos.viewerCommentLikes', async ids => {
    const rows: { comment_id: string }[] = await context.em.execute(
      `select "comment_id" from "videos"."comment_like" where "user_id" = ? and "comment_id" in (?)`,
      [viewer.id, ids],
    );
    const liked = new Set(rows.map(row => row.comment_id));
    return ids.map(id => liked.has(id));
  });
  return (await loader.load(commentId)) ?? false;
}
