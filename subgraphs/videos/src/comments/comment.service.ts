import { CommentAdded } from '@vp/contracts';
import {
  badInput,
  byIds,
  checkPageSize,
  type Connection,
  decodeCursor,
  decodeTimeCursor,
  emitEvent,
  enforceRateLimit,
  forbidden,
  hasRole,
  isUuid,
  loaderFor,
  mapRows,
  preparedRead,
  notFound,
  requireViewer,
  Role,
  toConnection,
  normalizeLineBreaks,
  refuseSuspended,
} from '@vp/kit';
import { type VideosContext } from '../config';
import { addEngagement } from '../stats/counters';
import { ageRefusal, requireVisibleVideo } from '../videos/video-access';
import { type Video } from '../videos/video.entity';
import { findVisibleVideo } from '../videos/video.service';
import { authorNotSuspended } from '../moderation/moderation';
import { Comment } from './comment.entity';
import { type AddCommentInput, CommentSort } from './comment.types';

/** Comments and replies one user may post in a minute, counted on the kit's shared limiter. */
const checkRate = (context: VideosContext, userId: string) =>
  enforceRateLimit(
    context.shared.rateLimiter,
    `videos:comments:${userId}`,
    { points: context.videos.commentsPerMinute, windowMs: 60_000 },
    'You are commenting too fast. Try again in a minute.',
  );

/**
 * Adds a comment or a reply on a video the viewer may see. A reply to a reply joins its top-level
 * comment's thread. The comment, its thread's reply count, the video's counters and the
 * CommentAdded event are written in one transaction.
 */
export async function addComment(context: VideosContext, input: AddCommentInput): Promise<Comment> {
  const viewer = requireViewer(context.viewer);
  await refuseSuspended(context, viewer.id);
  // AddCommentInput's rules have checked the text (trimmed, 1–2000 characters, plain).
  const body = normalizeLineBreaks(input.body);
  const video = await requireVisibleVideo(context, input.videoId);
  let repliedTo: Comment | null = null;
  if (input.parentId != null) {
    repliedTo = isUuid(input.parentId)
      ? await context.em.findOne(Comment, { id: input.parentId, video: video.id, deletedAt: null })
      : null;
    if (!repliedTo) {
      throw badInput('There is no such comment on this video.', [
        { field: 'parentId', message: 'Not a comment of this video.' },
      ]);
    }
  }
  await checkRate(context, viewer.id);
  const threadId = repliedTo ? (repliedTo.parent?.id ?? repliedTo.id) : null;
  const comment = context.em.create(Comment, {
    video: video.id,
    authorId: viewer.id,
    parent: threadId,
    body,
  } as never) as Comment;
  await context.em.transactional(async em => {
    em.persist(comment);
    await em.flush();
    if (threadId) {
      await em.execute(
        `update "videos"."comment" set "reply_count" = "reply_count" + 1 where "id" = ?`,
        [threadId],
      );
    }
    emitEvent(em, CommentAdded, {
      commentId: comment.id,
      videoId: video.id,
      videoOwnerId: video.ownerId,
      authorId: viewer.id,
      parentId: threadId,
      parentAuthorId: repliedTo?.authorId ?? null,
      createdAt: comment.createdAt.toISOString(),
    });
    await em.flush();
    await addEngagement(em, video.id, { comments: 1 });
  });
  return comment;
}

/**
 * Deletes a comment: its author, the video's owner and ADMINs may. The text goes at once; a
 * comment with replies stays in its thread as deleted. Deleting a deleted comment changes nothing.
 */
