import { commonEnv, createLogger, readEnv, runSubgraph, stopOnSignals, z } from '@vp/kit';
import { search } from './definition';

async function main() {
  const env = readEnv({ ...commonEnv, PORT: z.coerce.number().default(4006) });
  const server = await runSubgraph(search, {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    jwks: JSON.parse(env.AUTH_JWKS),
    port: env.PORT,
    host: env.HOST,
  });
  stopOnSignals(server.stop, createLogger('search'));
}

void main();
