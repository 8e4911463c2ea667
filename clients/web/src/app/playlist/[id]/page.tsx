import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { PlaylistPageDocument } from '@vp/client/src/gql/graphql';
import { Avatar } from '@/components/avatar';
import { VideoCard } from '@/components/cards';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const loadPlaylist = cache(async (id: string) => {
  const [session, clientAddress] = await Promise.all([getSession(), getClientAddress()]);
  return serverGraphql(PlaylistPageDocument, { id }, { token: session?.accessToken, clientAddress });
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { t } = await getT();
  const playlist = (await loadPlaylist((await params).id)).data?.playlist;
  if (!playlist) {
    return { title: 'Not found' };
  }
  const title = playlist.isWatchLater ? t('playlist.watchLater') : playlist.title;
  const description = playlist.description || `${title} · ${playlist.owner.displayName}`;
  const image = playlist.items.edges[0]?.node.video.thumbnailUrl;
  return {
    title,
    description,
    openGraph: { title, description, url: `/playlist/${playlist.id}`, images: image ? [{ url: image }] : undefined },
  };
}

export default async function PlaylistPage({ params }: Params) {
  const [{ locale, t }, { data }] = await Promise.all([getT(), loadPlaylist((await params).id)]);
  const playlist = data?.playlist;
  if (!playlist) {
    notFound();
  }
  const items = playlist.items.edges.map(edge => edge.node);
  return (
    <>
      <div className="hero">
        <span className="pill muted" style={{ alignSelf: 'flex-start' }}>
          {playlist.visibility}
        </span>
        <h1>{playlist.isWatchLater ? t('playlist.watchLater') : playlist.title}</h1>
        <div className="row">
          <Avatar user={playlist.owner} size="sm" />
          <Link href={`/@${playlist.owner.handle}`}>{t('playlist.by', { name: playlist.owner.displayName })}</Link>
          <span className="dim">· {t('playlist.items', { count: playlist.itemCount })}</span>
        </div>
        {playlist.description ? <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{playlist.description}</p> : null}
        {items[0] ? (
          <Link className="btn primary" href={`/watch/${items[0].video.id}`} style={{ alignSelf: 'flex-start' }}>
            ▶ {t('playlist.playAll')}
          </Link>
        ) : null}
      </div>
      {items.length ? (
        <div className="grid">
          {items.map(item => (
            <VideoCard key={item.video.id} video={item.video} locale={locale} />
          ))}
        </div>
      ) : (
        <p className="empty">{t('playlist.empty')}</p>
      )}
    </>
  );
}
