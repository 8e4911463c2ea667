import { createServer } from 'node:http';
import { listen } from './listen';
import { type Logger } from './logger';

export interface HealthServer {
  url: string;
  port: number;
  /** From now on both endpoints answer 503: the process is stopping (an orchestrator stops routing). */
  drain(): void;
  close(): Promise<void>;
}

/**
 * `/health` (alive: 200 until draining) and `/ready` (200 while `ready()` holds) for a process with
 * no HTTP server of its own, such as the transcode worker, so that compose and Kubernetes probe every
 * process the same way. Anything else is 404; a `ready()` that throws counts as not ready.
 */
export async function serveHealth(options: {
  host: string;
  port: number;
  ready: () => Promise<boolean>;
  log?: Logger;
}): Promise<HealthServer> {
  let draining = false;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answer(405, { status: 'method not allowed' });
    }
    if (path === '/health') {
      return answer(draining ? 503 : 200, { status: draining ? 'draining' : 'ok' });
    }
    if (path === '/ready') {
      void (draining ? Promise.resolve(false) : options.ready().catch(() => false)).then(ok =>
        answer(ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' }),
      );
      return;
    }
    answer(404, { status: 'not found' });
  });
  const { port } = await listen(server, { port: options.port, host: options.host });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  options.log?.info({ port, host: options.host }, 'health endpoints listening');
  return {
    url: `http://${host}:${port}`,
    port,
    drain() {
      draining = true;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
