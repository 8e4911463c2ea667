'use client';

import type { ApolloClient, OperationVariables } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react';
import { formatYen } from '@/lib/format';
import { translator, type Locale, type Translate } from '@/lib/i18n';
import { SessionHolder, type Session, type SessionUser } from '@vp/client/src/session';
import { useSessionUser } from '@vp/client/src/use-session-user';
import { isFinalSubscriptionError, reopenDelay } from '@vp/client/src/subscriptions';

interface AppContextValue {
  locale: Locale;
  t: Translate;
  yen: (amount: number) => string;
  holder: SessionHolder;
  publicGatewayUrl: string;
  client: GraphqlClient;
}

/**
 * The browser's GraphQL client, loaded on first use. Apollo Client (with graphql and graphql-ws) is
 * the largest piece of the app's JavaScript and no page needs it to render or hydrate: pages come
 * server-rendered with their data, and the client is wanted for a click, a heartbeat or a
 * subscription. So it is a chunk of its own, fetched the first time one of these asks for it.
 */
export interface GraphqlClient {
  query: ApolloClient['query'];
  mutate: ApolloClient['mutate'];
  /** Forgets what the client cached (sign-out); nothing to do when it was never loaded. */
  clearStore(): Promise<void>;
  /** The Apollo Client itself, loaded now if it was not yet. */
  load(): Promise<ApolloClient>;
}

function lazyClient(holder: SessionHolder, wsUrl: string): GraphqlClient {
  let loading: Promise<ApolloClient> | undefined;
  const load = () => {
    loading ??= import('@vp/client/src/apollo').then(
      ({ makeApolloClient }) => makeApolloClient(holder, wsUrl),
      error => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    load,
    query: ((options: Parameters<ApolloClient['query']>[0]) =>
      load().then(client => client.query(options))) as ApolloClient['query'],
    mutate: ((options: Parameters<ApolloClient['mutate']>[0]) =>
      load().then(client => client.mutate(options))) as ApolloClient['mutate'],
    clearStore: async () => {
      if (loading) {
        await (await loading).clearStore();
      }
    },
  };
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
export const useViewer = (): SessionUser | null => useSessionUser(useApp().holder);

export function useSessionHolder() {
  return useApp().holder;
}

/** The app's GraphQL client (queries and mutations load Apollo Client on first use). */
export function useGraphqlClient() {
  return useApp().client;
}

/**
 * A subscription kept open while the component is mounted (and `skip` is not set), reopened when
 * the document or the variables change; `onData` gets `{ data: { data } }` like Apollo's hook.
 * When the platform ends it (the live instance behind it restarted: SERVICE_UNAVAILABLE), it is
 * opened again after 1 s, then up to 30 s apart, with `resume()`'s variables when given (where a
 * replay should start from now), unless it was refused for good.
 */
export function useGraphqlSubscription<R, V extends OperationVariables>(
  document: TypedDocumentNode<R, V>,
  options: {
    variables?: V;
    skip?: boolean;
    onData: (result: { data: { data?: R | null } }) => void;
    resume?: () => V;
  },
) {
  const { client } = useApp();
  const onData = useRef(options.onData);
  onData.current = options.onData;
  const resume = useRef(options.resume);
  resume.current = options.resume;
  const key = JSON.stringify(options.variables ?? {});
  useEffect(() => {
    if (options.skip) {
      return;
    }
    let closed = false;
    let stop: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const open = (variables: V) => {
      void client.load().then(apollo => {
        if (closed) {
          return;
        }
        const reopen = (error?: unknown) => {
          if (closed || isFinalSubscriptionError(error)) {
            return;
          }
          retry = setTimeout(() => open(resume.current?.() ?? variables), reopenDelay(attempt++));
        };
        // Apollo Client hands errors over as results (`error`), then completes
        let ended: unknown;
        const subscription = apollo.subscribe({ query: document, variables }).subscribe({
          next: result => {
            if (result.error) {
              ended = result.error;
              return;
            }
            attempt = 0;
            onData.current({ data: { data: result.data as R | null | undefined } });
          },
          error: reopen,
          complete: () => reopen(ended),
        });
        stop = () => subscription.unsubscribe();
      });
    };
    open(JSON.parse(key) as V);
    return () => {
      closed = true;
      clearTimeout(retry);
      stop?.();
    };
  }, [client, document, key, options.skip]);
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
    if (
      (session?.user.id ?? null) !== (holder.session?.user.id ?? null) ||
      (session && session.expiresAt > (holder.session?.expiresAt ?? 0))
    ) {
      holder.set(session);
    }
  }, [session, holder]);
  const client = useMemo(
    () => lazyClient(holder, `${publicGatewayUrl.replace(/^http/, 'ws')}/graphql`),
    [holder, publicGatewayUrl],
  );
  const value = useMemo<AppContextValue>(
    () => ({
      locale,
      t: translator(locale),
      yen: amount => formatYen(amount, locale),
      holder,
      publicGatewayUrl,
      client,
    }),
    [locale, holder, publicGatewayUrl, client],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
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
