import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { startGateway } from '@vp/gateway';
import { type JSONWebKeySet } from 'jose';
import { Pool } from 'pg';

export type TargetKind = 'apollo' | 'hive' | 'ours' | 'ours-no-cost' | 'ours-no-cache' | 'bare-me';

export interface TargetConfig {
  supergraphSdl: string;
  jwks: JSONWebKeySet;
  /** bare-me only: the scratch database and the account `me` answers with. */
  databaseUrl?: string;
  userId?: string;
}

/**
 * The floor for `me`: a bare Apollo Server 5 (standalone) whose `me` resolver runs one `pg` query
 * for a fixed account (no token check, no ORM), on a pool as large as a subgraph's (10).
 */
async function bareMeServer({ databaseUrl, userId }: TargetConfig) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const server = new ApolloServer({
    typeDefs: 'type User { id: ID! handle: String! } type Query { me: User }',
    resolvers: {
      Query: {
        me: async () =>
          (await pool.query('select id, handle from users."user" where id = $1', [userId])).rows[0],
      },
    },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url.endsWith('/') ? url : `${url}/`;
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
async function ourGateway(
  { supergraphSdl, jwks }: TargetConfig,
  costEnabled = true,
  responseCache = true,
) {
  const gateway = await startGateway({
    supergraphSdl,
    jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 1_000_000_000 },
    cost: { enabled: costEnabled, key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
    // a gateway without the option (before it existed) ignores it
    ...({ responseCache: { enabled: responseCache } } as object),
  });
  return gateway.url;
}

export const startTarget = (kind: TargetKind, config: TargetConfig) =>
  ({
    apollo: bareApolloGateway,
    hive: hiveGateway,
    ours: (target: TargetConfig) => ourGateway(target, true),
    'ours-no-cost': (target: TargetConfig) => ourGateway(target, false),
    'ours-no-cache': (target: TargetConfig) => ourGateway(target, true, false),
    'bare-me': bareMeServer,
  })[kind](config);
