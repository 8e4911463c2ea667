import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { type EntityManager } from '@mikro-orm/postgresql';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import proxyAddr from 'proxy-addr';
import { type TokenVerifier, type Viewer, viewerFromAuthorization } from './auth';
import { compileTrustProxy, DEFAULT_TRUST_PROXY } from './client-address';
import {
  answerGraphqlLocally,
  isDirectGraphqlRequest,
  type LocalGraphql,
  serveGraphqlDirectly,
} from './graphql-http';
import { isDatabaseReachable, type MikroORM } from './db';
import { listen as listenOn } from './listen';
import { entitiesLimitPlugin } from './entities-limit';
import { unstorableTextPlugin } from './unstorable-text';
import { maskError } from './errors';
import { lazyChildLogger, type Logger } from './logger';
import { type SharedState } from './redis';
import { DEFAULT_TERRITORY, territoryOf, VIEWER_TERRITORY_HEADER } from './territory';

/** What every resolver gets; a subgraph may add its own fields (loaders, services). */
export interface BaseContext {
  em: EntityManager;
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  shared: SharedState;
  /** Where the request came from, as this server saw it (not trusted for authorisation). */
  client?: ClientInfo;
  /**
   * The viewer's territory (ISO 3166-1 alpha-2): what the gateway said in `x-viewer-territory`
   * when the request came from a TRUST_PROXY hop, else DEFAULT_TERRITORY (territory.ts).
   */
  territory: string;
  /** The WebSocket connection a subscription arrived on (unique per connection); unset over HTTP. */
  connectionId?: string;
  /**
   * The request's headers as the gateway sent them (lower-case names; over WebSocket, the
   * upgrade request's). Subgraphs read only what the gateway sets (Accept-Language, the viewer's
   * territory), never identity: that comes from the verified token alone.
   */
  headers?: IncomingHttpHeaders;
}

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
  /**
   * The caller's cost budget as the gateway charged it for this request (header
   * `x-vp-rate-limit`), for the `rateLimit` query. It describes only the caller's own budget, so a
   * forged header misleads nobody but its sender.
   */
  rateLimit?: RateLimitStatus;
}

export interface RateLimitStatus {
  limit: number;
  cost: number;
  remaining: number;
  resetAt: string;
}

export const RATE_LIMIT_STATUS_HEADER = 'x-vp-rate-limit';

function rateLimitStatusOf(header: string | string[] | undefined): RateLimitStatus | undefined {
  if (typeof header !== 'string') {
    return undefined;
  }
  try {
    const value = JSON.parse(header) as RateLimitStatus;
    return [value.limit, value.cost, value.remaining].every(Number.isFinite) &&
      typeof value.resetAt === 'string'
      ? { limit: value.limit, cost: value.cost, remaining: value.remaining, resetAt: value.resetAt }
      : undefined;
  } catch {
    return undefined;
  }
}

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  log: Logger;
  shared: SharedState;
  verifyToken: TokenVerifier;
  /** Adds subgraph-specific fields to the per-request context. */
  extendContext?: (base: BaseContext) => TContext | Promise<TContext>;
  /**
   * Mounts extra HTTP routes (uploads, media, webhooks) before /graphql. JSON POSTs on /graphql
   * never reach them unless one is mounted for every path (`app.use(fn)`): mount under a path.
   */
  routes?: (app: express.Express) => void;
  /** Extra work on stop (workers, ingest servers), run after HTTP has drained. */
  onStop?: () => Promise<void>;
  /** TRUST_PROXY: the hops (the gateway) whose `x-viewer-territory` is believed (default loopback). */
  trustProxy?: string;
  /** DEFAULT_TERRITORY (default JP). */
  defaultTerritory?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /**
   * `url` answered in this process without a socket, for a gateway in the same process (the
   * one-process platform); unset when /graphql must go through express (a route reaches it).
   */
  local?: LocalGraphql;
  stop(): Promise<void>;
}

