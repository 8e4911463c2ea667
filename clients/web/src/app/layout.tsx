import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ViewerDocument } from '@vp/client/src/gql/graphql';
import { Header } from '@/components/header';
import { Providers } from '@/components/providers';
import { webEnv } from '@/lib/env';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return {
    metadataBase: new URL(webEnv().publicWebUrl),
    title: { default: t('app.name'), template: `%s · ${t('app.name')}` },
    description: t('app.tagline'),
    openGraph: { siteName: t('app.name'), type: 'website' },
  };
}

export const viewport: Viewport = { themeColor: '#0e0f13', colorScheme: 'dark' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, session, clientAddress] = await Promise.all([getT(), getSession(), getClientAddress()]);
  const viewer = session
    ? (await serverGraphql(ViewerDocument, {}, { token: session.accessToken, clientAddress })).data?.me
    : null;
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#content">
          {t('nav.skip')}
        </a>
        <Providers locale={locale} session={session} publicGatewayUrl={webEnv().publicGatewayUrl}>
          <Header unread={viewer?.unreadNotificationCount ?? 0} />
          <main id="content">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
