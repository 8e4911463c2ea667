import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** clients/web: the viewer's web app (Next.js), served by `next start` beside the gateway. */
export const WEB_DIR = join(__dirname, '../../../clients/web');

function prefixLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void) {
  if (stream) {
    createInterface({ input: stream }).on('line', write);
  }
}

/**
 * Builds the web app unless its last build came from the same sources (clients/web/scripts/build.mjs
 * keeps a hash of them in .next): minutes the first time, nothing after. Progress is printed.
 */
export function buildWebApp(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? (line => console.log(`[web build] ${line}`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(WEB_DIR, 'scripts/build.mjs'), ...(options.force ? ['--force'] : [])], {
      cwd: WEB_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    prefixLines(child.stdout, log);
    prefixLines(child.stderr, log);
    child.on('error', reject);
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`building the web app failed (exit ${code})`))));
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

export interface RunningWebApp {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `next start` on the existing build, resolved once it answers /api/health. */
export async function startWebApp(options: WebAppOptions): Promise<RunningWebApp> {
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${options.port}`;
  const nextBin = require.resolve('next/dist/bin/next', { paths: [WEB_DIR] });
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(options.port), '-H', host], {
    cwd: WEB_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      GATEWAY_URL: options.gatewayUrl,
      PUBLIC_GATEWAY_URL: options.publicGatewayUrl,
      PUBLIC_WEB_URL: options.publicWebUrl ?? `http://localhost:${options.port}`,
      PLATFORM_ENV: options.production ? 'production' : (process.env.PLATFORM_ENV ?? 'development'),
    },
  });
  const log = options.log ?? (line => console.log(`[web] ${line}`));
  prefixLines(child.stdout, log);
  prefixLines(child.stderr, line => console.error(`[web] ${line}`));
  let exited: number | null = null;
  // never outlive the process that started it (a crash or a kill during start-up)
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
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`the web app exited (${exited}) before it answered`);
    }
    const ok = await fetch(`${url}/api/health`)
      .then(response => response.ok)
      .catch(() => false);
    if (ok) {
      return { url, process: child, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the web app did not answer within 60 s');
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