export async function deleteComment(context: VideosContext, id: string): Promise<boolean> {
  const viewer = requireViewer(context.viewer);
  if (!isUuid(id)) {
    throw badInput('Not a comment id.', [{ field: 'id', message: 'Not a comment id.' }]);
  }
  const comment = await context.em.findOne(Comment, { id });
  const video = comment ? await findVisibleVideo(context, comment.video.id) : null;
  const isAuthor = comment?.authorId === viewer.id;
  if (!comment || (!video && !isAuthor)) {
    throw notFound('The comment');
  }
  if (!isAuthor && video!.ownerId !== viewer.id && !hasRole(viewer, Role.ADMIN)) {
    throw forbidden('Only its author, the video’s owner and admins may delete a comment.');
  }
  await context.em.transactional(async em => {
    const deleted: unknown[] = await em.execute(
      `update "videos"."comment" set "deleted_at" = now(), "body" = null
       where "id" = ? and "deleted_at" is null returning "id"`,
      [comment.id],
    );
    if (deleted.length === 0) {
      return;
    }
    if (comment.parent) {
      await em.execute(
        `update "videos"."comment" set "reply_count" = "reply_count" - 1 where "id" = ?`,
        [comment.parent.id],
      );
    }
    await addEngagement(em, comment.video.id, { comments: -1 });
  });
  return true;
}

const NEWEST = 'newest';
// TOP cursors carry the like count; named apart from the reply-count cursors TOP once had.
const TOP = 'top-liked';

function topCursor(after: string) {
  const [label, likes, at, id, ...rest] = decodeCursor(after);
  const time = typeof at === 'string' ? new Date(at) : null;
  if (
    label !== TOP ||
    typeof likes !== 'number' ||
    !time ||
    Number.isNaN(time.getTime()) ||
    !isUuid(id) ||
    rest.length
  ) {
    throw badInput('The cursor is not valid.', [
      { field: 'after', message: 'Not a cursor from this list.' },
    ]);
  }
  return { likes, at: time, id };
}

/**
 * The statements of a video's top-level comments, one per order and with or without a cursor,
 * written once and prepared per connection (every watch page asks this list; the query builder
 * cost more CPU than the query). `$1` the video, `$2` now (suspended authors are hidden until
 * then), the cursor's values next, the limit last. Shown: not deleted, or deleted with replies.
 */
const TOP_LEVEL_SQL = `select c.* from "videos"."comment" c
  where c."video_id" = $1 and c."parent_id" is null
    and (c."deleted_at" is null or c."reply_count" > 0)
    and (c."author_suspended_until" is null or c."author_suspended_until" <= $2)`;
const COMMENT_STATEMENTS = {
  newest: {
    name: 'videos.comments.newest',
    text: `${TOP_LEVEL_SQL} order by c."created_at" desc, c."id" desc limit $3`,
  },
  newestAfter: {
    name: 'videos.comments.newest-after',
    text: `${TOP_LEVEL_SQL}
    and (c."created_at" < $3 or (c."created_at" = $3 and c."id" < $4))
  order by c."created_at" desc, c."id" desc limit $5`,
  },
  top: {
    name: 'videos.comments.top',
    text: `${TOP_LEVEL_SQL} order by c."like_count" desc, c."created_at" desc, c."id" desc limit $3`,
  },
  topAfter: {
    name: 'videos.comments.top-after',
    text: `${TOP_LEVEL_SQL}
    and (c."like_count" < $3 or (c."like_count" = $3 and (c."created_at" < $4
      or (c."created_at" = $4 and c."id" < $5))))
  order by c."like_count" desc, c."created_at" desc, c."id" desc limit $6`,
  },
};

/**
 * A video's top-level comments, NEWEST or TOP (most liked, then most recent). ADULT videos
 * keep their age rule: their comments are refused to whoever may not watch them.
 */
export async function listComments(
  context: VideosContext,
  video: Video,
  page: { first: number; after?: string | null; sort: CommentSort },
): Promise<Connection<Comment>> {
  const first = checkPageSize(page.first);
  const refusal = await ageRefusal(context, video);
  if (refusal) {
    throw refusal;
  }
  const read = async (statement: { name: string; text: string }, values: unknown[]) =>
    mapRows(
      context.em,
      Comment,
      await preparedRead(context.em, statement.name, statement.text, values),
    );
  const now = new Date();
  if (page.sort === CommentSort.TOP) {
    const cursor = page.after ? topCursor(page.after) : null;
    const rows = cursor
      ? await read(COMMENT_STATEMENTS.topAfter, [
          video.id,
          now,
          cursor.likes,
          cursor.at,
          cursor.id,
          first + 1,
        ])
      : await read(COMMENT_STATEMENTS.top, [video.id, now, first + 1]);
    return toConnection(rows, first, row => [
      TOP,
      row.likeCount,
      row.createdAt.toISOString(),
      row.id,
    ]);
  }
  const cursor = page.after ? decodeTimeCursor(page.after, [NEWEST]) : null;
  const rows = cursor
    ? await read(COMMENT_STATEMENTS.newestAfter, [video.id, now, cursor.at, cursor.id, first + 1])
    : await read(COMMENT_STATEMENTS.newest, [video.id, now, first + 1]);
  return toConnection(rows, first, row => [NEWEST, row.createdAt.toISOString(), row.id]);
}

