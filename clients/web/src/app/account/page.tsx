import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AccountPageDocument } from '@vp/client/src/gql/graphql';
import { Avatar } from '@/components/avatar';
import { NotificationSettings, PlanPanel, ClearHistoryButton } from '@/components/account-panels';
import { VideoCard } from '@/components/cards';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t('account.title'), robots: { index: false } };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ upgrade?: string; next?: string }> }) {
  const [{ locale, t }, session, clientAddress, query] = await Promise.all([getT(), getSession(), getClientAddress(), searchParams]);
  if (!session) {
    redirect(`/sign-in?next=${encodeURIComponent('/account')}`);
  }
  const { data } = await serverGraphql(AccountPageDocument, {}, { token: session.accessToken, clientAddress });
  const me = data?.me;
  if (!me) {
    redirect(`/sign-in?next=${encodeURIComponent('/account')}`);
  }
  const history = me.watchHistory?.edges.map(edge => edge.node) ?? [];
  return (
    <div className="account">
      <div className="channel-head" style={{ marginBottom: 0 }}>
        <Avatar user={me} size="lg" />
        <div>
          <h1>{me.displayName}</h1>
          <p className="dim" style={{ margin: 0 }}>
            <Link href={`/@${me.handle}`}>@{me.handle}</Link> · {me.email}
            {me.emailVerified === false ? ` (${t('account.emailUnverified')})` : ''}
          </p>
        </div>
      </div>
      <PlanPanel
        plans={data.plans}
        tier={me.planTier ?? 'FREE'}
        subscription={me.subscription ?? null}
        upgrade={query.upgrade}
        next={query.next}
      />
      <section className="panel" aria-labelledby="history-title">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="history-title">{t('account.history')}</h2>
          {history.length ? <ClearHistoryButton /> : null}
        </div>
        {history.length ? (
          <div className="grid">
            {history.map(entry => (
              <VideoCard key={entry.video.id} video={entry.video} locale={locale} />
            ))}
          </div>
        ) : (
          <p className="dim">{t('account.historyEmpty')}</p>
        )}
      </section>
      <NotificationSettings settings={me.notificationSettings} />
    </div>
  );
}
