import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { startGateway } from '@vp/gateway';
import { type JSONWebKeySet } from 'jose';

export type TargetKind = 'apollo' | 'hive' | 'ours' | 'ours-no-cost';

export interface TargetConfig {
  supergraphSdl: string;
  jwks: JSONWebKeySet;
}

/** The baseline: @apollo/gateway in ApolloServer standalone, forwarding the caller's token. */
async function bareApolloGateway({ supergraphSdl }: TargetConfig) {
  const server = new ApolloServer<{ authorization?: string }>({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<{ authorization?: string }>({
          url,
          willSendRequest({ request, context }) {
            if (context.authorization) {
              request.http?.headers.set('authorization', context.authorization);
            }
          },
        }),
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return url.endsWith('/') ? url : `${url}/`;
}

/** Hive Gateway's runtime behind plain node:http, forwarding the caller's token. */
async function hiveGateway({ supergraphSdl }: TargetConfig) {
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
      }),
    },
  });
  const server = createServer(gateway);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** Budgets too large to refuse the bench: the cost is still computed and charged on every request. */
export const BENCH_BUDGET = { maximumAvailable: 1_000_000_000, restoreRate: 1_000_000_000 };

/**
 * Ours, with every protection on; the request limit and the cost budgets are set high enough not
 * to refuse the bench (the cost is computed and taken from the bucket on every request).
 */
async function ourGateway({ supergraphSdl, jwks }: TargetConfig, costEnabled = true) {
  const gateway = await startGateway({
    supergraphSdl,
    jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 1_000_000_000 },
    cost: { enabled: costEnabled, key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
  });
  return gateway.url;
}

export const startTarget = (kind: TargetKind, config: TargetConfig) =>
  ({
    apollo: bareApolloGateway,
    hive: hiveGateway,
    ours: (target: TargetConfig) => ourGateway(target, true),
    'ours-no-cost': (target: TargetConfig) => ourGateway(target, false),
  })[kind](config);
