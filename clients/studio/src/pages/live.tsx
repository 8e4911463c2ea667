import { useApolloClient, useQuery } from '@apollo/client/react';
import { useLastingSubscription } from '@vp/client/src/hooks';
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
  StudioRemoveModeratorDocument,
  StudioEndLiveStreamDocument,
  StudioRotateStreamKeyDocument,
  StudioSetSlowModeDocument,
  StudioUnbanFromChatDocument,
  StudioViewerCountDocument,
  type StudioStreamFragment,
} from '@vp/client/src/gql/graphql';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chatReplaySince } from '@vp/client/src/chat';
import { attachHls, type AttachedSource } from '@vp/client/src/hls-source';
import { messageOf, useApp } from '../app';
import { Link, navigate } from '../router';

/**
 * The stream key can be read only in the answer of createLiveStream or rotateStreamKey: it is kept
 * here in memory for this page view (never stored), so that moving from the list to the stream's
 * page still shows it once.
 */
const freshKeys = new Map<string, string>();

/**
 * A stream's recording: its id is the id of the video it becomes, which the videos subgraph has once
 * the recording is handed off (then it is edited and published like any upload).
 */
function Recording({ recording, title }: { recording: StudioStreamFragment['recording']; title: string }) {
  const { t } = useApp();
  if (!recording) {
    return null;
  }
  if (recording.status === 'HANDED_OFF') {
    return (
      <>
        {' · '}
        <Link href={`/videos/${recording.id}`} aria-label={t('live.recordingOf', { title })}>
          {t('live.recordingLink')}
        </Link>
      </>
    );
  }
  return <span data-testid="recording-status">{` · ${t(recording.status === 'FAILED' ? 'live.recordingFailed' : 'live.recordingNow')}`}</span>;
}

export function LivePage() {
  const { t, locale } = useApp();
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
          <li key={stream.id} data-testid="stream-row">
            <Link href={`/live/${stream.id}`}>{stream.title}</Link> · {stream.status}
            {stream.endedAt && ` · ${new Date(stream.endedAt).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US')}`}
            <Recording recording={stream.recording} title={stream.title} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LiveStreamPage({ id }: { id: string }) {
  const { t } = useApp();
  const { data, error, startPolling, stopPolling } = useQuery(StudioLiveStreamDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const stream = data?.liveStream;
  // no subscription tells when a stream goes on or off air: its status is read again every few seconds
  const ended = stream?.status === 'ENDED';
  useEffect(() => {
    if (ended) {
      return undefined;
    }
    startPolling(5000);
    return () => stopPolling();
  }, [ended]);
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
        {t('live.status')}: <span data-testid="stream-status">{stream.status}</span>{' '}
        {!ended && <EndStream id={id} />}
      </p>
      {stream.status === 'LIVE' && stream.playback && <Preview hlsUrl={stream.playback.hlsUrl} />}
      <Ingest stream={stream} />
      <ViewerCount id={id} peak={stream.peakViewerCount} initial={stream.viewerCount} />
      {stream.recording && (
        <p>
          {t('live.recording')}
          <Recording recording={stream.recording} title={stream.title} />
        </p>
      )}
      <Chat streamId={id} slowMode={stream.chatSlowModeSeconds} />
    </section>
  );
}

function EndStream({ id }: { id: string }) {
  const { t } = useApp();
  const client = useApolloClient();
  const [note, setNote] = useState<string | null>(null);
  const end = async () => {
    if (!confirm(t('live.confirmEnd'))) {
      return;
    }
    try {
      await client.mutate({ mutation: StudioEndLiveStreamDocument, variables: { id } });
    } catch (caught) {
      setNote(messageOf(caught, t));
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => void end()}>
        {t('live.end')}
      </button>
      {note && <span role="alert">{note}</span>}
    </>
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

/**
 * The stream as viewers get it, muted, through hls.js (the web app's player helper). It is attached
 * once per visit: the polled query signs a new URL every time, and the one in use stays valid; a
 * fatal error (an expired URL, a publisher that reconnected) attaches again with the newest one.
 */
function Preview({ hlsUrl }: { hlsUrl: string }) {
  const { t } = useApp();
  const videoRef = useRef<HTMLVideoElement>(null);
  const latest = useRef(hlsUrl);
  latest.current = hlsUrl;
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) {
      return undefined;
    }
    let source: AttachedSource | null = null;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    void attachHls(video, latest.current, {
      live: true,
      onFatalError: () => {
        retry = setTimeout(() => setAttempt(current => current + 1), 3000);
      },
    }).then(attached => {
      if (cancelled) {
        attached.destroy();
        return;
      }
      source = attached;
      video.muted = true;
      void video.play().catch(() => undefined);
    });
    return () => {
      cancelled = true;
      clearTimeout(retry);
      source?.destroy();
    };
  }, [attempt]);
  return (
    <figure className="preview">
      <video ref={videoRef} muted playsInline controls width={480} aria-label={t('live.preview')} data-testid="preview" />
      <figcaption className="muted">{t('live.previewNote')}</figcaption>
    </figure>
  );
}

interface ViewerSample {
  at: number;
  time: string;
  viewers: number;
}

