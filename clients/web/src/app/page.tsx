import { HomeDocument } from '@vp/client/src/gql/graphql';
import { LiveCard, ShortCard, VideoCard } from '@/components/cards';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** Home: live now, the home feed (personal when signed in; the newest videos when it is empty), a shelf of shorts. */
export default async function HomePage() {
  const [{ locale, t }, session, clientAddress] = await Promise.all([
    getT(),
    getSession(),
    getClientAddress(),
  ]);
  const { data } = await serverGraphql(
    HomeDocument,
    {},
    { token: session?.accessToken, clientAddress },
  );
  const live =
    data?.liveStreams.edges.map(edge => edge.node).filter(stream => stream.status === 'LIVE') ?? [];
  const upcoming =
    data?.liveStreams.edges
      .map(edge => edge.node)
      .filter(stream => stream.status === 'SCHEDULED') ?? [];
  const feed =
    data?.homeFeed.edges.flatMap(edge => (edge.node.__typename === 'Video' ? [edge.node] : [])) ??
    [];
  const videos = feed.length ? feed : (data?.videos.edges.map(edge => edge.node) ?? []);
  const shorts = data?.shorts.edges.map(edge => edge.node) ?? [];
  return (
    <>
      <h1 className="visually-hidden">{t('app.name')}</h1>
      {live.length ? (
        <section className="section" aria-labelledby="live-now">
          <div className="section-head">
            <span className="pill live">●</span>
            <h2 id="live-now">{t('home.liveNow')}</h2>
          </div>
          <div className="grid">
            {live.map(stream => (
              <LiveCard key={stream.id} stream={stream} locale={locale} />
            ))}
          </div>
        </section>
      ) : null}
      <section className="section" aria-labelledby="latest">
        <div className="section-head">
          <h2 id="latest">{feed.length ? t('home.forYou') : t('home.latest')}</h2>
        </div>
        {videos.length ? (
          <div className="grid">
            {videos.map((video, i) => (
              <VideoCard key={video.id} video={video} locale={locale} priority={i < 4} />
            ))}
          </div>
        ) : (
          <p className="empty">{t('home.empty')}</p>
        )}
      </section>
      {shorts.length ? (
        <section className="section" aria-labelledby="shorts">
          <div className="section-head">
            <h2 id="shorts">{t('home.shorts')}</h2>
          </div>
          <div className="shelf">
            {shorts.map(video => (
              <ShortCard key={video.id} video={video} locale={locale} />
            ))}
          </div>
        </section>
      ) : null}
      {upcoming.length ? (
        <section className="section" aria-labelledby="upcoming">
          <div className="section-head">
            <h2 id="upcoming">{t('home.upcoming')}</h2>
          </div>
          <div className="grid">
            {upcoming.map(stream => (
              <LiveCard key={stream.id} stream={stream} locale={locale} />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
