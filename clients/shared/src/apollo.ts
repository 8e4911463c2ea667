import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { SessionHolder } from './session';

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
  const http = new HttpLink({ uri: httpUri });
  let ws: ApolloLink | null = null;
  let wsClient: Client | null = null;
  const subscriptions = () => {
    if (!ws) {
      wsClient = createClient({
        url: wsUrl,
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
