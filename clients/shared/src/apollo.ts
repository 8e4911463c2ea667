import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { SessionHolder } from './session';

/**
 * fetch for the HTTP link: a request whose token the platform refused (401: revoked by a role or
 * password change, or expired) is sent once more with the refreshed session's token.
 */
export function refreshingFetch(
  holder: SessionHolder,
  fetchImpl: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const sent = new Headers(init?.headers).get('authorization')?.replace(/^Bearer\s+/i, '');
    if (response.status !== 401 || !sent) {
      return response;
    }
    const token = await holder.tokenRefused(sent);
    if (!token) {
      return response;
    }
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetchImpl(input, { ...init, headers });
  };
}

/**
 * The Apollo Client of a browser app (web, studio): queries and mutations to the app's own
 * same-origin `/graphql` pass-through with the in-memory access token; subscriptions over
 * graphql-ws straight to the gateway (`wsUrl`, whose allowed origins must list the app's), opened
 * lazily, authenticated by connectionParams and reopened when the identity changes.
 */
export function makeApolloClient(holder: SessionHolder, wsUrl: string, httpUri = '/graphql') {
  const auth = new SetContextLink(async prev => {
    const token = await holder.token();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const http = new HttpLink({ uri: httpUri, fetch: refreshingFetch(holder) });
  let ws: ApolloLink | null = null;
  let wsClient: Client | null = null;
  let socketToken: string | null = null;
  const subscriptions = () => {
    if (!ws) {
      wsClient = createClient({
        url: wsUrl,
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        connectionParams: async () => {
          const token = await holder.token();
          socketToken = token;
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        on: {
          // 4403: the token was revoked (or expired); the retry reconnects with a refreshed one
          closed: event => {
            if ((event as { code?: number }).code === 4403 && socketToken) {
              void holder.tokenRefused(socketToken);
            }
          },
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
