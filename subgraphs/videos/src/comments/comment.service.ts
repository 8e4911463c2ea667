import { type FilterQuery } from '@mikro-orm/postgresql';
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

/** Shown in lists: not deleted, or deleted with replies still to show. */
const shownTopLevel: FilterQuery<Comment> = {
  $or: [{ deletedAt: null }, { replyCount: { $gt: 0 } }],
};

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
  const conditions: FilterQuery<Comment>[] = [
    { video: video.id, parent: null },
    shownTopLevel,
    authorNotSuspended(new Date()),
  ];
  if (page.sort === CommentSort.TOP) {
    if (page.after) {
      const { likes, at, id } = topCursor(page.after);
      conditions.push({
        $or: [
          { likeCount: { $lt: likes } },
          { likeCount: likes, createdAt: { $lt: at } },
          { likeCount: likes, createdAt: at, id: { $lt: id } },
        ],
      });
    }
    const rows = await context.em.find(
      Comment,
      { $and: conditions },
      { orderBy: { likeCount: 'desc', createdAt: 'desc', id: 'desc' }, limit: first + 1 },
    );
    return toConnection(rows, first, row => [
      TOP,
      row.likeCount,
      row.createdAt.toISOString(),
      row.id,
    ]);
  }
  if (page.after) {
    const { at, id } = decodeTimeCursor(page.after, [NEWEST]);
    conditions.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] });
  }
  const rows = await context.em.find(
    Comment,
    { $and: conditions },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 },
  );
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
      const rows: Record<string, unknown>[] = await context.em.execute(
        `select * from (
         select c.*, row_number() over (partition by c."parent_id" order by c."created_at", c."id") as "rank"
         from "videos"."comment" c where c."parent_id" in (?) and c."deleted_at" is null
           and (c."author_suspended_until" is null or c."author_suspended_until" <= now())
       ) ranked where "rank" <= ? order by "created_at", "id"`,
        [threadIds, first + 1],
      );
      const byThread = new Map<string, Comment[]>(threadIds.map(id => [id, []]));
      for (const row of rows) {
        const { rank: _rank, ...columns } = row;
        const reply = context.em.map(Comment, columns);
        byThread.get(String(row.parent_id))?.push(reply);
      }
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
