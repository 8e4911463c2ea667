import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';

export interface GatewayContext {
  requestId: string;
  /** The caller's Authorization header, already verified by the gateway. */
  authorization?: string;
}

/** Passes the caller's verified token and the request id on to subgraphs, and nothing else. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if ('authorization' in context && context.authorization) {
      request.http?.headers.set('authorization', context.authorization);
    }
    if ('requestId' in context && context.requestId) {
      request.http?.headers.set('x-request-id', context.requestId);
    }
  }
}

/** Subgraph URLs come from the committed supergraph unless overridden (docker-compose, tests). */
export function createGateway(supergraphSdl: string, subgraphUrls: Record<string, string> = {}) {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource({ url: subgraphUrls[name] ?? url }),
  });
}
