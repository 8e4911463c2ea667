import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  StudioAddCommentDocument,
  StudioDeleteCommentDocument,
  StudioVideoCommentsDocument,
  StudioVideosDocument,
} from '@vp/client/src/gql/graphql';
import { useCallback, useEffect, useState } from 'react';
import { messageOf, useApp } from '../app';

interface Row {
  id: string;
  body?: string | null;
  createdAt: string;
  author?: { id: string; handle: string; displayName: string } | null;
  video: { id: string; title: string };
}

/** The channel's newest comments: those of each video that has any, merged newest first. */
export function CommentsPage() {
  const { t, locale } = useApp();
  const client = useApolloClient();
  const videos = useQuery(StudioVideosDocument, { variables: { first: 50 }, fetchPolicy: 'network-only' });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const load = useCallback(async () => {
    const withComments = (videos.data?.me.videos.edges ?? []).map(edge => edge.node).filter(video => video.commentCount > 0);
    const answers = await Promise.all(
      withComments.map(video => client.query({ query: StudioVideoCommentsDocument, variables: { id: video.id }, fetchPolicy: 'network-only' })),
    );
    setRows(
      answers
        .flatMap(({ data }) =>
          data?.video ? (data.video.comments?.edges ?? []).map(({ node }) => ({ ...node, video: { id: data.video!.id, title: data.video!.title } })) : [],
        )
        .filter(comment => !comment.deleted)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 100),
    );
  }, [client, videos.data]);
  useEffect(() => {
    if (videos.data) {
      load().catch(error => setNote(messageOf(error, t)));
    }
  }, [videos.data, load, t]);
  const act = async (action: () => Promise<unknown>) => {
    setNote(null);
    try {
      await action();
      await load();
    } catch (caught) {
      setNote(messageOf(caught, t));
    }
  };
  return (
    <section>
      <h1>{t('comments.title')}</h1>
      {videos.error && <p role="alert">{messageOf(videos.error, t)}</p>}
      {!rows && !videos.error && <p>{t('common.loading')}</p>}
      {rows && rows.length === 0 && <p>{t('common.none')}</p>}
      <ul className="list comments">
        {rows?.map(comment => (
          <li key={comment.id}>
            <p>
              <strong>{comment.author?.displayName}</strong>{' '}
              <span className="muted">
                {t('comments.on', { title: comment.video.title })} · {new Date(comment.createdAt).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US')}
              </span>
            </p>
            <p>{comment.body}</p>
            <form
              className="inline"
              onSubmit={event => {
                event.preventDefault();
                const form = event.currentTarget;
                const body = String(new FormData(form).get('body') ?? '');
                void act(async () => {
                  await client.mutate({ mutation: StudioAddCommentDocument, variables: { input: { videoId: comment.video.id, body, parentId: comment.id } } });
                  form.reset();
                });
              }}
            >
              <label>
                <span className="sr-only">{t('comments.replyTo', { name: comment.author?.displayName ?? '' })}</span>
                <input name="body" required maxLength={2000} placeholder={t('comments.reply')} />
              </label>
              <button type="submit">{t('comments.send')}</button>{' '}
              <button type="button" onClick={() => void act(() => client.mutate({ mutation: StudioDeleteCommentDocument, variables: { id: comment.id } }))}>
                {t('common.delete')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {note && <p role="alert">{note}</p>}
    </section>
  );
}
