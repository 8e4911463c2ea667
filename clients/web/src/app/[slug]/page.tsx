import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ChannelPageDocument } from '@vp/client/src/gql/graphql';
import { Avatar } from '@/components/avatar';
import { LiveCard, ShortCard, VideoCard } from '@/components/cards';
import { FollowButton, FollowerCount } from '@/components/watch-actions';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<{ tab?: string }> };

/** `/@handle` (a folder named @… would be a parallel route, so the segment is read here). */
function handleOf(slug: string) {
  const decoded = decodeURIComponent(slug);
  return decoded.startsWith('@') && /^@[A-Za-z0-9_]{3,30}$/.test(decoded) ? decoded.slice(1).toLowerCase() : null;
}

const loadChannel = cache(async (handle: string) => {
  const [session, clientAddress] = await Promise.all([getSession(), getClientAddress()]);
  return serverGraphql(ChannelPageDocument, { handle }, { token: session?.accessToken, clientAddress });
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const handle = handleOf((await params).slug);
  const user = handle ? (await loadChannel(handle)).data?.user : null;
  if (!user) {
    return { title: 'Not found' };
  }
  const title = `${user.displayName} (@${user.handle})`;
  const description = user.bio || title;
  return {
    title,
    description,
    alternates: { canonical: `/@${user.handle}` },
    openGraph: { type: 'profile', title, description, url: `/@${user.handle}`, images: user.avatarUrl ? [{ url: user.avatarUrl }] : undefined },
  };
}

export default async function ChannelPage({ params, searchParams }: Params) {
  const handle = handleOf((await params).slug);
  if (!handle) {
    notFound();
  }
  const [{ locale, t }, { data }, { tab = 'videos' }] = await Promise.all([getT(), loadChannel(handle), searchParams]);
  const user = data?.user;
  if (!user) {
    notFound();
  }
  const videos = user.videos.edges.map(edge => edge.node);
  const tabs = [
    ['videos', t('channel.videos')],
    ['shorts', t('channel.shorts')],
    ['live', t('channel.live')],
    ['playlists', t('channel.playlists')],
  ] as const;
  const list =
    tab === 'shorts'
      ? videos.filter(video => video.kind === 'SHORT')
      : videos.filter(video => video.kind === 'VIDEO');
  return (
    <>
      <div className="channel-head">
        <Avatar user={user} size="lg" />
        <div style={{ flex: 1, minWidth: 220 }}>
          <h1>{user.displayName}</h1>
          <p className="dim" style={{ margin: '4px 0' }}>
            @{user.handle} · <FollowerCount userId={user.id} followers={user.followerCount} />
          </p>
          {user.bio ? <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{user.bio}</p> : null}
        </div>
        <FollowButton userId={user.id} following={user.viewerIsFollowing} followers={user.followerCount} />
      </div>
      <nav className="tabs" aria-label={user.displayName}>
        {tabs.map(([key, label]) => (
          <Link key={key} href={`/@${user.handle}?tab=${key}`} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {tab === 'live' ? (
        user.liveStreams.edges.length ? (
          <div className="grid">
            {user.liveStreams.edges.map(edge => (
              <LiveCard key={edge.node.id} stream={edge.node} locale={locale} />
            ))}
          </div>
        ) : (
          <p className="empty">{t('channel.empty')}</p>
        )
      ) : tab === 'playlists' ? (
        user.playlists.edges.length ? (
          <div className="grid">
            {user.playlists.edges.map(({ node }) => (
              <Link key={node.id} href={`/playlist/${node.id}`} className="title-card">
                <h3>{node.isWatchLater ? t('playlist.watchLater') : node.title}</h3>
                <span className="dim small">{t('playlist.items', { count: node.itemCount })}</span>
              </Link>
            ))}
          </div>
        ) : (
          <p className="empty">{t('channel.empty')}</p>
        )
      ) : list.length ? (
        tab === 'shorts' ? (
          <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))' }}>
            {list.map(video => (
              <ShortCard key={video.id} video={video} locale={locale} />
            ))}
          </div>
        ) : (
          <div className="grid">
            {list.map(video => (
              <VideoCard key={video.id} video={video} locale={locale} />
            ))}
          </div>
        )
      ) : (
        <p className="empty">{t('channel.empty')}</p>
      )}
    </>
  );
}
