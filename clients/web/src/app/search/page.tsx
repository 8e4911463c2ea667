import Link from 'next/link';
import { SearchDocument } from '@vp/client/src/gql/graphql';
import { LiveCard, TitleCard, VideoCard } from '@/components/cards';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

type Search = { q?: string; type?: string; after?: string };

export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }) {
  const [{ t }, { q }] = await Promise.all([getT(), searchParams]);
  return { title: q ? t('search.title', { q }) : t('nav.search'), robots: { index: false } };
}

const TYPES = [
  ['', 'search.all'],
  ['video', 'search.videos'],
  ['live', 'search.live'],
  ['title', 'search.titles'],
] as const;

/** /search?q=…&type=video|live|title: today's `search` (discovery adds server-side filters and sort). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [{ locale, t }, session, clientAddress, params] = await Promise.all([getT(), getSession(), getClientAddress(), searchParams]);
  const q = (params.q ?? '').trim().slice(0, 200);
  if (!q) {
    return <p className="empty">{t('search.prompt')}</p>;
  }
  const { data } = await serverGraphql(SearchDocument, { query: q, first: 30, after: params.after ?? null }, { token: session?.accessToken, clientAddress });
  const type = params.type ?? '';
  const nodes = (data?.search.edges ?? [])
    .map(edge => edge.node)
    .filter(<T,>(node: T | null | undefined): node is T => Boolean(node))
    .filter(node => !type || (type === 'video' && node.__typename === 'Video') || (type === 'live' && node.__typename === 'LiveStream') || (type === 'title' && node.__typename === 'Title'));
  const href = (next: Partial<Search>) => `/search?${new URLSearchParams(Object.entries({ q, type, ...next }).filter(([, value]) => value) as [string, string][])}`;
  return (
    <div className="search-results">
      <h1>{t('search.title', { q })}</h1>
      <nav className="filters" aria-label={t('search.label')}>
        {TYPES.map(([value, label]) => (
          <Link key={value} className="chip" href={href({ type: value, after: undefined })} aria-current={type === value ? 'page' : undefined}>
            {t(label)}
          </Link>
        ))}
      </nav>
      {nodes.length === 0 ? <p className="empty">{t('search.empty', { q })}</p> : null}
      <div className="grid" data-testid="search-results">
        {nodes.map(node =>
          node.__typename === 'Video' ? (
            <VideoCard key={node.id} video={node} locale={locale} />
          ) : node.__typename === 'LiveStream' ? (
            <LiveCard key={node.id} stream={node} locale={locale} />
          ) : node.__typename === 'Title' ? (
            <TitleCard key={node.id} title={node} locale={locale} />
          ) : null,
        )}
      </div>
      {data?.search.pageInfo.hasNextPage && data.search.pageInfo.endCursor ? (
        <Link className="btn ghost" href={href({ after: data.search.pageInfo.endCursor })} style={{ alignSelf: 'center' }}>
          {t('search.more')}
        </Link>
      ) : null}
    </div>
  );
}