const REPLIES = 'replies';

/**
 * A thread's replies, oldest first. First pages of every thread in a request are read together
 * (one statement per level of the tree); a later page is one statement of its own.
 */
export async function listReplies(
  context: VideosContext,
  comment: Comment,
  page: { first: number; after?: string | null },
): Promise<Connection<Comment>> {
  const first = checkPageSize(page.first);
  if (comment.parent || comment.replyCount === 0) {
    return toConnection([], first, () => []);
  }
  if (page.after) {
    const { at, id } = decodeTimeCursor(page.after, [REPLIES]);
    const rows = await context.em.find(
      Comment,
      {
        $and: [
          { parent: comment.id, deletedAt: null },
          authorNotSuspended(new Date()),
          { $or: [{ createdAt: { $gt: at } }, { createdAt: at, id: { $gt: id } }] },
        ],
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: first + 1 },
    );
    return toConnection(rows, first, row => [REPLIES, row.createdAt.toISOString(), row.id]);
  }
  const loader = loaderFor<string, Comment[]>(
    context,
    `videos.replies.${first}`,
    async threadIds => {
      // prepared once per connection: every watch page asks it
      const rows = await preparedRead(
        context.em,
        'videos.replies.first-pages',
        `select * from (
         select c.*, row_number() over (partition by c."parent_id" order by c."created_at", c."id") as "rank"
         from "videos"."comment" c where c."parent_id" = any($1::uuid[]) and c."deleted_at" is null
           and (c."author_suspended_until" is null or c."author_suspended_until" <= now())
       ) ranked where "rank" <= $2 order by "created_at", "id"`,
        [threadIds, first + 1],
      );
      const byThread = new Map<string, Comment[]>(threadIds.map(id => [id, []]));
      // as a find would map them (em.map validates and merges each row again: most of the CPU)
      const replies = mapRows(
        context.em,
        Comment,
        rows.map(({ rank: _rank, ...columns }) => columns),
      );
      replies.forEach((reply, i) => byThread.get(String(rows[i].parent_id))?.push(reply));
      return threadIds.map(id => byThread.get(id) ?? []);
    },
  );
  const rows = (await loader.load(comment.id)) ?? [];
  return toConnection(rows, first, row => [REPLIES, row.createdAt.toISOString(), row.id]);
}

/** One statement per request for every comment looked up by id. */
const commentLoader = (context: VideosContext) =>
  loaderFor<string, Comment>(context, 'videos.comment', async ids =>
    byIds(ids, await context.em.find(Comment, { id: { $in: [...ids] } })),
  );

/**
 * `_entities` for Comment: a comment shown in its video's list, on a video the caller may see
 * (and, if ADULT, may watch).
 */
export async function resolveCommentReference(reference: { id: string }, context: VideosContext) {
  if (!isUuid(reference.id)) {
    return null;
  }
  const comment = await commentLoader(context).load(reference.id);
  const video = comment ? await findVisibleVideo(context, comment.video.id) : null;
  if (!comment || !video || (await ageRefusal(context, video))) {
    return null;
  }
  const shown = comment.deletedAt === null || (!comment.parent && comment.replyCount > 0);
  const authorSuspended =
    comment.authorSuspendedUntil !== null && comment.authorSuspendedUntil.getTime() > Date.now();
  return shown && !authorSuspended ? comment : null;
}
