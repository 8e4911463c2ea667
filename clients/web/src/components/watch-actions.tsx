'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import {
  AddToPlaylistDocument,
  CreatePlaylistDocument,
  FollowUserDocument,
  LikeVideoDocument,
  MyPlaylistsDocument,
  SendTipDocument,
  UnfollowUserDocument,
  UnlikeVideoDocument,
  type PlaylistSummaryFragment,
} from '@vp/client/src/gql/graphql';
import { formatCount } from '@/lib/format';
import { Icon } from './icons';
import { errorOf, useGraphqlClient, useLocale, useT, useViewer, useYen } from './providers';

function useSignInHref() {
  const pathname = usePathname();
  return `/sign-in?next=${encodeURIComponent(pathname)}`;
}

/**
 * A follow or unfollow told to every follower count of that account on the page (the counts sit
 * apart from the button, in server-rendered markup), so the count moves with the button at once.
 */
const followerCountChanges = new EventTarget();
interface FollowerCountChange {
  userId: string;
  followers: number;
}

/** "N followers" of an account, kept current by the page's follow buttons. */
export function FollowerCount({ userId, followers }: FollowerCountChange) {
  const t = useT();
  const locale = useLocale();
  const [count, setCount] = useState(followers);
  useEffect(() => setCount(followers), [followers]);
  useEffect(() => {
    const changed = (event: Event) => {
      const change = (event as CustomEvent<FollowerCountChange>).detail;
      if (change.userId === userId) {
        setCount(change.followers);
      }
    };
    followerCountChanges.addEventListener('change', changed);
    return () => followerCountChanges.removeEventListener('change', changed);
  }, [userId]);
  return <>{t('channel.followers', { count: formatCount(count, locale) })}</>;
}

