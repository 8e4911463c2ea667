'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  BanFromChatDocument,
  ChatMessageAddedDocument,
  ChatMessageDeletedDocument,
  DeleteChatMessageDocument,
  SendChatMessageDocument,
  SetSlowModeDocument,
  ViewerCountChangedDocument,
  type ChatLineFragment,
  type LivePageQuery,
} from '@vp/client/src/gql/graphql';
import { chatReplaySince } from '@vp/client/src/chat';
import { formatCount } from '@/lib/format';
import { Player } from './player';
import {
  errorOf,
  useGraphqlClient,
  useGraphqlSubscription,
  useLocale,
  useT,
  useViewer,
  useYen,
} from './providers';
import { TipButton } from './watch-actions';

type Stream = NonNullable<LivePageQuery['liveStream']>;

/** /live/<id>: the live player, chat over chatMessageAdded, the viewer count, tips and moderation. */
export function LiveRoom({
  stream,
  initialMessages,
  historyReadAt,
  playbackCode,
  notice,
  children,
}: {
  stream: Stream;
  initialMessages: ChatLineFragment[];
  /** When the server read `initialMessages` (ms). */
  historyReadAt: number;
  playbackCode?: string;
  notice: string | null;
  children: ReactNode;
}) {
  const t = useT();
  const yen = useYen();
  const locale = useLocale();
  const viewer = useViewer();
  const client = useGraphqlClient();
  const pathname = usePathname();
  const [messages, setMessages] = useState(initialMessages);
  const [viewers, setViewers] = useState(stream.viewerCount);
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [slowMode, setSlowMode] = useState(stream.chatSlowModeSeconds);
  const [slowInput, setSlowInput] = useState(String(stream.chatSlowModeSeconds));
  const log = useRef<HTMLOListElement>(null);
  // replay from the last message the page had (or, with none, from when the history was read):
  // a reconnect (graphql-ws retries with the same variables) replays from there too, and
  // duplicates are dropped by id
  const [after] = useState(() => initialMessages.at(-1)?.id ?? null);
  const [since] = useState(() => chatReplaySince(historyReadAt));
  const moderator = Boolean(
    viewer &&
    (viewer.id === stream.owner.id ||
      viewer.roles.includes('MODERATOR') ||
      viewer.roles.includes('ADMIN')),
  );

  const add = (message: ChatLineFragment) => {
    setMessages(list =>
      list.some(item => item.id === message.id) ? list : [...list.slice(-199), message],
    );
  };

  const newest = useRef<string | undefined>(undefined);
  newest.current = messages.at(-1)?.id;
  useGraphqlSubscription(ChatMessageAddedDocument, {
    variables: after ? { streamId: stream.id, after } : { streamId: stream.id, since },
    onData: ({ data }) => data.data?.chatMessageAdded && add(data.data.chatMessageAdded),
    // opened again after the platform ended it: replay from the newest message the page has
    resume: () =>
      newest.current
        ? { streamId: stream.id, after: newest.current }
        : { streamId: stream.id, since },
  });
  useGraphqlSubscription(ChatMessageDeletedDocument, {
    variables: { streamId: stream.id, since },
    resume: () => ({ streamId: stream.id, since: chatReplaySince(Date.now()) }),
    onData: ({ data }) => {
      const id = data.data?.chatMessageDeleted.messageId;
      if (id) {
        setMessages(list => list.filter(item => item.id !== id));
      }
    },
  });
  useGraphqlSubscription(ViewerCountChangedDocument, {
    variables: { streamId: stream.id },
    onData: ({ data }) =>
      typeof data.data?.viewerCountChanged === 'number' && setViewers(data.data.viewerCountChanged),
  });

  useEffect(() => {
    const element = log.current;
    if (element && element.scrollHeight - element.scrollTop - element.clientHeight < 120) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages]);

  const send = async () => {
    if (!body.trim()) {
      return;
    }
    setError('');
    try {
      const { data } = await client.mutate({
        mutation: SendChatMessageDocument,
        variables: { streamId: stream.id, body },
      });
      if (data?.sendChatMessage) {
        add(data.sendChatMessage);
      }
      setBody('');
    } catch (caught) {
      setError(errorOf(caught, t).message);
    }
  };

  const live = stream.status === 'LIVE';
  return (
    <div className="live">
      <div>
        {live && stream.playback ? (
          <Player src={stream.playback.hlsUrl} streamId={stream.id} title={stream.title} />
        ) : (
          <div className="player">
            <div className="gate">
              <div className="gate-box">
                <p>
                  {notice ??
                    (playbackCode === 'PAYMENT_REQUIRED'
                      ? t('watch.why.upgrade', { plan: t(`plan.${stream.requiredPlan}`) })
                      : t('watch.why.unavailable'))}
                </p>
                {playbackCode === 'PAYMENT_REQUIRED' ? (
                  <Link
                    className="btn gold"
                    href={
                      viewer
                        ? `/account?upgrade=${stream.requiredPlan}&next=${encodeURIComponent(pathname)}`
                        : `/sign-in?next=${encodeURIComponent(pathname)}`
                    }
                  >
                    {viewer ? t(`plan.${stream.requiredPlan}`) : t('nav.signIn')}
                  </Link>
                ) : null}
              </div>
            </div>
          </div>
        )}
        <div className="row" style={{ marginTop: 12 }}>
          {live ? <span className="pill live">{t('player.live')}</span> : null}
          <span className="viewer-count" data-testid="viewer-count" aria-live="polite">
            {t('live.viewers', { count: formatCount(viewers, locale) })}
          </span>
          <span className="spacer" style={{ flex: 1 }} />
          <TipButton targetId={stream.id} />
        </div>
        {children}
      </div>
      <section className="chat" aria-labelledby="chat-title">
        <div className="chat-head">
          <h2 id="chat-title" style={{ fontSize: '1rem' }}>
            {t('live.chat')}
          </h2>
          {slowMode > 0 ? (
            <span className="dim small">{t('live.slowMode', { seconds: slowMode })}</span>
          ) : null}
        </div>
        <ol className="chat-log" ref={log} aria-live="polite" data-testid="chat-log">
          {messages.length === 0 ? <li className="dim small">{t('live.chatEmpty')}</li> : null}
          {messages.map(message => {
            const mine = viewer?.id === message.author.id;
            const tip = message.kind === 'TIP';
            return (
              <li
                key={message.id}
                className={['chat-line', mine ? 'mine' : '', tip ? 'tip' : ''].join(' ')}
                data-testid="chat-line"
              >
                <span>
                  <span className="name">{message.author.displayName}</span>
                  {tip && message.tipAmountJpy != null ? (
                    <span className="amount">
                      {t('live.tipped', { amount: yen(message.tipAmountJpy) })}{' '}
                    </span>
                  ) : null}
                  <span>{message.body}</span>
                </span>
                {moderator ? (
                  <span className="mod">
                    <button
                      type="button"
                      className="btn small ghost"
                      aria-label={t('live.delete')}
                      title={t('live.delete')}
                      onClick={async () => {
                        await client
                          .mutate({
                            mutation: DeleteChatMessageDocument,
                            variables: { id: message.id },
                          })
                          .catch(() => undefined);
                        setMessages(list => list.filter(item => item.id !== message.id));
                      }}
                    >
                      ✕
                    </button>
                    {!mine ? (
                      <button
                        type="button"
                        className="btn small ghost"
                        aria-label={t('live.ban', { name: message.author.displayName })}
                        title={t('live.ban', { name: message.author.displayName })}
                        onClick={() =>
                          client
                            .mutate({
                              mutation: BanFromChatDocument,
                              variables: {
                                streamId: stream.id,
                                userId: message.author.id,
                                durationSeconds: 600,
                              },
                            })
                            .catch(() => undefined)
                        }
                      >
                        ⛔
                      </button>
                    ) : null}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
        {moderator ? (
          <form
            className="chat-form"
            aria-label={t('live.moderation')}
            onSubmit={async event => {
              event.preventDefault();
              try {
                const { data } = await client.mutate({
                  mutation: SetSlowModeDocument,
                  variables: { streamId: stream.id, seconds: Number(slowInput) || 0 },
                });
                setSlowMode(data?.setSlowMode.chatSlowModeSeconds ?? slowMode);
              } catch (caught) {
                setError(errorOf(caught, t).message);
              }
            }}
          >
            <label htmlFor="slow-mode" className="small" style={{ alignSelf: 'center' }}>
              {t('live.slowModeLabel')}
            </label>
            <input
              id="slow-mode"
              type="number"
              min={0}
              max={300}
              value={slowInput}
              onChange={event => setSlowInput(event.target.value)}
              style={{ width: 80, flex: 'none' }}
            />
            <button type="submit" className="btn small">
              {t('live.slowModeSet')}
            </button>
          </form>
        ) : null}
        {error ? (
          <p className="field-error" role="alert" style={{ padding: '0 12px' }}>
            {error}
          </p>
        ) : null}
        {viewer ? (
          <form
            className="chat-form"
            onSubmit={event => {
              event.preventDefault();
              void send();
            }}
          >
            <label htmlFor="chat-input" className="visually-hidden">
              {t('live.chatLabel')}
            </label>
            <input
              id="chat-input"
              type="text"
              value={body}
              maxLength={500}
              placeholder={t('live.chatLabel')}
              onChange={event => setBody(event.target.value)}
              autoComplete="off"
              data-testid="chat-input"
            />
            <button type="submit" className="btn primary small" disabled={!body.trim()}>
              {t('live.send')}
            </button>
          </form>
        ) : (
          <p className="chat-form">
            <Link
              href={`/sign-in?next=${encodeURIComponent(pathname)}`}
              style={{ color: '#8ab4ff' }}
            >
              {t('live.signInToChat')}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
