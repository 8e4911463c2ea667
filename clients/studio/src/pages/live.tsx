import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import {
  StudioAppointModeratorDocument,
  StudioBanFromChatDocument,
  StudioChatAddedDocument,
  StudioChatDeletedDocument,
  StudioChatDocument,
  StudioCreateLiveStreamDocument,
  StudioDeleteChatMessageDocument,
  StudioLiveStreamDocument,
  StudioLiveStreamsDocument,
  StudioRotateStreamKeyDocument,
  StudioSetSlowModeDocument,
  StudioViewerCountDocument,
  type StudioStreamFragment,
} from '@vp/client/src/gql/graphql';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { chatReplaySince } from '@vp/client/src/chat';
import { messageOf, useApp } from '../app';
import { Link, navigate } from '../router';

/**
 * The stream key can be read only in the answer of createLiveStream or rotateStreamKey: it is kept
 * here in memory for this page view (never stored), so that moving from the list to the stream's
 * page still shows it once.
 */
const freshKeys = new Map<string, string>();

export function LivePage() {
  const { t } = useApp();
  const client = useApolloClient();
  const { data, error } = useQuery(StudioLiveStreamsDocument, { fetchPolicy: 'cache-and-network' });
  const [failure, setFailure] = useState<string | null>(null);
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFailure(null);
    try {
      const result = await client.mutate({
        mutation: StudioCreateLiveStreamDocument,
        variables: { input: { title: String(form.get('title') ?? '') } },
      });
      const stream = result.data!.createLiveStream;
      if (stream.ingest?.streamKey) {
        freshKeys.set(stream.id, stream.ingest.streamKey);
      }
      navigate(`/live/${stream.id}`);
    } catch (caught) {
      setFailure(messageOf(caught, t));
    }
  };
  const streams = data?.me.liveStreams.edges.map(edge => edge.node) ?? [];
  return (
    <section>
      <h1>{t('live.title')}</h1>
      <form className="inline" onSubmit={event => void create(event)}>
        <label>
          {t('live.streamTitle')}
          <input name="title" required maxLength={100} />
        </label>
        <button type="submit">{t('live.create')}</button>
      </form>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {error && <p role="alert">{messageOf(error, t)}</p>}
      <h2>{t('live.past')}</h2>
      {data && streams.length === 0 && <p>{t('common.none')}</p>}
      <ul className="list">
        {streams.map(stream => (
          <li key={stream.id}>
            <Link href={`/live/${stream.id}`}>{stream.title}</Link> · {stream.status}
            {stream.recording && ` · ${t('live.recording')}: ${stream.recording.status}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LiveStreamPage({ id }: { id: string }) {
  const { t } = useApp();
  const { data, error } = useQuery(StudioLiveStreamDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const stream = data?.liveStream;
  if (error) {
    return <p role="alert">{messageOf(error, t)}</p>;
  }
  if (!stream) {
    return <p>{t('common.loading')}</p>;
  }
  return (
    <section>
      <p>
        <Link href="/live">{t('live.title')}</Link>
      </p>
      <h1>{stream.title}</h1>
      <p>
        {t('live.status')}: <span data-testid="stream-status">{stream.status}</span>
      </p>
      <Ingest stream={stream} />
      <ViewerCount id={id} peak={stream.peakViewerCount} initial={stream.viewerCount} />
      <Chat streamId={id} slowMode={stream.chatSlowModeSeconds} />
    </section>
  );
}

function Ingest({ stream }: { stream: StudioStreamFragment }) {
  const { t } = useApp();
  const client = useApolloClient();
  const [key, setKey] = useState<string | null>(() => freshKeys.get(stream.id) ?? stream.ingest?.streamKey ?? null);
  const [revealed, setRevealed] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // shown once: forgotten as soon as it is on screen, so a later visit shows only the hint
  useEffect(() => {
    freshKeys.delete(stream.id);
  }, [stream.id]);
  const rtmpUrl = stream.ingest?.rtmpUrl ?? '';
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(t('live.copied'));
    } catch {
      setNote(null);
    }
  };
  const rotate = async () => {
    if (!confirm(t('live.confirmRotate'))) {
      return;
    }
    try {
      const result = await client.mutate({ mutation: StudioRotateStreamKeyDocument, variables: { id: stream.id } });
      setKey(result.data!.rotateStreamKey.ingest?.streamKey ?? null);
      setRevealed(false);
    } catch (caught) {
      setNote(messageOf(caught, t));
    }
  };
  return (
    <div className="ingest">
      <dl>
        <dt>{t('live.rtmpUrl')}</dt>
        <dd>
          <code data-testid="rtmp-url">{rtmpUrl}</code>{' '}
          <button type="button" onClick={() => void copy(rtmpUrl)}>
            {t('live.copy')}
          </button>
        </dd>
        <dt>{t('live.streamKey')}</dt>
        <dd>
          {key ? (
            <>
              <code data-testid="stream-key">{revealed ? key : '•'.repeat(Math.min(key.length, 24))}</code>{' '}
              <button type="button" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
                {revealed ? t('live.hide') : t('live.reveal')}
              </button>{' '}
              <button type="button" onClick={() => void copy(key)}>
                {t('live.copy')}
              </button>
              <p className="muted">{t('live.keyOnce')}</p>
            </>
          ) : (
            <p className="muted" data-testid="stream-key-hint">
              {t('live.keyHidden', { hint: stream.ingest?.streamKeyHint ?? '' })}
            </p>
          )}
          <button type="button" onClick={() => void rotate()}>
            {t('live.rotate')}
          </button>
        </dd>
      </dl>
      <p className="muted">{t('live.obs')}</p>
      <pre className="muted">ffmpeg -re -i input.mp4 -c:v libx264 -preset veryfast -b:v 3000k -c:a aac -f flv "{rtmpUrl}/&lt;key&gt;"</pre>
      {note && <p role="status">{note}</p>}
    </div>
  );
}

function ViewerCount({ id, peak, initial }: { id: string; peak: number; initial: number }) {
  const { t } = useApp();
  const { data } = useSubscription(StudioViewerCountDocument, { variables: { streamId: id } });
  const count = data?.viewerCountChanged ?? initial;
  return <p aria-live="polite">{t('live.viewers', { count, peak: Math.max(peak, count) })}</p>;
}

interface Line {
  id: string;
  body: string;
  kind: string;
  tipAmountJpy?: number | null;
  author: { id: string; handle: string; displayName: string };
}

function Chat({ streamId, slowMode }: { streamId: string; slowMode: number }) {
  const { t, yen } = useApp();
  const client = useApolloClient();
  const history = useQuery(StudioChatDocument, { variables: { streamId }, fetchPolicy: 'network-only' });
  const [lines, setLines] = useState<Line[]>([]);
  const [note, setNote] = useState<string | null>(null);
  // the history and the subscriptions start together: the subscriptions replay from before the
  // history was read, and the history joins what already arrived rather than replacing it
  const [since] = useState(() => chatReplaySince(Date.now()));
  const deleted = useRef(new Set<string>());
  useEffect(() => {
    if (history.data) {
      const read = history.data.chatMessages.edges.map(edge => edge.node).filter(line => !deleted.current.has(line.id));
      setLines(current => [...read, ...current.filter(line => !read.some(old => old.id === line.id))].slice(-200));
    }
  }, [history.data]);
  useSubscription(StudioChatAddedDocument, {
    variables: { streamId, since },
    onData: ({ data }) => {
      const line = data.data?.chatMessageAdded;
      if (line) {
        setLines(current => (current.some(l => l.id === line.id) ? current : [...current, line].slice(-200)));
      }
    },
  });
  useSubscription(StudioChatDeletedDocument, {
    variables: { streamId, since },
    onData: ({ data }) => {
      const gone = data.data?.chatMessageDeleted.messageId;
      if (gone) {
        deleted.current.add(gone);
        setLines(current => current.filter(line => line.id !== gone));
      }
    },
  });
  const act = async (action: () => Promise<unknown>) => {
    setNote(null);
    try {
      await action();
    } catch (caught) {
      setNote(messageOf(caught, t));
    }
  };
  return (
    <section aria-labelledby="chat-title" className="chat">
      <h2 id="chat-title">{t('live.chat')}</h2>
      <form
        className="inline"
        onSubmit={event => {
          event.preventDefault();
          const seconds = Number(new FormData(event.currentTarget).get('seconds'));
          void act(() => client.mutate({ mutation: StudioSetSlowModeDocument, variables: { id: streamId, seconds } }));
        }}
      >
        <label>
          {t('live.slowMode')}
          <input name="seconds" type="number" min={0} max={300} defaultValue={slowMode} />
        </label>
        <button type="submit">{t('common.save')}</button>
      </form>
      <ul className="chat-lines" data-testid="chat-lines">
        {lines.map(line => (
          <li key={line.id} data-testid="chat-line">
            <strong>{line.author.displayName}</strong> {line.kind === 'TIP' && line.tipAmountJpy ? <em>{yen(line.tipAmountJpy)} </em> : null}
            <span>{line.body}</span>{' '}
            <button
              type="button"
              aria-label={`${t('common.delete')}: ${line.body}`}
              onClick={() => void act(() => client.mutate({ mutation: StudioDeleteChatMessageDocument, variables: { id: line.id } }))}
            >
              {t('common.delete')}
            </button>{' '}
            <button
              type="button"
              onClick={() =>
                void act(() => client.mutate({ mutation: StudioBanFromChatDocument, variables: { streamId, userId: line.author.id, seconds: 600 } }))
              }
            >
              {t('live.ban')}
            </button>{' '}
            <button
              type="button"
              onClick={() => void act(() => client.mutate({ mutation: StudioAppointModeratorDocument, variables: { streamId, userId: line.author.id } }))}
            >
              {t('live.mod')}
            </button>
          </li>
        ))}
      </ul>
      {note && <p role="alert">{note}</p>}
    </section>
  );
}
