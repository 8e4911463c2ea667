/**
 * `npm start`: the whole platform on the embedded defaults in one process. PostgreSQL from npm
 * (unless DATABASE_URL), development keys made once, every subgraph migrated and served on loopback,
 * and the gateway on :4000. Ctrl-C stops it all cleanly. Every variable of every subgraph and the
 * gateway is read here, once (`launcherEnv`); with PLATFORM_ENV=production a development-only
 * setting stops it before anything starts.
 */
import { EnvError, readEnv } from '@vp/kit';
import { launcherEnv, type LauncherEnv } from './env';
import { startPlatform } from './platform';

function readLauncherEnv(): LauncherEnv {
  try {
    return readEnv(launcherEnv) as LauncherEnv;
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}

const env = readLauncherEnv();

startPlatform({
  env,
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  dataDir: env.PLATFORM_DATA_DIR,
  embeddedPostgresPort: env.EMBEDDED_POSTGRES_PORT,
  gatewayPort: env.GATEWAY_PORT,
  subgraphBasePort: env.SUBGRAPH_BASE_PORT,
  rtmpPort: env.LIVE_RTMP_PORT,
  web:
    env.WEB_APP === 'on'
      ? { port: env.WEB_PORT, publicUrl: process.env.PUBLIC_WEB_URL || undefined }
      : undefined,
  studio:
    env.STUDIO_APP === 'on'
      ? { port: env.STUDIO_PORT, publicUrl: process.env.PUBLIC_STUDIO_URL || undefined }
      : undefined,
  // Set by the operator, the public origin wins over the gateway's local address.
  publicUrl: process.env.PUBLIC_URL ? env.PUBLIC_URL : undefined,
}).then(
  platform => {
    console.log(`\nThe platform is up.${platform.webUrl ? `\n  Web app:                      ${platform.webUrl}` : ''}${platform.studioUrl ? `\n  Creator studio:               ${platform.studioUrl}` : ''}
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
    const taken = err as NodeJS.ErrnoException & { port?: number };
    if (taken.code === 'EADDRINUSE') {
      // most often a platform started earlier that is still running
      console.error(
        `The platform failed to start: port ${taken.port} is in use by another program. ` +
          'Stop it, or choose other ports (GATEWAY_PORT, SUBGRAPH_BASE_PORT, WEB_PORT, STUDIO_PORT, ' +
          'LIVE_RTMP_PORT, EMBEDDED_POSTGRES_PORT).',
      );
    } else {
      console.error('The platform failed to start:', err);
    }
    process.exit(1);
  },
);
