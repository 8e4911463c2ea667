import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ApolloProvider } from '@apollo/client/react';
import { makeApolloClient } from '@vp/client/src/apollo';
import { translator, type Locale, type Translate } from '@vp/client/src/i18n';
import { SessionHolder, type SessionTransport, type SessionUser } from '@vp/client/src/session';
import { useSessionUser } from '@vp/client/src/use-session-user';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { socketUrlOf } from './env';

/**
 * What every screen reaches: the viewer's language, the session and the Apollo Client, made once
 * per app (tests make one per render, on their own platform).
 */
interface AppContextValue {
  locale: Locale;
  t: Translate;
  holder: SessionHolder;
  client: ApolloClient;
  /** false until the stored refresh token was tried at launch. */
  ready: boolean;
}

const AppContext = createContext<AppContextValue | null>(null);

function useApp() {
  const value = useContext(AppContext);
  if (!value) {
    throw new Error('outside <AppProvider>');
  }
  return value;
}

export const useT = () => useApp().t;
export const useLocale = () => useApp().locale;
export const useSessionHolder = () => useApp().holder;
export const useSessionReady = () => useApp().ready;

/** The signed-in viewer (null when signed out), re-rendering on sign-in, refresh and sign-out. */
export const useViewer = (): SessionUser | null => useSessionUser(useApp().holder);

/** The device's language among ours: Japanese for ja-*, English otherwise. */
export function deviceLocale(): Locale {
  const tag =
    (globalThis.navigator as { language?: string } | undefined)?.language ??
    Intl.DateTimeFormat().resolvedOptions().locale;
  return tag?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function AppProvider({
  gatewayUrl,
  sessions,
  locale,
  children,
}: {
  gatewayUrl: string;
  sessions: SessionTransport;
  locale: Locale;
  children: ReactNode;
}) {
  const [holder] = useState(() => new SessionHolder(null, sessions));
  const client = useMemo(
    () => makeApolloClient(holder, socketUrlOf(gatewayUrl), gatewayUrl),
    [holder, gatewayUrl],
  );
  const [ready, setReady] = useState(false);
  // the refresh token kept from the last launch, if any, becomes this launch's session: once per
  // holder (an effect may run again for the same one; a second refresh would rotate the token again)
  const [launch] = useState(() => ({ started: false }));
  useEffect(() => {
    if (!launch.started) {
      launch.started = true;
      void holder.refresh().finally(() => setReady(true));
    }
  }, [holder, launch]);
  useEffect(() => {
    // another identity sees other answers (viewerHasLiked, plans): forget the old ones
    let identity = holder.session?.user.id ?? null;
    return holder.subscribe(() => {
      const next = holder.session?.user.id ?? null;
      if (next !== identity) {
        identity = next;
        void client.resetStore().catch(() => undefined);
      }
    });
  }, [holder, client]);
  const value = useMemo<AppContextValue>(
    () => ({ locale, t: translator(locale), holder, client, ready }),
    [locale, holder, client, ready],
  );
  return (
    <AppContext.Provider value={value}>
      <ApolloProvider client={client}>{children}</ApolloProvider>
    </AppContext.Provider>
  );
}

/** A message for a failed operation, in the viewer's words where the code says enough. */
export function messageOf(error: unknown, t: Translate): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    if (first?.extensions?.code === 'RATE_LIMITED') {
      return t('error.rateLimited');
    }
    const problems = first?.extensions?.problems as { message: string }[] | undefined;
    return problems?.[0]?.message ?? first?.message ?? t('error.title');
  }
  return t('error.title');
}

/** The code of the first error (PAYMENT_REQUIRED, FORBIDDEN…), if any. */
export function codeOf(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error)
    ? (error.errors[0]?.extensions?.code as string | undefined)
    : undefined;
}
