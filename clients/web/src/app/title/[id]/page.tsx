import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { TitlePageDocument } from '@vp/client/src/gql/graphql';
import { PlanPills } from '@/components/cards';
import { availabilityInWords } from '@vp/client/src/availability';
import { formatDuration } from '@/lib/format';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const loadTitle = cache(async (id: string) => {
  const [session, clientAddress] = await Promise.all([getSession(), getClientAddress()]);
  return serverGraphql(TitlePageDocument, { id }, { token: session?.accessToken, clientAddress });
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const title = (await loadTitle((await params).id)).data?.title;
  if (!title) {
    return { title: 'Not found' };
  }
  return {
    title: title.name,
    description: title.synopsis.slice(0, 200),
    alternates: { canonical: `/title/${title.id}` },
    openGraph: {
      type: 'video.tv_show',
      title: title.name,
      description: title.synopsis.slice(0, 200),
      url: `/title/${title.id}`,
    },
  };
}

/** /title/<id>: a series or film with its seasons and episodes and, in words, where and when it plays. */
export default async function TitlePage({ params }: Params) {
  const [{ locale, t }, { data }] = await Promise.all([getT(), loadTitle((await params).id)]);
  const title = data?.title;
  if (!title) {
    notFound();
  }
  const availability = availabilityInWords(
    title.availability,
    title.maturityRating,
    data.viewerTerritory,
    locale,
    t,
  );
  return (
    <>
      <div className="hero">
        <div className="row">
          <span className="pill muted">
            {title.titleKind === 'SERIES' ? t('title.series') : t('title.movie')}
          </span>
          <span className="pill muted">{t('title.rating', { rating: title.maturityRating })}</span>
          <PlanPills requiredPlan={title.requiredPlan} audience={title.audience} locale={locale} />
          {title.releaseYear ? <span className="dim">{title.releaseYear}</span> : null}
        </div>
        <h1>{title.name}</h1>
        <p style={{ margin: 0, maxWidth: 760 }}>{title.synopsis}</p>
        <p className="notice" style={{ margin: 0 }} data-testid="availability">
          {availability}
        </p>
      </div>
      {title.seasons.edges.map(({ node: season }) => (
        <section key={season.id} className="section" aria-labelledby={`season-${season.id}`}>
          <div className="section-head">
            <h2 id={`season-${season.id}`}>{season.name}</h2>
            <span className="dim small">
              {t('title.episodes', { count: season.episodes.edges.length })}
            </span>
          </div>
          <ol className="episodes">
            {season.episodes.edges.map(({ node: episode }) => (
              <li key={episode.id}>
                <span className="dim" style={{ width: 28 }}>
                  {episode.number}
                </span>
                <span style={{ flex: 1 }}>{episode.name}</span>
                <span className="dim small">{formatDuration(episode.durationSeconds)}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
