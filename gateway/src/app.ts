import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { expressMiddleware } from '@as-integrations/express5';
import {
  clientAddress,
  compileTrustProxy,
  createLogger,
  createSharedState,
  DEFAULT_CDN_TERRITORY_HEADER,
  DEFAULT_TERRITORY,
  DEFAULT_TRUST_PROXY,
  isDirectGraphqlRequest,
  listen,
  type LocalGraphql,
  operationLogPlugin,
  readJsonBody,
  type RunningServer,
  type SharedState,
  territoryOf,
} from '@vp/kit';
import express from 'express';
import { GraphQLError } from 'graphql';
import { type JSONWebKeySet } from 'jose';
import { errorLogPlugin, formatGatewayError } from './errors';
import { EntityCache } from './entity-cache';
import { acceptLanguageOf, createGateway, keepAliveFetcher, type GatewayContext } from './gateway';
import { graphiqlRoutes } from './graphiql';
import { healthRoutes } from './health';
import { localFirst } from './subgraph-fetch';
import {
  createApiKeyVerifier,
  createCachedVerifier,
  errorBody,
  identityMiddleware,
  identityOf,
} from './identity';
import { DEFAULT_LIMITS, documentTextMiddleware, limitRules, type OperationLimits } from './limits';
import { createForwarder } from './forward';
import {
  DEFAULT_SUBGRAPH_FAULTS,
  subgraphBreakers,
  type SubgraphFaultSettings,
} from './subgraph-faults';
import { GatewayMetrics, metricsAccess } from './metrics';
import {
  countRequest,
  DEFAULT_RATE_LIMIT,
  rateLimitMiddleware,
  type RequestRateLimit,
} from './rate-limit';
import { DEFAULT_COST_SETTINGS, payerOf, type CostSettings } from './partner/budget';
import { partnerPlugin } from './partner/plugin';
import { cors, keyOriginsFrom } from './partner/cors';
import { PersistedDocuments, persistedDocumentsMiddleware } from './partner/persisted';
import { type SubscriptionHub } from './subscriptions/hub';
import { SupergraphOwnership } from './subscriptions/ownership';
import { serveSubscriptions } from './subscriptions/server';
import { cachedAnswerMiddleware } from './cached-answer';
import {
  DEFAULT_RESPONSE_CACHE,
  KnownOperations,
  responseCachePlugin,
  type ResponseCacheSettings,
} from './response-cache';

/**
 * Connections the kernel may hold for accept() while the event loop is busy (node's default is 511;
 * the kernel caps it at net.core.somaxconn). A crowd of WebSocket clients arriving at once (a
 * popular stream starting, every client reconnecting after a deploy) overflowed 511 in bench/chat
 * at 10,000 subscribers, and the overflow reset connections.
 */