/** How many watch now, and a line of every value `viewerCountChanged` sent since the page opened. */
function ViewerCount({ id, peak, initial }: { id: string; peak: number; initial: number }) {
  const { t, locale } = useApp();
  const [samples, setSamples] = useState<ViewerSample[]>([]);
  useLastingSubscription(StudioViewerCountDocument, {
    variables: { streamId: id },
    onData: ({ data }) => {
      const viewers = data.data?.viewerCountChanged;
      if (typeof viewers === 'number') {
        const at = Date.now();
        const time = new Date(at).toLocaleTimeString(locale === 'ja' ? 'ja-JP' : 'en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
        setSamples(current => [...current, { at, time, viewers }].slice(-720));
      }
    },
  });
  const count = samples.at(-1)?.viewers ?? initial;
  const top = Math.max(peak, ...samples.map(sample => sample.viewers), count);
  return (
    <>
      <p aria-live="polite" data-testid="viewers-now">
        {t('live.viewers', { count, peak: top })}
      </p>
      {samples.length > 0 && (
        <figure className="chart" data-testid="viewer-chart">
          <figcaption>{t('live.viewersOverTime')}</figcaption>
          <div role="img" aria-label={t('live.viewersChart', { count: samples.length, now: count, peak: top })}>
            <ResponsiveContainer width="100%" height={160}>
              <LineChart data={samples} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="time" fontSize={11} minTickGap={24} />
                <YAxis fontSize={11} width={40} allowDecimals={false} />
                <Tooltip />
                <Line type="stepAfter" dataKey="viewers" stroke="#2563eb" dot={samples.length < 3} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
    </>
  );
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
  useLastingSubscription(StudioChatAddedDocument, {
    variables: { streamId, since },
    onData: ({ data }) => {
      const line = data.data?.chatMessageAdded;
      if (line) {
        setLines(current => (current.some(l => l.id === line.id) ? current : [...current, line].slice(-200)));
      }
    },
  });
  useLastingSubscription(StudioChatDeletedDocument, {
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
  // who was banned or made a moderator from this page (the graph lists neither), so it can be undone
  const [banned, setBanned] = useState<Map<string, string>>(new Map());
  const [moderators, setModerators] = useState<Map<string, string>>(new Map());
  const toggled = (map: Map<string, string>, userId: string, name: string | null) => {
    const next = new Map(map);
    if (name === null) {
      next.delete(userId);
    } else {
      next.set(userId, name);
    }
    return next;
  };
  const ban = (userId: string, name: string) =>
    act(async () => {
      await client.mutate({ mutation: StudioBanFromChatDocument, variables: { streamId, userId, seconds: 600 } });
      setBanned(current => toggled(current, userId, name));
    });
  const unban = (userId: string) =>
    act(async () => {
      await client.mutate({ mutation: StudioUnbanFromChatDocument, variables: { streamId, userId } });
      setBanned(current => toggled(current, userId, null));
    });
  const appoint = (userId: string, name: string) =>
    act(async () => {
      await client.mutate({ mutation: StudioAppointModeratorDocument, variables: { streamId, userId } });
      setModerators(current => toggled(current, userId, name));
    });
  const dismiss = (userId: string) =>
    act(async () => {
      await client.mutate({ mutation: StudioRemoveModeratorDocument, variables: { streamId, userId } });
      setModerators(current => toggled(current, userId, null));
    });
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
            {banned.has(line.author.id) ? (
              <button type="button" aria-label={t('live.unbanName', { name: line.author.displayName })} onClick={() => void unban(line.author.id)}>
                {t('live.unban')}
              </button>
            ) : (
              <button type="button" aria-label={t('live.banName', { name: line.author.displayName })} onClick={() => void ban(line.author.id, line.author.displayName)}>
                {t('live.ban')}
              </button>
            )}{' '}
            {moderators.has(line.author.id) ? (
              <button type="button" aria-label={t('live.unmodName', { name: line.author.displayName })} onClick={() => void dismiss(line.author.id)}>
                {t('live.unmod')}
              </button>
            ) : (
              <button type="button" aria-label={t('live.modName', { name: line.author.displayName })} onClick={() => void appoint(line.author.id, line.author.displayName)}>
                {t('live.mod')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {(banned.size > 0 || moderators.size > 0) && (
        <section aria-labelledby="moderation-title" className="moderation">
          <h3 id="moderation-title">{t('live.moderation')}</h3>
          <ul className="list">
            {[...banned].map(([userId, name]) => (
              <li key={`ban-${userId}`} data-testid="banned-user">
                {t('live.bannedUser', { name })}{' '}
                <button type="button" aria-label={t('live.unbanName', { name })} onClick={() => void unban(userId)}>
                  {t('live.unban')}
                </button>
              </li>
            ))}
            {[...moderators].map(([userId, name]) => (
              <li key={`mod-${userId}`} data-testid="moderator">
                {t('live.moderatorUser', { name })}{' '}
                <button type="button" aria-label={t('live.unmodName', { name })} onClick={() => void dismiss(userId)}>
                  {t('live.unmod')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {note && <p role="alert">{note}</p>}
    </section>
  );
}
