import { type EntityManager } from '@mikro-orm/postgresql';
import { type CommentAdded } from '@vp/contracts';
import { type EventOf } from '@vp/kit';

/** Keeps who wrote a comment (a redelivery changes nothing): reports and takedowns need it. */
export async function rememberCommentAuthor(
  event: EventOf<typeof CommentAdded>,
  em: EntityManager,
) {
  const comment = event.payload;
  await em.execute(
    `insert into "users"."comment_author" ("comment_id", "author_id", "video_id") values (?, ?, ?)
     on conflict do nothing`,
    [comment.commentId, comment.authorId, comment.videoId],
  );
}
