import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { commonEnv, createLogger, readEnv, stopOnSignals, z } from '@vp/kit';
import { startGateway } from './app';

/** SUBGRAPH_<NAME>_URL=… overrides the URL the supergraph gives for subgraph <name>. */
function subgraphUrlOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) {
      urls[match[1].toLowerCase()] = value;
    }
  }
  return urls;
}

/** Runs the gateway alone, over a committed supergraph: `npm start -w @vp/gateway`. */
async function main() {
  const env = readEnv({
    SUPERGRAPH_PATH: z.string().default(resolve(__dirname, '../../schema/supergraph.graphql')),
    AUTH_JWKS: z.string().min(1, 'AUTH_JWKS must hold the public JSON Web Key Set of the users subgraph'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    REDIS_URL: z.string().url().optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    TRUST_PROXY: commonEnv.TRUST_PROXY,
    FORWARD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform(list => list.split(',').map(origin => origin.trim()).filter(Boolean))
      .pipe(z.array(z.string().url())),
    WS_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(20),
    WS_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(100),
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  });
  const gateway = await startGateway({
    supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
    jwks: JSON.parse(env.AUTH_JWKS),
    port: env.PORT,
    host: env.HOST,
    redisUrl: env.REDIS_URL,
    subgraphUrls: subgraphUrlOverrides(process.env),
    rateLimit: { limit: env.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    forwardRateLimit: { limit: env.FORWARD_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    allowedOrigins: env.ALLOWED_ORIGINS,
    subscriptionsPerConnection: env.WS_SUBSCRIPTIONS_PER_CONNECTION,
    connectionsPerIp: env.WS_CONNECTIONS_PER_IP,
    metricsToken: env.METRICS_TOKEN,
    trustProxy: env.TRUST_PROXY,
  });
  stopOnSignals(gateway.stop, createLogger('gateway'));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
