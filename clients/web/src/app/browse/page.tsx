import Link from 'next/link';
import { BrowseDocument, type TitleKind } from '@vp/client/src/gql/graphql';
import { TitleCard } from '@/components/cards';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t('browse.title') };
}

/** /browse: the premium catalog (today's `titles`; issue 11 adds availability and licences). */
export default async function BrowsePage({ searchParams }: { searchParams: Promise<{ kind?: string; after?: string }> }) {
  const [{ locale, t }, session, clientAddress, params] = await Promise.all([getT(), getSession(), getClientAddress(), searchParams]);
  const kind = params.kind === 'SERIES' || params.kind === 'FILM' ? (params.kind as TitleKind) : null;
  const { data } = await serverGraphql(BrowseDocument, { kind, after: params.after ?? null }, { token: session?.accessToken, clientAddress });
  const titles = data?.titles.edges.map(edge => edge.node) ?? [];
  return (
    <>
      <div className="hero">
        <h1>{t('browse.title')}</h1>
        <p className="dim" style={{ margin: 0 }}>
          {t('app.tagline')}
        </p>
      </div>
      <nav className="filters" aria-label={t('browse.title')}>
        {([
          [null, t('browse.all')],
          ['SERIES', t('browse.series')],
          ['FILM', t('browse.movies')],
        ] as const).map(([value, label]) => (
          <Link key={label} className="chip" href={value ? `/browse?kind=${value}` : '/browse'} aria-current={kind === value ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {titles.length ? (
        <div className="grid">
          {titles.map(title => (
            <TitleCard key={title.id} title={title} locale={locale} />
          ))}
        </div>
      ) : (
        <p className="empty">{t('browse.empty')}</p>
      )}
      {data?.titles.pageInfo.hasNextPage && data.titles.pageInfo.endCursor ? (
        <Link className="btn ghost" href={`/browse?${new URLSearchParams({ ...(kind ? { kind } : {}), after: data.titles.pageInfo.endCursor })}`}>
          {t('search.more')}
        </Link>
      ) : null}
    </>
  );
}