/** What express's router keeps of each mounted route or middleware (router 2). */
interface RouterLayer {
  route?: unknown;
  handle?: { stack?: RouterLayer[] };
  match(path: string): { path: string } | false;
}

/**
 * Whether a request to `path` reaches any of these layers: a middleware or route whose path
 * matches, looking into mounted routers (a router mounted for every path whose own routes are all
 * elsewhere, videos' uploads, is not reached).
 */
function reaches(stack: RouterLayer[], path: string): boolean {
  return stack.some(layer => {
    const matched = layer.match(path);
    if (!matched) {
      return false;
    }
    const inner = layer.handle?.stack;
    return !layer.route && Array.isArray(inner)
      ? reaches(inner, path.slice(matched.path.length) || '/')
      : true;
  });
}

/** The hops whose X-Forwarded-For a subgraph believes for `client.ip` (express's `trust proxy`). */
const GATEWAY_HOPS = ['loopback', 'uniquelocal'];

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;
export const requestIdOf = (header: unknown) =>
  typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();

function unauthenticatedHttp(error: unknown): never {
  if (error instanceof GraphQLError) {
    throw new GraphQLError(error.message, {
      extensions: { ...error.extensions, http: { status: 401 } },
    });
  }
  throw error;
}

/** Logs each operation with its request id, and the cause of every error that gets masked. */
export function operationLogPlugin(log: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart({ contextValue, request }) {
      if (!log.isLevelEnabled('info')) {
        return; // the line would be dropped: no hooks, no timing
      }
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          log.info(
            {
              requestId: contextValue.requestId,
              operation: request.operationName ?? null,
              ms: Math.round(performance.now() - started),
              errors: errors?.length ?? 0,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}

/**
 * One Apollo subgraph on one http.Server: GraphQL over HTTP and graphql-ws on /graphql, /health and
 * /ready, JSON logs with request ids, masked internal errors, and a drain on stop.
 */
export async function startSubgraph<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
  listen: { port: number; host: string },
): Promise<RunningServer> {
  const { schema, orm, log, shared, verifyToken } = options;
  const app = express();
  app.disable('x-powered-by');
  // only the gateway reads subgraph answers, never conditionally: hashing each body was wasted
  app.set('etag', false);
  // Only the gateway calls subgraphs (loopback or the private network): its X-Forwarded-For is the
  // client's address, used for security alerts and never for access decisions.
  app.set('trust proxy', GATEWAY_HOPS);
  const gatewayHops = proxyAddr.compile(GATEWAY_HOPS);
  // set once the routes are mounted: whether /graphql JSON POSTs may skip express (see below)
  let direct: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const httpServer = createServer((req, res) => {
    if (direct && isDirectGraphqlRequest(req)) {
      direct(req, res);
    } else {
      app(req, res);
    }
  });
  let draining = false;
  const territory = {
    trust: compileTrustProxy(options.trustProxy ?? DEFAULT_TRUST_PROXY),
    header: VIEWER_TERRITORY_HEADER,
    fallback: options.defaultTerritory ?? DEFAULT_TERRITORY,
  };

  const buildContext = async (
    viewer: Viewer | null,
    requestId: string,
    where: { client?: ClientInfo; territory: string },
    connectionId?: string,
    headers?: IncomingHttpHeaders,
  ): Promise<TContext> => {
    const base: BaseContext = {
      em: orm.em.fork() as EntityManager,
      viewer,
      requestId,
      log: lazyChildLogger(log, { requestId }),
      shared,
      client: where.client,
      territory: where.territory,
      connectionId,
      headers,
    };
    return options.extendContext ? options.extendContext(base) : (base as TContext);
  };

  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<
    { authorization?: string },
    { viewer?: Viewer | null; connectionId?: string }
  >(
    {
      schema,
      onConnect: async ctx => {
        ctx.extra.connectionId = randomUUID();
        try {
          ctx.extra.viewer = await viewerFromAuthorization(
            ctx.connectionParams?.authorization,
            verifyToken,
          );
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      context: ctx =>
        buildContext(
          ctx.extra.viewer ?? null,
          randomUUID(),
          {
            client: {
              ip: ctx.extra.request.socket.remoteAddress,
              userAgent: ctx.extra.request.headers['user-agent'],
            },
            territory: territoryOf(ctx.extra.request, territory),
          },
          ctx.extra.connectionId,
          ctx.extra.request.headers,
        ),
    },
    wss,
  );

  const apollo = new ApolloServer<TContext>({
    schema,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // stopOnSignals owns SIGTERM/SIGINT; Apollo's own handler would re-raise the signal mid-stop.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      maskError(formatted, error, cause => log.error({ err: cause }, 'internal error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      // Traces are for Apollo's hosted usage reporting, which this platform does not use.
      ApolloServerPluginInlineTraceDisabled(),
      entitiesLimitPlugin(),
      unstorableTextPlugin(),
      operationLogPlugin(log) as ApolloServerPlugin<TContext>,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const ok = !draining && (await isDatabaseReachable(orm));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable' });
  });
  options.routes?.(app);
  const httpContext = async (
    req: Pick<IncomingMessage, 'headers' | 'socket'>,
    requestId: string,
    ipOf: () => string | undefined,
  ) => {
    const viewer = await viewerFromAuthorization(req.headers.authorization, verifyToken).catch(
      unauthenticatedHttp,
    );
    return buildContext(
      viewer,
      requestId,
      {
        client: {
          // worked out when read (security alerts, sign-in throttling), not on every request
          get ip() {
            const ip = ipOf();
            Object.defineProperty(this, 'ip', { value: ip, enumerable: true, writable: true });
            return ip;
          },
          userAgent: req.headers['user-agent'],
          rateLimit: rateLimitStatusOf(req.headers[RATE_LIMIT_STATUS_HEADER]),
        },
        territory: territoryOf(req, territory),
      },
      undefined,
      req.headers,
    );
  };
  // A route that a /graphql request reaches (app.use(fn) with no path: payments' sandbox learns its
  // own URL from any request) must keep seeing it, so such a subgraph keeps express for /graphql.
  const reachedByGraphql = ['/graphql', '/graphql/'].some(path =>
    reaches((app.router as unknown as { stack: RouterLayer[] }).stack, path),
  );
  let local: LocalGraphql | undefined;
  if (!reachedByGraphql) {
    direct = (req, res) => {
      const requestId = requestIdOf(req.headers['x-request-id']);
      res.setHeader('x-request-id', requestId);
      void serveGraphqlDirectly(apollo, req, res, () =>
        httpContext(req, requestId, () =>
          req.socket.remoteAddress ? proxyAddr(req, gatewayHops) : undefined,
        ),
      );
    };
    local = async (headers, body) => {
      if (stopping) {
        // as a stopped server's port would answer: the gateway's breaker sees it unreachable
        throw Object.assign(new Error(`${options.name} subgraph stopped`), {
          code: 'ECONNREFUSED',
        });
      }
      // the caller is this process: a loopback peer, as the gateway's socket would have been
      const req = { headers, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
      const requestId = requestIdOf(headers['x-request-id']);
      const answer = await answerGraphqlLocally(apollo, headers, body, () =>
        httpContext(req, requestId, () => proxyAddr(req, gatewayHops)),
      );
      answer.headers.set('x-request-id', requestId);
      return answer;
    };
  }
  app.use(
    '/graphql',
    (req, res, next) => {
      res.setHeader('x-request-id', requestIdOf(req.headers['x-request-id']));
      next();
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        httpContext(req, String(res.getHeader('x-request-id')), () => req.ip),
    }),
  );

  const { port } = await listenOn(httpServer, { port: listen.port, host: listen.host });
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  log.info({ port, host: listen.host }, `${options.name} subgraph listening`);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    server: httpServer,
    local,
    stop() {
      stopping ??= (async () => {
        draining = true;
        await apollo.stop();
        await options.onStop?.();
        await orm.close();
      })();
      return stopping;
    },
  };
}
