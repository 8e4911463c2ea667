import { resolve } from 'node:path';
import {
  authJwksVariable,
  defineEnv,
  requiredInProduction,
  type EnvOf,
  mergeEnv,
  platformEnv,
  portVariable,
  trustProxyEnv,
  viewerTerritoryEnv,
  z,
} from '@vp/kit';
import { type GatewayConfig } from './app';
import { EMBEDDED_ALLOWED_ORIGINS, isOriginEntry } from './origins';

/** `points/restorePerSecond`, e.g. `5000/100`: a leaky bucket's size and refill rate. */
const bucket = (fallback: string, description: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
      if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be "points/restorePerSecond", e.g. 5000/100',
        });
        return z.NEVER;
      }
      return { maximumAvailable: Number(match[1]), restoreRate: Number(match[2]) };
    })
    .describe(description);

const perMinute = (fallback: number, description: string) =>
  z.coerce.number().int().min(0).default(fallback).describe(description);

/**
 * The gateway's variables. SUBGRAPH_<NAME>_URL (one per subgraph of the supergraph, e.g.
 * SUBGRAPH_USERS_URL) overrides where the supergraph says a subgraph is; the names come from the
 * supergraph, so they are read by pattern (`subgraphUrlOverrides`).
 */
export const gatewayEnv = mergeEnv(
  platformEnv,
  trustProxyEnv,
  viewerTerritoryEnv,
  defineEnv(
    {
      SUPERGRAPH_PATH: z
        .string()
        .default('schema/supergraph.graphql')
        .transform(path => resolve(__dirname, '../..', path))
        .describe('the composed supergraph the gateway serves (relative to the repository)'),
      AUTH_JWKS: authJwksVariable,
      PORT: portVariable(4000),
      HOST: z.string().default('0.0.0.0').describe('the address the gateway listens on'),
      GATEWAY_READY_CHECKS_SUBGRAPHS: z
        .enum(['on', 'off'])
        .default('on')
        .describe(
          '/ready also asks every subgraph (off on Kubernetes: one subgraph down would take every gateway pod out of the load balancer; its circuit breakers answer for it)',
        ),
      RATE_LIMIT_PER_MINUTE: perMinute(
        600,
        'GraphQL requests per client (key, user or address) per minute, whatever they cost: the secondary limit (0: off)',
      ),
      MAX_OPERATION_COST: z.coerce
        .number()
        .int()
        .min(1)
        .default(10_000)
        .describe('the most one operation may cost (gateway/src/partner/cost.ts has the rules)'),
      API_KEY_BUDGET: bucket(
        '5000/100',
        "an API key's cost budget, points/restored per second, unless the key has its own",
      ),
      USER_BUDGET: bucket(
        '5000/100',
        "a signed-in user's cost budget (their sessions together), points/restored per second",
      ),
      ANONYMOUS_BUDGET: bucket(
        '5000/100',
        "an anonymous client address's cost budget, points/restored per second",
      ),
      SUBGRAPH_TIMEOUT_MS: z.coerce
        .number()
        .int()
        .min(100)
        .max(120_000)
        .default(10_000)
        .describe(
          "the longest a subgraph fetch may take; after it the subgraph's fields are SERVICE_UNAVAILABLE",
        ),
      FORWARD_IDLE_TIMEOUT_MS: z.coerce
        .number()
        .int()
        .min(1000)
        .max(600_000)
        .default(30_000)
        .describe('a forwarded upload or media request fails (504) after this long without a byte'),
      SUBGRAPH_BREAKER_RESET_MS: z.coerce
        .number()
        .int()
        .min(100)
        .max(600_000)
        .default(5_000)
        .describe(
          "how long a subgraph's open circuit breaker refuses at once before trying it again",
        ),
      FORWARD_RATE_LIMIT_PER_MINUTE: perMinute(
        1200,
        'requests per client address per minute to the forwarded /uploads and /checkout routes',
      ),
      ALLOWED_ORIGINS: z
        .string()
        .default(EMBEDDED_ALLOWED_ORIGINS.join(','))
        .transform(list =>
          list
            .split(',')
            .map(origin => origin.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .refine(isOriginEntry, 'must be an origin, or http(s)://<host>:* for any port'),
          ),
        )
        .describe(
          "the first-party apps' browser origins (the web app, the studio, the mobile app's web export), comma-separated: CORS of /graphql and the WebSocket's Origin check, besides the gateway's own and each API key's allowedOrigins. `http://localhost:*` admits any port; the default admits any port of localhost and 127.0.0.1 (required in production, which lists exact origins)",
        ),
      PERSISTED_ONLY: z
        .enum(['true', 'false'])
        .optional()
        .transform(value => (value === undefined ? undefined : value === 'true'))
        .describe(
          'true: only persisted documents (documentId), except for API keys and ADMIN/ANALYST sessions (default: true in production, false otherwise)',
        ),
      PERSISTED_DOCUMENTS_PATH: z
        .string()
        .default('clients/shared/src/gql/persisted-documents.json')
        .transform(list =>
          list
            .split(',')
            .map(path => path.trim())
            .filter(Boolean)
            .map(path => resolve(__dirname, '../..', path)),
        )
        .describe(
          'manifests of persisted documents written by codegen, comma-separated (relative to the repository)',
        ),
      WS_SUBSCRIPTIONS_PER_CONNECTION: z.coerce
        .number()
        .int()
        .min(1)
        .default(20)
        .describe('subscriptions one WebSocket connection may hold'),
      WS_CONNECTIONS_PER_IP: z.coerce
        .number()
        .int()
        .min(1)
        .default(100)
        .describe('WebSocket connections one client address may hold'),
      RESPONSE_CACHE: z
        .enum(['on', 'off'])
        .default('on')
        .describe('the response cache of public answers (gateway/src/response-cache.ts)'),
      RESPONSE_CACHE_MAX_AGE_SECONDS: z.coerce
        .number()
        .int()
        .min(1)
        .max(3600)
        .default(30)
        .describe('the longest the response cache keeps an answer, whatever the hints say'),
      METRICS_TOKEN: z
        .string()
        .min(16, 'must be at least 16 characters')
        .optional()
        .describe('the bearer token that may read /metrics (unset: loopback only)'),
    },
    requiredInProduction('ALLOWED_ORIGINS'),
  ),
);

