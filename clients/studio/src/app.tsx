import { ApolloProvider } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client';
import { makeApolloClient } from '@vp/client/src/apollo';
import type { SessionHolder, SessionUser } from '@vp/client/src/session';
import { useSessionUser } from '@vp/client/src/use-session-user';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatYen, translator, type Locale, type Translate } from './i18n';
import { Link, navigate, usePath } from './router';
import { SignInPage } from './pages/sign-in';
import { DashboardPage } from './pages/dashboard';
import { UploadPage } from './pages/upload';
import { VideosPage } from './pages/videos';
import { VideoPage } from './pages/video';
import { LivePage, LiveStreamPage } from './pages/live';
import { CommentsPage } from './pages/comments';
import { EarningsPage } from './pages/earnings';

export interface StudioConfig {
  wsUrl: string;
  webUrl: string;
}

interface AppValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  yen: (amount: number) => string;
  holder: SessionHolder;
  config: StudioConfig;
}

const AppContext = createContext<AppValue | null>(null);

export function useApp(): AppValue {
  const value = useContext(AppContext);
  if (!value) {
    throw new Error('outside <App>');
  }
  return value;
}

export const useT = () => useApp().t;

/** A message for a failed operation: the first problem's or error's message. */
export function messageOf(error: unknown, t: Translate): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const problems = first?.extensions?.problems as { message: string }[] | undefined;
    return problems?.[0]?.message ?? first?.message ?? t('common.error');
  }
  return error instanceof Error ? error.message : t('common.error');
}


const NAV = [
  ['/', 'nav.dashboard'],
  ['/upload', 'nav.upload'],
  ['/videos', 'nav.videos'],
  ['/live', 'nav.live'],
  ['/comments', 'nav.comments'],
  ['/earnings', 'nav.earnings'],
] as const;

function route(path: string): ReactNode {
  let match: RegExpExecArray | null;
  if (path === '/' || path === '') {
    return <DashboardPage />;
  }
  if (path === '/upload') {
    return <UploadPage />;
  }
  if (path === '/videos') {
    return <VideosPage />;
  }
  if ((match = /^\/videos\/([^/]+)$/.exec(path))) {
    return <VideoPage id={decodeURIComponent(match[1])} />;
  }
  if (path === '/live') {
    return <LivePage />;
  }
  if ((match = /^\/live\/([^/]+)$/.exec(path))) {
    return <LiveStreamPage id={decodeURIComponent(match[1])} />;
  }
  if (path === '/comments') {
    return <CommentsPage />;
  }
  if (path === '/earnings') {
    return <EarningsPage />;
  }
  return <DashboardPage />;
}

function Shell({ user }: { user: SessionUser }) {
  const { t, locale, setLocale, holder } = useApp();
  const path = usePath();
  const section = NAV.slice(1).find(([href]) => path.startsWith(href))?.[0] ?? '/';
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <span className="who">@{user.handle}</span>
        <label className="lang">
          <span className="sr-only">{t('nav.language')}</span>
          <select
            value={locale}
            onChange={event => setLocale(event.target.value as Locale)}
            aria-label={t('nav.language')}
          >
            <option value="en">English</option>
            <option value="ja">日本語</option>
          </select>
        </label>
        <button type="button" onClick={() => void holder.signOut().then(() => navigate('/'))}>
          {t('nav.signOut')}
        </button>
      </header>
      <nav aria-label={t('nav.main')} className="side">
        <ul>
          {NAV.map(([href, key]) => (
            <li key={href}>
              <Link href={href} aria-current={section === href ? 'page' : undefined}>
                {t(key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {route(path)}
      </main>
    </div>
  );
}

export function App({ holder, config, initialLocale }: { holder: SessionHolder; config: StudioConfig; initialLocale: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const user = useSessionUser(holder);
  const client = useMemo(() => makeApolloClient(holder, config.wsUrl), [holder, config.wsUrl]);
  // a new identity starts from an empty cache
  useEffect(() => holder.subscribe(() => void client.clearStore()), [holder, client]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<AppValue>(
    () => ({
      locale,
      setLocale: next => {
        document.cookie = `vp_locale=${next}; path=/; max-age=31536000; samesite=lax`;
        setLocaleState(next);
      },
      t: translator(locale),
      yen: amount => formatYen(amount, locale),
      holder,
      config,
    }),
    [locale, holder, config],
  );
  return (
    <AppContext.Provider value={value}>
      <ApolloProvider client={client}>{user ? <Shell user={user} /> : <SignInPage />}</ApolloProvider>
    </AppContext.Provider>
  );
}
