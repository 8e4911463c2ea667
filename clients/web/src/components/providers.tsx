'use client';

import { CombinedGraphQLErrors } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatYen } from '@/lib/format';
import { translator, type Locale, type Translate } from '@/lib/i18n';
import { makeApolloClient } from '@vp/client/src/apollo';
import { SessionHolder, type Session, type SessionUser } from '@vp/client/src/session';

interface AppContextValue {
  locale: Locale;
  t: Translate;
  yen: (amount: number) => string;
  holder: SessionHolder;
  publicGatewayUrl: string;
}

const AppContext = createContext<AppContextValue | null>(null);

function useApp() {
  const value = useContext(AppContext);
  if (!value) {
    throw new Error('outside <Providers>');
  }
  return value;
}

export const useT = () => useApp().t;
export const useLocale = () => useApp().locale;
export const useYen = () => useApp().yen;

/** The signed-in viewer (null when signed out), re-rendering on sign-in, refresh and sign-out. */
export function useViewer(): SessionUser | null {
  const { holder } = useApp();
  const [user, setUser] = useState(holder.session?.user ?? null);
  useEffect(() => {
    setUser(holder.session?.user ?? null);
    return holder.subscribe(() => setUser(holder.session?.user ?? null));
  }, [holder]);
  return user;
}

export function useSessionHolder() {
  return useApp().holder;
}

export function Providers({
  children,
  locale,
  session,
  publicGatewayUrl,
}: {
  children: ReactNode;
  locale: Locale;
  session: Session | null;
  publicGatewayUrl: string;
}) {
  const holderRef = useRef<SessionHolder | null>(null);
  holderRef.current ??= new SessionHolder(session);
  const holder = holderRef.current;
  // a server render after sign-in or sign-out brings the session the cookie now stands for
  useEffect(() => {
    if ((session?.user.id ?? null) !== (holder.session?.user.id ?? null) || (session && session.expiresAt > (holder.session?.expiresAt ?? 0))) {
      holder.set(session);
    }
  }, [session, holder]);
  const client = useMemo(() => makeApolloClient(holder, `${publicGatewayUrl.replace(/^http/, 'ws')}/graphql`), [holder, publicGatewayUrl]);
  const value = useMemo<AppContextValue>(
    () => ({ locale, t: translator(locale), yen: amount => formatYen(amount, locale), holder, publicGatewayUrl }),
    [locale, holder, publicGatewayUrl],
  );
  return (
    <AppContext.Provider value={value}>
      <ApolloProvider client={client}>{children}</ApolloProvider>
    </AppContext.Provider>
  );
}

export interface ActionError {
  message: string;
  code?: string;
}

/** A message for a failed operation, in the viewer's words where the code says enough. */
export function errorOf(error: unknown, t: Translate): ActionError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code as string | undefined;
    const problems = first?.extensions?.problems as { message: string }[] | undefined;
    if (code === 'RATE_LIMITED') {
      return { message: t('error.rateLimited'), code };
    }
    return { message: problems?.[0]?.message ?? first?.message ?? t('error.title'), code };
  }
  return { message: error instanceof Error ? error.message : t('error.title') };
}

export type { TypedDocumentNode };
