import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  StudioDeleteVideoDocument,
  StudioPublishVideoDocument,
  StudioUpdateVideoDocument,
  StudioVideoDocument,
  type Audience,
  type PlanTier,
  type VideoVisibility,
} from '@vp/client/src/gql/graphql';
import { useState, type FormEvent } from 'react';
import { messageOf, useApp } from '../app';
import { Link, navigate } from '../router';
import { ThumbnailPicker } from './thumbnail-picker';

export function VideoPage({ id }: { id: string }) {
  const { t, locale, config } = useApp();
  const client = useApolloClient();
  const { data, loading, error } = useQuery(StudioVideoDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const video = data?.video;
  if (loading && !data) {
    return <p>{t('common.loading')}</p>;
  }
  if (error || !video) {
    return <p role="alert">{error ? messageOf(error, t) : t('common.error')}</p>;
  }
  const act = async (action: () => Promise<unknown>, done: string) => {
    setFailure(null);
    setStatus(null);
    try {
      await action();
      setStatus(done);
    } catch (caught) {
      setFailure(messageOf(caught, t));
    }
  };
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tags = String(form.get('tags') ?? '')
      .split(',')
      .map(tag => tag.trim())
      .filter(Boolean);
    void act(
      () =>
        client.mutate({
          mutation: StudioUpdateVideoDocument,
          variables: {
            id,
            input: {
              title: String(form.get('title')),
              description: String(form.get('description')),
              tags,
              visibility: form.get('visibility') as VideoVisibility,
              requiredPlan: form.get('requiredPlan') as PlanTier,
              audience: form.get('audience') as Audience,
            },
          },
        }),
      t('common.saved'),
    );
  };
  const publishedAt = video.publishedAt ? new Date(video.publishedAt).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US') : null;
  const scheduled = !!video.publishedAt && new Date(video.publishedAt).getTime() > Date.now();
  const schedule = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // datetime-local is the creator's local time
    const at = new Date(String(new FormData(event.currentTarget).get('at')));
    if (Number.isNaN(at.getTime())) {
      return;
    }
    void act(() => client.mutate({ mutation: StudioPublishVideoDocument, variables: { id, at: at.toISOString() } }), t('common.saved'));
  };
  return (
    <section>
      <p>
        <Link href="/videos">{t('video.back')}</Link>
      </p>
      <h1>{t('video.edit')}</h1>
      <p>
        {video.status}
        {publishedAt && (
          <>
            {' · '}
            <span data-testid="published-at">{t(scheduled ? 'video.scheduledAt' : 'video.publishedAt', { at: publishedAt })}</span>
            {' · '}
            <a href={`${config.webUrl}/watch/${video.id}`}>{config.webUrl}/watch/{video.id}</a>
          </>
        )}
      </p>
      {video.takenDownAt && (
        <p role="alert" className="error" data-testid="taken-down">
          {t('video.takenDown', { reason: video.takedownReason ?? '' })}
        </p>
      )}
      {video.thumbnailUrl && <img src={video.thumbnailUrl} alt={t('video.currentThumbnail')} width={320} className="thumb" data-testid="poster" />}
      <form onSubmit={save} className="form" key={video.id}>
        <label>
          {t('video.titleField')}
          <input name="title" defaultValue={video.title} maxLength={100} required />
        </label>
        <label>
          {t('video.description')}
          <textarea name="description" defaultValue={video.description} rows={5} maxLength={5000} />
        </label>
        <label>
          {t('video.tags')}
          <input name="tags" defaultValue={video.tags.join(', ')} />
        </label>
        <label>
          {t('video.visibility')}
          <select name="visibility" defaultValue={video.visibility}>
            <option value="PUBLIC">PUBLIC</option>
            <option value="UNLISTED">UNLISTED</option>
            <option value="PRIVATE">PRIVATE</option>
          </select>
        </label>
        <label>
          {t('video.plan')}
          <select name="requiredPlan" defaultValue={video.requiredPlan}>
            <option value="FREE">FREE</option>
            <option value="PREMIUM">PREMIUM</option>
            <option value="PREMIUM_PLUS">PREMIUM_PLUS</option>
          </select>
        </label>
        <label>
          {t('video.audience')}
          <select name="audience" defaultValue={video.audience}>
            <option value="GENERAL">GENERAL</option>
            <option value="ADULT">ADULT</option>
          </select>
        </label>
        <button type="submit">{t('common.save')}</button>
      </form>
      <div className="actions">
        {(!video.publishedAt || scheduled) && (
          <button
            type="button"
            disabled={video.status !== 'READY'}
            onClick={() => void act(() => client.mutate({ mutation: StudioPublishVideoDocument, variables: { id } }), t('common.saved'))}
          >
            {t('video.publish')}
          </button>
        )}
        {video.status !== 'READY' && <span className="muted"> {t('video.notReady')}</span>}
        {video.status === 'READY' && (!video.publishedAt || scheduled) && (
          <form className="inline" onSubmit={schedule}>
            <label>
              {t('video.scheduleAt')}
              <input name="at" type="datetime-local" required />
            </label>
            <button type="submit">{t('video.schedule')}</button>
          </form>
        )}
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('video.delete')}
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-modal="false" aria-labelledby="confirm-delete" className="confirm">
          <p id="confirm-delete">{t('video.confirmDelete', { title: video.title })}</p>
          <button
            type="button"
            className="danger"
            onClick={() =>
              void act(async () => {
                await client.mutate({ mutation: StudioDeleteVideoDocument, variables: { id } });
                await client.refetchQueries({ include: 'active' });
                navigate('/videos');
              }, t('video.deleted'))
            }
          >
            {t('common.delete')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} autoFocus>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {video.status === 'READY' && video.storyboard && <ThumbnailPicker videoId={video.id} storyboard={video.storyboard} />}
      {status && <p role="status">{status}</p>}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </section>
  );
}