const LISTEN_BACKLOG = 4096;
export interface GatewayConfig {
  supergraphSdl: string;
  jwks: JSONWebKeySet;
  port: number;
  host: string;
  /** Overrides of the subgraph URLs written in the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /**
   * Subgraphs running in this process (the one-process platform), by their /graphql URL: their
   * operations are answered without a socket (subgraph-fetch.ts localFirst). Read at each fetch,
   * so a subgraph started again on its URL is put in place of the old one.
   */
  localSubgraphs?: ReadonlyMap<string, LocalGraphql>;
  /** Shared rate-limit counters through Redis, so that several gateways count as one. */
  redisUrl?: string;
  limits?: Partial<OperationLimits>;
  /** Operation cost and the leaky-bucket budgets of keys, users and anonymous addresses. */
  cost?: Partial<CostSettings>;
  /** A secondary limit on the number of requests (the cost budget is the primary one). */
  rateLimit?: Partial<RequestRateLimit>;
  /** Largest accepted JSON body (express `limit` syntax). */
  bodyLimit?: string;
  /** `/ready` also asks each subgraph's `/health` (default true). */
  readyChecksSubgraphs?: boolean;
  /**
   * TRUST_PROXY: the proxies in front whose X-Forwarded-For is believed (addresses, CIDRs or
   * proxy-addr names; default loopback, empty for none), so per-IP limits see the client's address.
   */
  trustProxy?: string;
  /** Per-IP limit of the forwarded /uploads and /checkout routes (each its own counter). */
  forwardRateLimit?: Partial<RequestRateLimit>;
  /**
   * Browser origins allowed to open the WebSocket besides the gateway's own (e.g. the web app's
   * `https://app.example.com`). Clients that send no Origin (servers, mobile apps) are allowed.
   */
  allowedOrigins?: string[];
  /** Most subscriptions one WebSocket connection may hold at once (default 20). */
  subscriptionsPerConnection?: number;
  /** Most WebSocket connections one IP may hold open at once (default 100). */
  connectionsPerIp?: number;
  /** `/metrics` answers loopback callers, and others that send `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /**
   * VIEWER_TERRITORY_HEADER: the header the CDN in front sets to the viewer's country
   * (default `CloudFront-Viewer-Country`), believed only when a TRUST_PROXY hop sent the request.
   */
  territoryHeader?: string;
  /** DEFAULT_TERRITORY: the viewer's territory otherwise (default JP). */
  defaultTerritory?: string;
  /** The subgraph that verifies API keys (`POST /internal/api-keys/verify`); default users. */
  apiKeysSubgraph?: string;
  /**
   * The persisted documents the gateway runs by `documentId`: manifests written by codegen
   * (default: clients/shared/src/gql/persisted-documents.json), or the documents themselves.
   */
  persistedDocuments?: string[] | Record<string, string>;
  /**
   * Only persisted documents, except for API keys and ADMIN/ANALYST sessions (PERSISTED_ONLY;
   * the production default). Default false.
   */
  persistedOnly?: boolean;
  /** Deadlines and circuit breakers of subgraph calls (subgraph-faults.ts has the defaults). */
  subgraphFaults?: Partial<SubgraphFaultSettings>;
  /** The response cache of public answers (response-cache.ts; on by default). */
  responseCache?: Partial<ResponseCacheSettings>;
}

export const DEFAULT_PERSISTED_DOCUMENTS = resolve(
  __dirname,
  '../../clients/shared/src/gql/persisted-documents.json',
);

export interface RunningGateway extends RunningServer {
  metrics: GatewayMetrics;
  subscriptions: SubscriptionHub;
}

const GRAPHQL_PATH = '/graphql';

/** Twice GraphQL's: per IP rather than per viewer, and one upload can be many part requests. */
export const DEFAULT_FORWARD_RATE_LIMIT: RequestRateLimit = { limit: 1200, windowMs: 60_000 };

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1 << 10,
  mb: 1 << 20,
  gb: 1 << 30,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};

/** express's `limit` syntax (the `bytes` package's: '100kb', '1mb', or a number of bytes). */
export function bytesOf(limit: string | number): number {
  if (typeof limit === 'number') {
    return limit;
  }
  const match = /^((-|\+)?(\d+(?:\.\d*)?|\.\d+)) *(kb|mb|gb|tb|pb|b)?$/i.exec(limit.trim());
  if (!match) {
    return Infinity; // as body-parser takes a limit `bytes` cannot read: none
  }
  return Math.floor(BYTE_UNITS[(match[4] ?? 'b').toLowerCase()] * parseFloat(match[1]));
}

/** Subscriptions go over graphql-ws; @apollo/gateway cannot execute them, so say so clearly. */
const subscriptionsOverHttpRefused: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError(
            'Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP.',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        }
      },
    };
  },
};

