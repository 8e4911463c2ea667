import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { TitlePageDocument } from '@vp/client/src/gql/graphql';
import { PlanPills } from '@/components/cards';
import { formatDate, formatDuration } from '@/lib/format';
import type { Locale, Translate } from '@/lib/i18n';
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

type TitleData = NonNullable<Awaited<ReturnType<typeof loadTitle>>['data']>;

/** "Available in Japan from 12 December": the catalog's availability of the title, in words. */
function availabilityInWords(
  availability: NonNullable<TitleData['title']>['availability'],
  rating: string,
  territory: string,
  locale: Locale,
  t: Translate,
): string {
  const place = new Intl.DisplayNames([locale], { type: 'region' }).of(territory) ?? territory;
  const from = availability.availableFrom ? formatDate(availability.availableFrom, locale) : '';
  const until = availability.availableUntil ? formatDate(availability.availableUntil, locale) : '';
  const key = availability.playable
    ? until
      ? 'PLAYABLE_UNTIL'
      : 'PLAYABLE'
    : (availability.reason ?? 'NOT_PUBLISHED');
  return t(`title.availability.${key}`, {
    place,
    from,
    until,
    rating,
    plan: t(`plan.${availability.requiredPlan}`),
  });
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
