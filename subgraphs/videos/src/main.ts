import { commonEnv, createLogger, readEnv, runSubgraph, stopOnSignals, z } from '@vp/kit';
import { videos } from './definition';

async function main() {
  const env = readEnv({ ...commonEnv, PORT: z.coerce.number().default(4002) });
  const server = await runSubgraph(videos, {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    jwks: JSON.parse(env.AUTH_JWKS),
    port: env.PORT,
    host: env.HOST,
  });
  stopOnSignals(server.stop, createLogger('videos'));
}

void main();