/**
 * The public edge of the supergraph: verifies access tokens, limits documents and request rates,
 * plans queries with @apollo/gateway over keep-alive connections, serves subscriptions over
 * graphql-ws on the same path, GraphiQL for browsers, and health, readiness and metrics.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const log = createLogger('gateway');
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  const rateLimit = { ...DEFAULT_RATE_LIMIT, ...config.rateLimit };
  const cost: CostSettings = { ...DEFAULT_COST_SETTINGS, ...config.cost };
  const forwardRateLimit = { ...DEFAULT_FORWARD_RATE_LIMIT, ...config.forwardRateLimit };
  const metrics = new GatewayMetrics();
  const keepAlive = keepAliveFetcher();
  // operations go to a subgraph in this process without a socket; every other request over HTTP
  const graphqlFetcher = config.localSubgraphs
    ? localFirst(config.localSubgraphs, keepAlive.fetcher)
    : keepAlive.fetcher;
  const ownership = new SupergraphOwnership(config.supergraphSdl);
  const apiSchema = Supergraph.build(config.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const subgraphUrl = (name: string) =>
    config.subgraphUrls?.[name] ?? ownership.subgraphs.get(name)?.url ?? '';
  const trustProxy = compileTrustProxy(config.trustProxy ?? DEFAULT_TRUST_PROXY);
  const territory = {
    trust: trustProxy,
    header: config.territoryHeader ?? DEFAULT_CDN_TERRITORY_HEADER,
    fallback: config.defaultTerritory ?? DEFAULT_TERRITORY,
  };
  const shared: SharedState = await createSharedState(config.redisUrl);
  // revoked tokens (sign-out, password, roles, suspension) are refused here and on every subgraph
  const verifyToken = createCachedVerifier(config.jwks, shared.revocations);
  const persisted = Array.isArray(config.persistedDocuments ?? [])
    ? PersistedDocuments.fromFiles(
        (config.persistedDocuments as string[] | undefined) ?? [DEFAULT_PERSISTED_DOCUMENTS],
      )
    : new PersistedDocuments(config.persistedDocuments as Record<string, string>);
  const persistedOnly = config.persistedOnly ?? false;
  const keysGraph = config.apiKeysSubgraph ?? 'users';
  const verifyKey = ownership.subgraphs.has(keysGraph)
    ? createApiKeyVerifier(
        () => new URL('/internal/api-keys/verify', subgraphUrl(keysGraph)).href,
        keepAlive.fetcher,
        verifyToken,
      )
    : undefined;

  const app = express();
  app.disable('x-powered-by');
  // req.ip, req.protocol and req.host (and the forwarder) follow the same trust as clientAddress
  app.set('trust proxy', trustProxy);
  // set once the routes are mounted: JSON POSTs to /graphql skip express's router (see below)
  const graphqlRoute: { direct?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const httpServer = createServer((req, res) => {
    if (graphqlRoute.direct && isDirectGraphqlRequest(req)) {
      graphqlRoute.direct(req, res);
    } else {
      app(req, res);
    }
  });
  let draining = false;
  let schemaLoaded = false;

  const faults = subgraphBreakers({ ...DEFAULT_SUBGRAPH_FAULTS, ...config.subgraphFaults }, log);
  const responseCacheSettings = { ...DEFAULT_RESPONSE_CACHE, ...config.responseCache };
  const entityCache = responseCacheSettings.enabled
    ? new EntityCache(shared, responseCacheSettings.maxAgeSeconds)
    : undefined;
  const gateway = createGateway(config.supergraphSdl, {
    subgraphUrls: config.subgraphUrls,
    metrics,
    fetcher: graphqlFetcher,
    faults,
    entityCache,
  });
  gateway.onSchemaLoadOrUpdate(() => {
    schemaLoaded = true;
  });

  const forwarder = createForwarder({
    subgraphUrl,
    log,
    faults,
    admit: (req, res, route, requestId) =>
      route.limit === 'none'
        ? Promise.resolve(true)
        : countRequest(
            shared.rateLimiter,
            forwardRateLimit,
            `gateway${route.prefix}:ip:${clientAddress(req, trustProxy)}`,
            res,
            requestId,
          ),
  });

  const subscriptions = serveSubscriptions({
    httpServer,
    path: GRAPHQL_PATH,
    allowedOrigins: config.allowedOrigins ?? [],
    trustProxy,
    subscriptionsPerConnection: config.subscriptionsPerConnection ?? 20,
    connectionsPerIp: config.connectionsPerIp ?? 100,
    apiSchema,
    ownership,
    limits,
    cost,
    costBuckets: shared.costBuckets,
    revocations: shared.revocations,
    verifyToken,
    verifyKey,
    persisted,
    persistedOnly,
    subgraphUrl,
    log,
    fetchEntities: async (graph, query, variables, headers) => {
      const started = performance.now();
      let ok = false;
      try {
        const response = await graphqlFetcher(subgraphUrl(graph), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-request-id': headers.requestId,
            ...(headers.authorization ? { authorization: headers.authorization } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as Awaited<
          ReturnType<Parameters<typeof serveSubscriptions>[0]['fetchEntities']>
        >;
        ok = response.ok && !body.errors?.length;
        return body;
      } finally {
        metrics.recordSubgraphFetch(graph, (performance.now() - started) / 1000, ok);
      }
    },
  });

  // operations whose cached answers may be served before Apollo (cached-answer.ts)
  const knownOperations = new KnownOperations();
  gateway.onSchemaLoadOrUpdate(() => knownOperations.clear());
  const contextOf = (req: express.Request, res: express.Response): GatewayContext => {
    const { requestId, authorization, viewer, apiKey } = identityOf(res);
    const clientIp = clientAddress(req, trustProxy);
    return {
      requestId,
      authorization,
      clientIp,
      userAgent: req.headers['user-agent'],
      apiKey,
      payer: payerOf(cost, { apiKey, viewerId: viewer?.id, ip: clientIp }),
      territory: territoryOf(req, territory),
      acceptLanguage: acceptLanguageOf(req.headers['accept-language']),
    };
  };

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The process decides when to stop (stopOnSignals / the launcher); Apollo's own signal handler
    // would start a second, competing stop.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    // automatic persisted queries would let anyone register any text under a hash: off; the
    // manifest of first-party documents is served by partner/persisted.ts instead
    persistedQueries: false,
    introspection: true,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limitRules(limits),
    // a backstop to the text checks of documentTextMiddleware
    parseOptions: { maxTokens: limits.tokens },
    formatError: formatGatewayError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      ApolloServerPluginLandingPageDisabled(),
      subscriptionsOverHttpRefused,
      metrics.plugin(),
      partnerPlugin(shared.costBuckets, cost, ownership),
      // the policy comes from the subgraphs' Cache-Control; the header is the cache plugin's call
      // (Apollo's own would mark a signed-in viewer's answer `public`)
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      responseCachePlugin(shared.responseCache, responseCacheSettings, knownOperations),
      operationLogPlugin(log),
      errorLogPlugin(log),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await subscriptions.close();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  healthRoutes(app, {
    draining: () => draining,
    schemaLoaded: () => schemaLoaded,
    subgraphs:
      config.readyChecksSubgraphs === false
        ? undefined
        : () =>
            Object.fromEntries(
              [...ownership.subgraphs.keys()].map(name => [name, subgraphUrl(name)]),
            ),
  });
  app.use(forwarder.handler);
  app.get('/metrics', metricsAccess(config.metricsToken), async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  const corsRules = cors({
    firstParty: config.allowedOrigins ?? [],
    keyOrigins: verifyKey
      ? keyOriginsFrom(
          () => new URL('/internal/api-keys/origins', subgraphUrl(keysGraph)).href,
          url => keepAlive.fetcher(url),
        )
      : async () => new Set<string>(),
  });
  const bodyLimit = config.bodyLimit ?? '100kb';
  const jsonBody = express.json({ limit: bodyLimit });
  // every middleware of a /graphql operation, in order (corsRules.before is mounted on its own,
  // before GraphiQL's GET route, whose OPTIONS express would answer itself)
  const graphqlHandlers: express.RequestHandler[] = [
    identityMiddleware(verifyToken, verifyKey),
    corsRules.after,
    rateLimitMiddleware(shared.rateLimiter, rateLimit, trustProxy),
    jsonBody,
    persistedDocumentsMiddleware(persisted, persistedOnly),
    documentTextMiddleware(limits),
    cachedAnswerMiddleware({
      store: shared.responseCache,
      settings: responseCacheSettings,
      known: knownOperations,
      buckets: shared.costBuckets,
      cost,
      metrics,
      log,
      contextOf,
    }),
    expressMiddleware(apollo, { context: async ({ req, res }) => contextOf(req, res) }),
  ];
  // body-parser's errors (too large, not JSON) as coded GraphQL errors rather than HTML pages
  const bodyErrors = (
    error: { status?: number; type?: string },
    _req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => {
    if (res.headersSent) {
      return next(error);
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large.'
        : status < 500
          ? 'The request body is not valid JSON.'
          : 'Internal server error';
    if (status >= 500) {
      log.error({ err: error }, 'request failed');
    }
    res
      .status(status)
      .json(errorBody(message, status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR'));
  };
  app.use(GRAPHQL_PATH, corsRules.before);
  app.use(graphiqlRoutes(GRAPHQL_PATH));
  app.use(GRAPHQL_PATH, ...graphqlHandlers);
  app.use(bodyErrors);
  // No route before /graphql's answers a POST to /graphql itself (health, metrics and GraphiQL are
  // GETs; the forwarder's prefixes are others): such a request runs the same handlers in the same
  // order on express's own request and response objects, without the router's walk through every
  // layer, which was a large part of a cached answer's CPU.
  // The body as express.json() reads it (kit readJsonBody), without body-parser's content-type,
  // charset and stream machinery (the request is UTF-8 JSON, isDirectGraphqlRequest made sure).
  const bodyLimitBytes = bytesOf(bodyLimit);
  const directJsonBody: express.RequestHandler = (req, res, next) => {
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] === undefined && isNaN(length as unknown as number)) {
      return jsonBody(req, res, next); // no body at all: body-parser's own answer
    }
    readJsonBody(req, bodyLimitBytes).then(
      body => {
        req.body = body;
        next();
      },
      (problem: { status: number }) =>
        next({
          status: problem.status,
          type: problem.status === 413 ? 'entity.too.large' : 'entity.parse.failed',
        }),
    );
  };
  const graphqlChain = [
    corsRules.before,
    ...graphqlHandlers.map(handler => (handler === jsonBody ? directJsonBody : handler)),
  ];
  graphqlRoute.direct = (req, res) => {
    // what express's app.handle does before its router (x-powered-by is off)
    const request = req as express.Request;
    const response = res as express.Response;
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    response.locals = Object.create(null);
    // what mounting on GRAPHQL_PATH does: the path seen inside is the rest, '/' at least
    request.originalUrl = req.url!;
    request.baseUrl = GRAPHQL_PATH;
    const rest = req.url!.slice(GRAPHQL_PATH.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    let index = 0;
    const failed = (error: unknown) => {
      // express's final handler, once the error handler has given up (the answer is under way)
      bodyErrors(error as { status?: number }, request, response, () => req.socket.destroy());
    };
    const next = (error?: unknown) => {
      if (error !== undefined && error !== null) {
        failed(error);
        return;
      }
      const handler = graphqlChain[index++];
      if (!handler) {
        return;
      }
      try {
        // as express 5's router: a rejected promise is an error passed on
        const result = handler(request, response, next) as unknown;
        if (result instanceof Promise) {
          result.catch((reason: unknown) => failed(reason ?? new Error('Rejected promise')));
        }
      } catch (thrown) {
        failed(thrown);
      }
    };
    next();
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      await apollo.stop();
      keepAlive.close();
      entityCache?.close();
      forwarder.close();
      faults.shutdown();
      await shared.close();
    })();
    return stopping;
  };
  let port: number;
  try {
    ({ port } = await listen(httpServer, {
      port: config.port,
      host: config.host,
      backlog: LISTEN_BACKLOG,
    }));
  } catch (error) {
    // a taken port: let go of what was started, so that the caller sees only the error
    await stop().catch(() => undefined);
    throw error;
  }
  log.info({ port }, 'gateway listening');
  return {
    url: `http://localhost:${port}${GRAPHQL_PATH}`,
    port,
    server: httpServer,
    metrics,
    subscriptions: subscriptions.hub,
    stop,
  };
}

export { gatewayEnv, gatewayLimitsOf, subgraphUrlOverrides, type GatewayEnv } from './env';
