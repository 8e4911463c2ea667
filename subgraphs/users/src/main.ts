import { commonEnv, readEnv, runSubgraph, stopOnSignals, createLogger, z } from '@vp/kit';
import { users } from './definition';

async function main() {
  const env = readEnv({ ...commonEnv, PORT: z.coerce.number().default(4001) });
  const server = await runSubgraph(users, {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    jwks: JSON.parse(env.AUTH_JWKS),
    port: env.PORT,
    host: env.HOST,
  });
  stopOnSignals(server.stop, createLogger('users'));
}

void main();
