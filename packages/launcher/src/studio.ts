import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** clients/studio: the creator's studio (a Vite SPA behind its small Node server), beside the gateway. */
export const STUDIO_DIR = join(__dirname, '../../../clients/studio');

function prefixLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void) {
  if (stream) {
    createInterface({ input: stream }).on('line', write);
  }
}

/**
 * Builds the studio unless its last build came from the same sources (clients/studio/scripts/build.mjs
 * keeps a hash of them in dist/): seconds the first time, nothing after. Progress is printed.
 */
export function buildStudio(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? (line => console.log(`[studio build] ${line}`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(STUDIO_DIR, 'scripts/build.mjs'), ...(options.force ? ['--force'] : [])], {
      cwd: STUDIO_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(child.stdout, log);
    prefixLines(child.stderr, log);
    child.on('error', reject);
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`building the studio failed (exit ${code})`))));
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

export interface RunningStudio {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The studio's server (clients/studio/server/server.mjs) on the existing build, resolved once it answers /api/health. */
export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${options.port}`;
  const child = spawn(process.execPath, [join(STUDIO_DIR, 'server/server.mjs')], {
    cwd: STUDIO_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
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
  });
  const log = options.log ?? (line => console.log(`[studio] ${line}`));
  prefixLines(child.stdout, log);
  prefixLines(child.stderr, line => console.error(`[studio] ${line}`));
  let exited: number | null = null;
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  child.on('exit', code => {
    exited = code ?? -1;
    process.off('exit', orphanGuard);
  });
  const stop = () =>
    new Promise<void>(resolve => {
      if (exited !== null) {
        return resolve();
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`the studio exited (${exited}) before it answered`);
    }
    const ok = await fetch(`${url}/api/health`)
      .then(response => response.ok)
      .catch(() => false);
    if (ok) {
      return { url, process: child, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the studio did not answer within 30 s');
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
