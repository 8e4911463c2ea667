/**
 * `npm start`: the whole platform on the embedded defaults in one process. PostgreSQL from npm
 * (unless DATABASE_URL), development keys made once, every subgraph migrated and served on loopback,
 * and the gateway on :4000. Ctrl-C stops it all cleanly.
 */
import { join } from 'node:path';
import { readEnv, z } from '@vp/kit';
import { startPlatform } from './platform';

const env = readEnv({
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  PLATFORM_DATA_DIR: z.string().default(join(__dirname, '../../../.data')),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().default(54329),
  GATEWAY_PORT: z.coerce.number().int().default(4000),
  /** Subgraphs listen on loopback from this port up (users 4001 … search 4006 by default). */
  SUBGRAPH_BASE_PORT: z.coerce.number().int().default(4001),
  LIVE_RTMP_PORT: z.coerce.number().int().default(1935),
});

startPlatform({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  dataDir: env.PLATFORM_DATA_DIR,
  embeddedPostgresPort: env.EMBEDDED_POSTGRES_PORT,
  gatewayPort: env.GATEWAY_PORT,
  subgraphBasePort: env.SUBGRAPH_BASE_PORT,
  rtmpPort: env.LIVE_RTMP_PORT,
}).then(
  platform => {
    console.log(`\nThe platform is up.
  GraphQL (HTTP and WebSocket): ${platform.gatewayUrl}
  GraphiQL for analysts:        ${platform.gatewayUrl} in a browser
  Subgraphs:                    ${platform.subgraphs.map(s => `${s.name} ${s.url}`).join('\n                                ')}
  Data folder:                  ${env.PLATFORM_DATA_DIR}
Press Ctrl-C to stop.\n`);
    let stopping = false;
    const stop = () => {
      if (stopping) {
        return;
      }
      stopping = true;
      console.log('Stopping…');
      platform.stop().then(
        () => process.exit(0),
        err => {
          console.error(err);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  err => {
    console.error('The platform failed to start:', err);
    process.exit(1);
  },
);
