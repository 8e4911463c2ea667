import { join } from 'node:path';
import { type RunningApp, runBuild, serveApp } from './app-process';

/** clients/web: the viewer's web app (Next.js), served by `next start` beside the gateway. */
export const WEB_DIR = join(__dirname, '../../../clients/web');

/**
 * Builds the web app unless its last build came from the same sources (clients/web/scripts/build.mjs
 * keeps a hash of them in .next): minutes the first time, nothing after. Progress is printed.
 */
export function buildWebApp(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? (line => console.log(`[web build] ${line}`));
  return runBuild('the web app', join(WEB_DIR, 'scripts/build.mjs'), {
    cwd: WEB_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    force: options.force,
    log,
  });
}

export interface WebAppOptions {
  port: number;
  host?: string;
  /** The gateway's /graphql as the web server reaches it. */
  gatewayUrl: string;
  /** The gateway's origin as browsers reach it (WebSocket, media). */
  publicGatewayUrl: string;
  /** The web app's public origin (OpenGraph URLs). */
  publicWebUrl?: string;
  production?: boolean;
  /** Lines the server prints (default: prefixed with [web] on stdout; errors always shown). */
  log?: (line: string) => void;
}

export type RunningWebApp = RunningApp;

/** `next start` on the existing build, resolved once it answers /api/health. */
export function startWebApp(options: WebAppOptions): Promise<RunningWebApp> {
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${options.port}`;
  const nextBin = require.resolve('next/dist/bin/next', { paths: [WEB_DIR] });
  return serveApp({
    name: 'web',
    url,
    args: [nextBin, 'start', '-p', String(options.port), '-H', host],
    spawnOptions: {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        GATEWAY_URL: options.gatewayUrl,
        PUBLIC_GATEWAY_URL: options.publicGatewayUrl,
        PUBLIC_WEB_URL: options.publicWebUrl ?? `http://localhost:${options.port}`,
        PLATFORM_ENV: options.production ? 'production' : (process.env.PLATFORM_ENV ?? 'development'),
      },
    },
    log: options.log,
    startupMs: 60_000,
  });
}