export function FollowButton({
  userId,
  following,
  followers,
}: {
  userId: string;
  following: boolean;
  followers: number;
}) {
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const client = useGraphqlClient();
  const signIn = useSignInHref();
  const router = useRouter();
  const [state, setState] = useState({ following, followers });
  const [busy, setBusy] = useState(false);
  if (viewer?.id === userId) {
    return (
      <span className="dim small">
        {t('channel.followers', { count: formatCount(state.followers, locale) })}
      </span>
    );
  }
  if (!viewer) {
    return (
      <Link className="btn primary" href={signIn}>
        {t('channel.follow')}
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={state.following ? 'btn' : 'btn primary'}
      aria-pressed={state.following}
      disabled={busy}
      data-testid="follow"
      onClick={async () => {
        setBusy(true);
        try {
          const { data } = state.following
            ? await client.mutate({ mutation: UnfollowUserDocument, variables: { userId } })
            : await client.mutate({ mutation: FollowUserDocument, variables: { userId } });
          const user = data && ('followUser' in data ? data.followUser : data.unfollowUser);
          if (user) {
            setState({ following: user.viewerIsFollowing, followers: user.followerCount });
            followerCountChanges.dispatchEvent(
              new CustomEvent<FollowerCountChange>('change', {
                detail: { userId, followers: user.followerCount },
              }),
            );
            // the server-rendered counts around the button
            router.refresh();
          }
        } finally {
          setBusy(false);
        }
      }}
    >
      {state.following ? t('channel.following') : t('channel.follow')}
    </button>
  );
}

export function LikeButton({
  videoId,
  liked,
  likes,
}: {
  videoId: string;
  liked: boolean;
  likes: number;
}) {
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const client = useGraphqlClient();
  const signIn = useSignInHref();
  const [state, setState] = useState({ liked, likes });
  if (!viewer) {
    return (
      <Link className="btn" href={signIn}>
        <Icon name="heart" size={18} />
        <span className="visually-hidden">{t('video.like')}</span>{' '}
        {formatCount(state.likes, locale)}
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={state.liked ? 'btn on' : 'btn'}
      aria-pressed={state.liked}
      data-testid="like"
      onClick={async () => {
        const next = { liked: !state.liked, likes: state.likes + (state.liked ? -1 : 1) };
        setState(next);
        try {
          const { data } = next.liked
            ? await client.mutate({ mutation: LikeVideoDocument, variables: { id: videoId } })
            : await client.mutate({ mutation: UnlikeVideoDocument, variables: { id: videoId } });
          const video = data && ('likeVideo' in data ? data.likeVideo : data.unlikeVideo);
          if (video) {
            setState({ liked: video.viewerHasLiked, likes: video.likeCount });
          }
        } catch {
          setState(state);
        }
      }}
    >
      <Icon name="heart" size={18} />
      <span className="visually-hidden">
        {state.liked ? t('video.liked') : t('video.like')}
      </span>{' '}
      {formatCount(state.likes, locale)}
    </button>
  );
}

export function SaveToPlaylist({ videoId }: { videoId: string }) {
  const t = useT();
  const viewer = useViewer();
  const client = useGraphqlClient();
  const signIn = useSignInHref();
  const dialog = useRef<HTMLDialogElement>(null);
  const [lists, setLists] = useState<PlaylistSummaryFragment[] | null>(null);
  const [message, setMessage] = useState('');
  const [name, setName] = useState('');
  if (!viewer) {
    return (
      <Link className="btn" href={signIn}>
        <Icon name="plus" size={18} /> {t('video.save')}
      </Link>
    );
  }
  const open = async () => {
    dialog.current?.showModal();
    setMessage('');
    const { data } = await client.query({
      query: MyPlaylistsDocument,
      fetchPolicy: 'network-only',
    });
    const me = data?.me;
    setLists(
      me
        ? [...(me.watchLater ? [me.watchLater] : []), ...me.playlists.edges.map(edge => edge.node)]
        : [],
    );
  };
  const add = async (playlist: PlaylistSummaryFragment) => {
    try {
      await client.mutate({
        mutation: AddToPlaylistDocument,
        variables: { playlistId: playlist.id, videoId },
      });
      setMessage(
        t('playlist.saved', {
          name: playlist.isWatchLater ? t('playlist.watchLater') : playlist.title,
        }),
      );
    } catch (error) {
      setMessage(errorOf(error, t).message);
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={open} data-testid="save">
        <Icon name="plus" size={18} /> {t('video.save')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="save-title">
        <div className="stack">
          <h2 id="save-title">{t('playlist.add')}</h2>
          {lists === null ? <p className="dim">{t('common.loading')}</p> : null}
          {lists?.map(list => (
            <button
              key={list.id}
              type="button"
              className="btn ghost"
              style={{ justifyContent: 'flex-start' }}
              onClick={() => add(list)}
            >
              {list.isWatchLater ? t('playlist.watchLater') : list.title}
              <span className="dim small">· {t('playlist.items', { count: list.itemCount })}</span>
            </button>
          ))}
          <form
            className="row"
            onSubmit={async event => {
              event.preventDefault();
              if (!name.trim()) {
                return;
              }
              try {
                const { data } = await client.mutate({
                  mutation: CreatePlaylistDocument,
                  variables: { input: { title: name.trim(), visibility: 'PRIVATE' } },
                });
                if (data?.createPlaylist) {
                  setName('');
                  setLists(current => [...(current ?? []), data.createPlaylist]);
                  await add(data.createPlaylist);
                }
              } catch (error) {
                setMessage(errorOf(error, t).message);
              }
            }}
          >
            <label className="visually-hidden" htmlFor="new-playlist">
              {t('playlist.newName')}
            </label>
            <input
              id="new-playlist"
              type="text"
              value={name}
              maxLength={150}
              placeholder={t('playlist.new')}
              onChange={event => setName(event.target.value)}
              style={{ flex: 1, width: 'auto' }}
            />
            <button type="submit" className="btn">
              {t('playlist.create')}
            </button>
          </form>
          {message ? (
            <p role="status" className="notice ok">
              {message}
            </p>
          ) : null}
          <button type="button" className="btn ghost" onClick={() => dialog.current?.close()}>
            {t('common.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** Tips the creator of a video or live stream: the checkout opens in a new tab. */
export function TipButton({ targetId, onSent }: { targetId: string; onSent?: () => void }) {
  const t = useT();
  const yen = useYen();
  const viewer = useViewer();
  const client = useGraphqlClient();
  const signIn = useSignInHref();
  const dialog = useRef<HTMLDialogElement>(null);
  const [amount, setAmount] = useState(500);
  const [message, setMessage] = useState('');
  const [checkout, setCheckout] = useState<string | null>(null);
  const [error, setError] = useState('');
  if (!viewer) {
    return (
      <Link className="btn gold" href={signIn}>
        ¥ {t('video.tip')}
      </Link>
    );
  }
  return (
    <>
      <button
        type="button"
        className="btn gold"
        data-testid="tip"
        onClick={() => {
          setCheckout(null);
          setError('');
          dialog.current?.showModal();
        }}
      >
        ¥ {t('video.tip')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`tip-title-${targetId}`}>
        <form
          className="stack"
          onSubmit={async event => {
            event.preventDefault();
            setError('');
            try {
              const { data } = await client.mutate({
                mutation: SendTipDocument,
                variables: { input: { targetId, amountJpy: amount, message } },
              });
              setCheckout(data?.sendTip.checkoutUrl ?? null);
              onSent?.();
            } catch (caught) {
              setError(errorOf(caught, t).message);
            }
          }}
        >
          <h2 id={`tip-title-${targetId}`}>{t('tip.title')}</h2>
          <div className="row">
            {[100, 500, 1000, 5000].map(preset => (
              <button
                key={preset}
                type="button"
                className={preset === amount ? 'chip' : 'chip'}
                aria-pressed={preset === amount}
                onClick={() => setAmount(preset)}
                style={{ border: 0, cursor: 'pointer' }}
              >
                {yen(preset)}
              </button>
            ))}
          </div>
          <div className="field">
            <label htmlFor={`tip-amount-${targetId}`}>
              {t('tip.amount')} <span className="hint">{t('tip.range')}</span>
            </label>
            <input
              id={`tip-amount-${targetId}`}
              type="number"
              min={100}
              max={50000}
              step={1}
              value={amount}
              onChange={event => setAmount(Number(event.target.value))}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`tip-message-${targetId}`}>{t('tip.message')}</label>
            <input
              id={`tip-message-${targetId}`}
              type="text"
              maxLength={200}
              value={message}
              onChange={event => setMessage(event.target.value)}
            />
          </div>
          {error ? (
            <p className="notice error" role="alert">
              {error}
            </p>
          ) : null}
          {checkout ? (
            <>
              <p className="notice ok" role="status">
                {t('tip.thanks')}
              </p>
              <a className="btn primary" href={checkout} target="_blank" rel="noopener">
                {t('tip.pay')}
              </a>
            </>
          ) : (
            <button type="submit" className="btn gold">
              {t('tip.send', { amount: yen(amount || 0) })}
            </button>
          )}
          <button type="button" className="btn ghost" onClick={() => dialog.current?.close()}>
            {t('common.close')}
          </button>
        </form>
      </dialog>
    </>
  );
}
