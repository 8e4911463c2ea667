import { useApolloClient } from '@apollo/client/react';
import { useLastingSubscription } from '@vp/client/src/hooks';
import {
  StudioCompleteUploadDocument,
  StudioCreateUploadDocument,
  StudioResumeUploadDocument,
  StudioUpdateVideoDocument,
  StudioVideoProcessingDocument,
  type StudioVideoProcessingSubscription,
} from '@vp/client/src/gql/graphql';
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { messageOf, useApp } from '../app';
import { formatBytes, formatDuration } from '../i18n';
import { Link } from '../router';
import { matchPending, pendingUploads, sendFile, type PendingUpload, type Progress } from '../upload/transfer';

type Phase = 'starting' | 'uploading' | 'processing' | 'ready' | 'failed';

interface Item {
  key: number;
  file: File;
  phase: Phase;
  progress: Progress;
  videoId?: string;
  error?: string;
}

const titleOf = (name: string) => name.replace(/\.[^.]+$/, '').slice(0, 100) || 'Untitled';

export function UploadPage() {
  const { t } = useApp();
  const client = useApolloClient();
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const nextKey = useRef(1);

  const update = (key: number, change: Partial<Item>) =>
    setItems(current => current.map(item => (item.key === key ? { ...item, ...change } : item)));

  const [pending, setPending] = useState<PendingUpload[]>(() => pendingUploads.list());

  const run = async (item: Item, resume?: PendingUpload) => {
    const { key, file } = item;
    try {
      let videoId: string;
      let target;
      if (resume) {
        videoId = resume.videoId;
        update(key, { videoId, phase: 'uploading' });
        target = (await client.mutate({ mutation: StudioResumeUploadDocument, variables: { id: videoId } })).data!.resumeUpload;
      } else {
        const { data } = await client.mutate({
          mutation: StudioCreateUploadDocument,
          variables: {
            input: { filename: file.name, contentType: file.type || 'video/mp4', sizeBytes: file.size, title: titleOf(file.name) },
          },
        });
        videoId = data!.createUpload.video.id;
        target = data!.createUpload.upload;
        update(key, { videoId, phase: 'uploading' });
      }
      // remembered until completed, so that a reload can pick it up where it stopped
      pendingUploads.add({ videoId, name: file.name, sizeBytes: file.size, lastModified: file.lastModified });
      await sendFile(target, file, progress => update(key, { progress }));
      await client.mutate({ mutation: StudioCompleteUploadDocument, variables: { id: videoId } });
      pendingUploads.remove(videoId);
      setPending(pendingUploads.list());
      update(key, { phase: 'processing' });
    } catch (error) {
      update(key, { phase: 'failed', error: messageOf(error, t) });
    }
  };

  const add = (files: FileList | File[]) => {
    const added = Array.from(files).map(file => ({
      key: nextKey.current++,
      file,
      phase: 'starting' as Phase,
      progress: { sentBytes: 0, totalBytes: file.size, bytesPerSecond: 0, secondsLeft: Infinity },
    }));
    setItems(current => [...current, ...added]);
    const waiting = pendingUploads.list();
    added.forEach(item => {
      const resume = matchPending(waiting, item.file);
      if (resume) {
        setPending(current => current.filter(p => p.videoId !== resume.videoId));
      }
      void run(item, resume ?? undefined);
    });
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files.length) {
      add(event.dataTransfer.files);
    }
  };

  return (
    <section>
      <h1>{t('upload.title')}</h1>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={event => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>{t('upload.drop')}</p>
        <label className="button">
          {t('upload.pick')}
          <input
            type="file"
            accept="video/*"
            multiple
            className="sr-only"
            aria-label={t('upload.input')}
            data-testid="upload-input"
            onChange={event => {
              if (event.target.files?.length) {
                add(event.target.files);
              }
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {pending.length > 0 && (
        <section aria-labelledby="interrupted" className="interrupted">
          <h2 id="interrupted">{t('upload.interrupted')}</h2>
          <p className="muted">{t('upload.resumeHint')}</p>
          <ul>
            {pending.map(upload => (
              <li key={upload.videoId} data-testid="pending-upload">
                {upload.name} ({formatBytes(upload.sizeBytes)}){' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    pendingUploads.remove(upload.videoId);
                    setPending(pendingUploads.list());
                  }}
                >
                  {t('upload.forget')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ul className="uploads">
        {items.map(item => (
          <UploadRow key={item.key} item={item} onRetry={() => void run({ ...item, phase: 'starting' }, item.videoId ? { videoId: item.videoId, name: item.file.name, sizeBytes: item.file.size, lastModified: item.file.lastModified } : undefined)} onProcessed={(phase, error) => update(item.key, { phase, error })} />
        ))}
      </ul>
    </section>
  );
}

function UploadRow({ item, onRetry, onProcessed }: { item: Item; onRetry: () => void; onProcessed: (phase: Phase, error?: string) => void }) {
  const { t } = useApp();
  const { progress } = item;
  const percent = progress.totalBytes ? Math.floor((progress.sentBytes / progress.totalBytes) * 100) : 0;
  return (
    <li className="upload" data-testid="upload-row">
      <strong>{item.file.name}</strong>
      <div className="bar-line">
        <progress max={100} value={percent} aria-label={t('upload.progress', { name: item.file.name })} data-testid="upload-progress" />
        <span data-testid="upload-percent">{percent}%</span>
      </div>
      <p className="muted" aria-live="polite">
        {t('upload.sent', { sent: formatBytes(progress.sentBytes), total: formatBytes(progress.totalBytes) })}
        {item.phase === 'uploading' && (
          <>
            {' · '}
            {t('upload.speed', { speed: formatBytes(progress.bytesPerSecond) })}
            {' · '}
            {t('upload.left', { time: formatDuration(progress.secondsLeft) })}
          </>
        )}
      </p>
      {(item.phase === 'processing' || item.phase === 'ready') && item.videoId && (
        <Processing videoId={item.videoId} name={item.file.name} onDone={onProcessed} />
      )}
      {item.phase === 'failed' && (
        <p role="alert" className="error">
          {t('upload.failed', { reason: item.error ?? '' })}{' '}
          {(
            <button type="button" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
        </p>
      )}
      {item.videoId && item.phase !== 'failed' && <DetailsForm videoId={item.videoId} initialTitle={titleOf(item.file.name)} />}
    </li>
  );
}

function Processing({ videoId, name, onDone }: { videoId: string; name: string; onDone: (phase: Phase, error?: string) => void }) {
  const { t } = useApp();
  // the platform ends the subscription at READY or FAILED; before that, a restart of the videos
  // subgraph ends it too, and it is opened again (it starts with the current state)
  const [state, setState] = useState<StudioVideoProcessingSubscription['videoProcessing']>();
  const status = state?.status;
  useLastingSubscription(StudioVideoProcessingDocument, {
    variables: { id: videoId },
    skip: status === 'READY' || status === 'FAILED',
    onData: ({ data }) => data.data && setState(data.data.videoProcessing),
  });
  useEffect(() => {
    if (status === 'READY') {
      onDone('ready');
    } else if (status === 'FAILED') {
      onDone('failed', state?.failureReason ?? undefined);
    }
  }, [status]);
  const percent = status === 'READY' ? 100 : (state?.percent ?? 0);
  return (
    <div className="bar-line">
      <progress max={100} value={percent} aria-label={t('upload.processingBar', { name })} data-testid="processing-progress" />
      <span data-testid="processing-status">{status === 'READY' ? t('upload.ready') : t('upload.processing', { percent })}</span>
    </div>
  );
}

function DetailsForm({ videoId, initialTitle }: { videoId: string; initialTitle: string }) {
  const { t } = useApp();
  const client = useApolloClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      await client.mutate({
        mutation: StudioUpdateVideoDocument,
        variables: { id: videoId, input: { title: String(form.get('title')), description: String(form.get('description')) } },
      });
      setMessage(t('common.saved'));
    } catch (caught) {
      setError(messageOf(caught, t));
    }
  };
  return (
    <form className="details" onSubmit={event => void submit(event)} aria-label={t('upload.details')}>
      <label>
        {t('video.titleField')}
        <input name="title" defaultValue={initialTitle} maxLength={100} required />
      </label>
      <label>
        {t('video.description')}
        <textarea name="description" rows={2} maxLength={5000} />
      </label>
      <button type="submit">{t('common.save')}</button> <Link href={`/videos/${videoId}`}>{t('upload.edit')}</Link>
      {message && <span role="status"> {message}</span>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
