'use client';

import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { ApolloProvider } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatYen } from '@/lib/format';
import { translator, type Locale, type Translate } from '@/lib/i18n';
import type { Session, SessionUser } from '@/lib/session-types';

/**
 * The browser's side of sessions: the access token lives in this module's memory only (never in
 * localStorage, sessionStorage or a readable cookie); it is refreshed through the app's own
 * /api/session/refresh, which rotates the httpOnly refresh cookie, a minute before it expires.
 */
class SessionHolder {
  session: Session | null;
  private listeners = new Set<() => void>();
  private refreshing: Promise<Session | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(initial: Session | null) {
    this.session = initial;
    this.schedule();
  }

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  set(session: Session | null) {
    this.session = session;
    this.schedule();
    this.listeners.forEach(listener => listener());
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.session && typeof window !== 'undefined') {
      const wait = Math.max(5_000, this.session.expiresAt - Date.now() - 60_000);
      this.timer = setTimeout(() => void this.refresh(), wait);
    }
  }

  /** A token good for at least a little while, refreshing first when it is about to expire. */
  async token(): Promise<string | null> {
    if (!this.session) {
      return null;
    }
    if (this.session.expiresAt - Date.now() < 30_000) {
      return (await this.refresh())?.accessToken ?? null;
    }
    return this.session.accessToken;
  }

  refresh(): Promise<Session | null> {
    this.refreshing ??= sessionRequest('refresh', {})
      .then(result => {
        const session = 'session' in result ? result.session : null;
        if (session || ('error' in result && result.error.code === 'UNAUTHENTICATED')) {
          this.set(session);
        }
        return session;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}

export type SessionResult = { session: Session } | { ok: true } | { error: { message: string; code: string; problems?: { field?: string; path?: string; message: string }[] } };

export async function sessionRequest(action: 'sign-in' | 'sign-up' | 'refresh' | 'sign-out', body: Record<string, unknown>): Promise<SessionResult> {
  try {
    const response = await fetch(`/api/session/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    return (await response.json()) as SessionResult;
  } catch {
    return { error: { message: 'Network error.', code: 'UNAVAILABLE' } };
  }
}

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

function makeApolloClient(holder: SessionHolder, publicGatewayUrl: string) {
  const auth = new SetContextLink(async prev => {
    const token = await holder.token();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const http = new HttpLink({ uri: '/graphql' });
  let ws: ApolloLink | null = null;
  let wsClient: Client | null = null;
  const subscriptions = () => {
    if (!ws) {
      wsClient = createClient({
        url: `${publicGatewayUrl.replace(/^http/, 'ws')}/graphql`,
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        connectionParams: async () => {
          const token = await holder.token();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      });
      ws = new GraphQLWsLink(wsClient);
      // a new identity needs a new connection (its token is checked when the socket opens)
      holder.subscribe(() => wsClient?.terminate());
    }
    return ws;
  };
  const link = ApolloLink.split(
    operation => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    new ApolloLink((operation, forward) => subscriptions().request(operation, forward)),
    ApolloLink.from([auth, http]),
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
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
  const client = useMemo(() => makeApolloClient(holder, publicGatewayUrl), [holder, publicGatewayUrl]);
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
