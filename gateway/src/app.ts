import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import {
  createLogger,
  createTokenVerifier,
  maskError,
  operationLogPlugin,
  requestIdOf,
  viewerFromAuthorization,
  type RunningServer,
} from '@vp/kit';
import express from 'express';
import { GraphQLError } from 'graphql';
import { type JSONWebKeySet } from 'jose';
import { createGateway, type GatewayContext } from './gateway';

export interface GatewayConfig {
  supergraphSdl: string;
  jwks: JSONWebKeySet;
  port: number;
  host: string;
  subgraphUrls?: Record<string, string>;
  redisUrl?: string;
}

export async function startGateway(config: GatewayConfig): Promise<RunningServer> {
  const log = createLogger('gateway');
  const verifyToken = createTokenVerifier(config.jwks);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  let draining = false;

  const gateway = createGateway(config.supergraphSdl, config.subgraphUrls);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      maskError(formatted, error, cause => log.error({ err: cause }, 'internal error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      operationLogPlugin(log),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ok' });
  });
  app.get('/ready', (_req, res) => {
    res.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ready' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = requestIdOf(req.headers['x-request-id']);
        const authorization = req.headers.authorization;
        try {
          await viewerFromAuthorization(authorization, verifyToken);
        } catch (error) {
          const message = error instanceof Error ? error.message : 'Unauthenticated';
          throw new GraphQLError(message, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        return { requestId, authorization };
      },
    }),
  );

  await new Promise<void>(resolve => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  log.info({ port }, 'gateway listening');
  let stopping: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    server: httpServer,
    stop() {
      stopping ??= (async () => {
        draining = true;
        await apollo.stop();
      })();
      return stopping;
    },
  };
}
