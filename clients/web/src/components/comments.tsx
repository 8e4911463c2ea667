'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  AddCommentDocument,
  DeleteCommentDocument,
  VideoCommentsDocument,
  type CommentItemFragment,
  type CommentSort,
  type VideoCommentsQuery,
} from '@vp/client/src/gql/graphql';
import { formatAgo } from '@/lib/format';
import { Avatar } from './avatar';
import { errorOf, useGraphqlClient, useLocale, useT, useViewer } from './providers';

type Thread = CommentItemFragment & { replies: CommentItemFragment[] };
type CommentsPage = NonNullable<VideoCommentsQuery['video']>['comments'];

const threadsOf = (connection: CommentsPage | undefined): Thread[] =>
  connection?.edges.map(edge => ({
    ...edge.node,
    replies: edge.node.replies.edges.map(reply => reply.node),
  })) ?? [];
const nextCursor = (connection: CommentsPage | undefined) =>
  connection?.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null;

function CommentForm({
  videoId,
  parentId,
  label,
  onAdded,
  onCancel,
  autoFocus,
}: {
  videoId: string;
  parentId?: string;
  label: string;
  onAdded: (comment: CommentItemFragment) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const t = useT();
  const client = useGraphqlClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `comment-${parentId ?? 'new'}`;
  return (
    <form
      className="stack"
      style={{ gap: 8 }}
      onSubmit={async event => {
        event.preventDefault();
        if (!body.trim()) {
          return;
        }
        setBusy(true);
        setError('');
        try {
          const { data } = await client.mutate({
            mutation: AddCommentDocument,
            variables: { input: { videoId, body, parentId } },
          });
          if (data?.addComment) {
            onAdded(data.addComment);
            setBody('');
          }
        } catch (caught) {
          setError(errorOf(caught, t).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        placeholder={label}
        value={body}
        maxLength={2000}
        rows={2}
        autoFocus={autoFocus}
        onChange={event => setBody(event.target.value)}
        data-testid={parentId ? 'reply-input' : 'comment-input'}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        {onCancel ? (
          <button type="button" className="btn ghost small" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        ) : null}
        <button
          type="submit"
          className="btn primary small"
          disabled={busy || !body.trim()}
          data-testid={parentId ? 'reply-submit' : 'comment-submit'}
        >
          {parentId ? t('comments.reply') : t('comments.post')}
        </button>
      </div>
    </form>
  );
}

function CommentView({
  comment,
  canDelete,
  onDelete,
  children,
}: {
  comment: CommentItemFragment;
  canDelete: boolean;
  onDelete: () => void;
  children?: React.ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="comment" data-testid="comment">
      {comment.author ? (
        <Avatar user={comment.author} />
      ) : (
        <span className="avatar" aria-hidden="true" />
      )}
      <div>
        <div className="row small" style={{ gap: 6 }}>
          {comment.author ? (
            <Link href={`/@${comment.author.handle}`} style={{ fontWeight: 700 }}>
              @{comment.author.handle}
            </Link>
          ) : null}
          <span className="dim" suppressHydrationWarning>
            {formatAgo(comment.createdAt, locale)}
          </span>
        </div>
        <p className="comment-body" style={{ margin: '4px 0' }}>
          {comment.deleted ? <em className="dim">{t('comments.deleted')}</em> : comment.body}
        </p>
        <div className="row">
          {children}
          {canDelete && !comment.deleted ? (
            <button type="button" className="btn ghost small" onClick={onDelete}>
              {t('comments.delete')}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}

/**
 * Comments and one level of replies, NEWEST or TOP. The page streams the first NEWEST page in
 * (`initial`, rendered on the server after the player); other sorts and pages load here.
 */
export function Comments({
  videoId,
  ownerId,
  count,
  initial,
}: {
  videoId: string;
  ownerId: string;
  count: number;
  initial?: CommentsPage;
}) {
  const t = useT();
  const viewer = useViewer();
  const client = useGraphqlClient();
  const pathname = usePathname();
  const [sort, setSort] = useState<CommentSort>('NEWEST');
  const [threads, setThreads] = useState<Thread[] | null>(initial ? threadsOf(initial) : null);
  const [after, setAfter] = useState<string | null>(nextCursor(initial));
  const [total, setTotal] = useState(count);
  // the server's first page stands until the viewer asks for another sort
  const serverPage = useRef(Boolean(initial));
  const [replyTo, setReplyTo] = useState<string | null>(null);

  const load = useCallback(
    async (cursor: string | null) => {
      const { data } = await client
        .query({
          query: VideoCommentsDocument,
          variables: { id: videoId, sort, after: cursor },
          fetchPolicy: 'network-only',
        })
        .catch(() => ({ data: undefined }));
      const connection = data?.video?.comments;
      const page = threadsOf(connection);
      setThreads(current => (cursor ? [...(current ?? []), ...page] : page));
      setAfter(nextCursor(connection));
      if (data?.video) {
        setTotal(data.video.commentCount);
      }
    },
    [client, videoId, sort],
  );

  useEffect(() => {
    if (serverPage.current) {
      serverPage.current = false;
      return;
    }
    void load(null);
  }, [load]);

  const remove = async (id: string) => {
    await client.mutate({ mutation: DeleteCommentDocument, variables: { id } });
    setThreads(current =>
      (current ?? [])
        .filter(thread => !(thread.id === id && thread.replyCount === 0))
        .map(thread =>
          thread.id === id
            ? { ...thread, deleted: true, body: null }
            : { ...thread, replies: thread.replies.filter(reply => reply.id !== id) },
        ),
    );
    setTotal(value => value - 1);
  };

  const mayDelete = (comment: CommentItemFragment) =>
    Boolean(
      viewer &&
      (viewer.id === comment.author?.id || viewer.id === ownerId || viewer.roles.includes('ADMIN')),
    );

  return (
    <section className="comments" aria-labelledby="comments-title">
      <div className="row" style={{ marginBottom: 12 }}>
        <h2 id="comments-title">{t('comments.title', { count: total })}</h2>
        <div className="row" role="group" aria-label="sort" style={{ marginLeft: 12 }}>
          {(['NEWEST', 'TOP'] as const).map(option => (
            <button
              key={option}
              type="button"
              className="chip"
              style={{ border: 0, cursor: 'pointer' }}
              aria-pressed={sort === option}
              onClick={() => setSort(option)}
            >
              {option === 'NEWEST' ? t('comments.newest') : t('comments.top')}
            </button>
          ))}
        </div>
      </div>
      {viewer ? (
        <CommentForm
          videoId={videoId}
          label={t('comments.add')}
          onAdded={comment => {
            setThreads(current => [{ ...comment, replies: [] }, ...(current ?? [])]);
            setTotal(value => value + 1);
          }}
        />
      ) : (
        <p className="notice">
          <Link href={`/sign-in?next=${encodeURIComponent(pathname)}`} style={{ color: '#8ab4ff' }}>
            {t('comments.signIn')}
          </Link>
        </p>
      )}
      {threads === null ? (
        <p className="dim">{t('common.loading')}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {threads.map(thread => (
            <CommentView
              key={thread.id}
              comment={thread}
              canDelete={mayDelete(thread)}
              onDelete={() => remove(thread.id)}
            >
              {viewer && !thread.deleted ? (
                <button
                  type="button"
                  className="btn ghost small"
                  onClick={() => setReplyTo(replyTo === thread.id ? null : thread.id)}
                >
                  {t('comments.reply')}
                </button>
              ) : null}
              {thread.replies.length || replyTo === thread.id ? (
                <div className="replies" style={{ flexBasis: '100%', marginLeft: 0 }}>
                  {replyTo === thread.id ? (
                    <CommentForm
                      videoId={videoId}
                      parentId={thread.id}
                      autoFocus
                      label={t('comments.replyLabel', { name: thread.author?.displayName ?? '' })}
                      onCancel={() => setReplyTo(null)}
                      onAdded={reply => {
                        setThreads(current =>
                          (current ?? []).map(item =>
                            item.id === thread.id
                              ? {
                                  ...item,
                                  replyCount: item.replyCount + 1,
                                  replies: [...item.replies, reply],
                                }
                              : item,
                          ),
                        );
                        setReplyTo(null);
                        setTotal(value => value + 1);
                      }}
                    />
                  ) : null}
                  <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {thread.replies.map(reply => (
                      <CommentView
                        key={reply.id}
                        comment={reply}
                        canDelete={mayDelete(reply)}
                        onDelete={() => remove(reply.id)}
                      />
                    ))}
                  </ul>
                </div>
              ) : null}
            </CommentView>
          ))}
        </ul>
      )}
      {after ? (
        <button type="button" className="btn ghost" onClick={() => load(after)}>
          {t('comments.more')}
        </button>
      ) : null}
    </section>
  );
}