export type GatewayEnv = EnvOf<typeof gatewayEnv>;

/** SUBGRAPH_<NAME>_URL=… overrides the URL the supergraph gives for subgraph <name>. */
export function subgraphUrlOverrides(source: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) {
      urls[match[1].toLowerCase()] = value;
    }
  }
  return urls;
}

/** The gateway's limits and trust settings from its variables (main.ts and `npm start`). */
export function gatewayLimitsOf(
  env: Omit<GatewayEnv, 'AUTH_JWKS' | 'PORT' | 'HOST' | 'SUPERGRAPH_PATH'>,
): Omit<GatewayConfig, 'supergraphSdl' | 'jwks' | 'port' | 'host'> {
  return {
    redisUrl: env.REDIS_URL,
    rateLimit: { limit: env.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    cost: {
      enabled: true,
      maxOperationCost: env.MAX_OPERATION_COST,
      key: env.API_KEY_BUDGET,
      user: env.USER_BUDGET,
      anonymous: env.ANONYMOUS_BUDGET,
    },
    forwardRateLimit: { limit: env.FORWARD_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    allowedOrigins: env.ALLOWED_ORIGINS,
    persistedOnly: env.PERSISTED_ONLY ?? env.PLATFORM_ENV === 'production',
    persistedDocuments: env.PERSISTED_DOCUMENTS_PATH,
    subscriptionsPerConnection: env.WS_SUBSCRIPTIONS_PER_CONNECTION,
    connectionsPerIp: env.WS_CONNECTIONS_PER_IP,
    metricsToken: env.METRICS_TOKEN,
    responseCache: {
      enabled: env.RESPONSE_CACHE === 'on',
      maxAgeSeconds: env.RESPONSE_CACHE_MAX_AGE_SECONDS,
    },
    trustProxy: env.TRUST_PROXY,
    readyChecksSubgraphs: env.GATEWAY_READY_CHECKS_SUBGRAPHS === 'on',
    territoryHeader: env.VIEWER_TERRITORY_HEADER,
    defaultTerritory: env.DEFAULT_TERRITORY,
    subgraphFaults: {
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      forwardIdleTimeoutMs: env.FORWARD_IDLE_TIMEOUT_MS,
      resetTimeoutMs: env.SUBGRAPH_BREAKER_RESET_MS,
    },
  };
}
