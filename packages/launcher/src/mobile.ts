import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { runBuild } from './app-process';

/** clients/mobile: the viewer's phone app (Expo), whose web export is a static site. */
export const MOBILE_DIR = join(__dirname, '../../../clients/mobile');
const DIST = join(MOBILE_DIR, 'dist');

/**
 * `expo export --platform web` into clients/mobile/dist unless its last export came from the same
 * sources (clients/mobile/scripts/export-web.mjs keeps a hash of them): minutes the first time,
 * nothing after. Progress is printed.
 */
export function exportMobileWeb(options: { force?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? (line => console.log(`[mobile export] ${line}`));
  return runBuild('the mobile web export', join(MOBILE_DIR, 'scripts/export-web.mjs'), {
    cwd: MOBILE_DIR,
    env: { ...process.env, EXPO_NO_TELEMETRY: '1' },
    force: options.force,
    log,
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

export interface RunningMobileWeb {
  url: string;
  stop(): Promise<void>;
}

/**
 * The web export served as any static host would serve it: its files, and index.html for every
 * other path (expo-router routes in the page), with `window.__VP_CONFIG__` set to the gateway
 * (the app reads it before EXPO_PUBLIC_GATEWAY_URL, so one export serves any platform).
 */
export function serveMobileWeb(options: {
  port: number;
  host?: string;
  gatewayUrl: string;
}): Promise<RunningMobileWeb> {
  const host = options.host ?? '127.0.0.1';
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('no web export in clients/mobile/dist: run exportMobileWeb() first');
  }
  const config = `<script>window.__VP_CONFIG__=${JSON.stringify({ gatewayUrl: options.gatewayUrl }).replace(/</g, '\\u003c')};</script>`;
  const index = readFileSync(join(DIST, 'index.html'), 'utf8').replace('<head>', `<head>${config}`);
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(DIST, path);
    if (file.startsWith(DIST) && path !== '/' && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': path.startsWith('/_expo/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
    res.end(index);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () =>
      resolve({
        url: `http://${host}:${options.port}`,
        stop: () =>
          new Promise<void>(done => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
