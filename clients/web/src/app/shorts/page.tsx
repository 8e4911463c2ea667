import { NewestVideosDocument } from '@vp/client/src/gql/graphql';
import { ShortsFeed } from '@/components/shorts-feed';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t('shorts.title') };
}

/** /shorts: the newest shorts (discovery's shortsFeed once it lands), starting at ?start=<id>. */
export default async function ShortsPage({ searchParams }: { searchParams: Promise<{ start?: string }> }) {
  const [{ t }, session, clientAddress, { start }] = await Promise.all([getT(), getSession(), getClientAddress(), searchParams]);
  const { data } = await serverGraphql(NewestVideosDocument, { first: 20, kind: 'SHORT' }, { token: session?.accessToken, clientAddress });
  const shorts = data?.videos.edges.map(edge => edge.node) ?? [];
  const index = Math.max(0, shorts.findIndex(short => short.id === start));
  const ordered = [...shorts.slice(index), ...shorts.slice(0, index)];
  if (!ordered.length) {
    return <p className="empty">{t('shorts.empty')}</p>;
  }
  return (
    <>
      <h1 className="visually-hidden">{t('shorts.title')}</h1>
      <ShortsFeed shorts={ordered} />
    </>
  );
}
