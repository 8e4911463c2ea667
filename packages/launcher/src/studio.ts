import { join } from 'node:path';
import { type RunningApp, runBuild, serveApp } from './app-process';

/** clients/studio: the creator's studio (a Vite SPA behind its small Node server), beside the gateway. */
export const STUDIO_DIR = join(__dirname, '../../../clients/studio');

/**
 * Builds the studio unless its last build came from the same sources (clients/studio/scripts/build.mjs
 * keeps a hash of them in dist/): seconds the first time, nothing after. Progress is printed.
 */
export function buildStudio(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? (line => console.log(`[studio build] ${line}`));
  return runBuild('the studio', join(STUDIO_DIR, 'scripts/build.mjs'), {
    cwd: STUDIO_DIR,
    force: options.force,
    log,
  });
}

export interface StudioOptions {
  port: number;
  host?: string;
  /** The gateway's /graphql as the studio's server reaches it. */
  gatewayUrl: string;
  /** The gateway's origin as browsers reach it (WebSocket subscriptions, upload targets). */
  publicGatewayUrl: string;
  /** The studio's public origin (https there makes its cookie Secure). */
  publicStudioUrl?: string;
  /** The web app's public origin (links to /watch/<id>). */
  publicWebUrl?: string;
  production?: boolean;
  log?: (line: string) => void;
}

export type RunningStudio = RunningApp;

/** The studio's server (clients/studio/server/server.mjs) on the existing build, resolved once it answers /api/health. */
export function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${options.port}`;
  return serveApp({
    name: 'studio',
    url,
    args: [join(STUDIO_DIR, 'server/server.mjs')],
    spawnOptions: {
      cwd: STUDIO_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        STUDIO_PORT: String(options.port),
        HOST: host,
        GATEWAY_URL: options.gatewayUrl,
        PUBLIC_GATEWAY_URL: options.publicGatewayUrl,
        PUBLIC_STUDIO_URL: options.publicStudioUrl ?? `http://localhost:${options.port}`,
        PUBLIC_WEB_URL: options.publicWebUrl ?? process.env.PUBLIC_WEB_URL ?? 'http://localhost:3000',
        PLATFORM_ENV: options.production ? 'production' : (process.env.PLATFORM_ENV ?? 'development'),
      },
    },
    log: options.log,
    startupMs: 30_000,
  });
}
