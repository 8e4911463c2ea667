import http, {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream';
import { requestIdOf, type Logger } from '@vp/kit';
import type express from 'express';
import { errorBody } from './identity';
import { type SubgraphBreakers } from './subgraph-faults';

/** How a forwarded route is rate limited: its own per-IP counter, or not at all. */
export type RouteLimit = 'per-ip' | 'none';

export interface ForwardedRoute {
  /** Path prefix on the gateway: the route is `prefix` itself and everything under `prefix/`. */
  prefix: string;
  /** Name of the subgraph that serves it (as in the supergraph's `join__Graph`). */
  subgraph: string;
  limit: RouteLimit;
}

/**
 * The non-GraphQL routes the gateway forwards, so that browsers and payment providers reach
 * everything on its one origin. The path is kept as it is: the subgraph serves `/uploads/…` itself.
 *
 * Rate limits: uploads and checkout pages are counted per IP (not per viewer: these requests carry
 * signed URLs or form posts rather than our access tokens), on their own counters and looser than
 * GraphQL's because several users behind one NAT share an IP and a multipart upload is many
 * requests. Media and live HLS are not limited: players fetch a playlist and segments every few
 * seconds, and the URLs are signed and expiring. Webhooks are not limited: providers retry in
 * bursts, and the payments subgraph authenticates each one by its signature.
 */
export const FORWARDED_ROUTES: readonly ForwardedRoute[] = [
  { prefix: '/uploads', subgraph: 'videos', limit: 'per-ip' },
  { prefix: '/media', subgraph: 'videos', limit: 'none' },
  // the users subgraph's embedded avatar storage: uploads counted like videos', images like media
  { prefix: '/avatars/uploads', subgraph: 'users', limit: 'per-ip' },
  { prefix: '/avatars/media', subgraph: 'users', limit: 'none' },
  { prefix: '/live', subgraph: 'live', limit: 'none' },
  { prefix: '/checkout', subgraph: 'payments', limit: 'per-ip' },
  // the sandbox's payout onboarding page (embedded platform only)
  { prefix: '/payouts', subgraph: 'payments', limit: 'per-ip' },
  { prefix: '/webhooks', subgraph: 'payments', limit: 'none' },
  // MediaConvert's job events from EventBridge (VIDEOS_TRANSCODER=mediaconvert): like webhooks,
  // not limited, each authenticated by the videos subgraph (a shared secret in a header).
  { prefix: '/aws/mediaconvert', subgraph: 'videos', limit: 'none' },
];

/** The route a request path belongs to, if any (`/uploads` and `/uploads/x`, never `/uploadsx`). */
export function routeOf(
  path: string,
  routes: readonly ForwardedRoute[] = FORWARDED_ROUTES,
): ForwardedRoute | undefined {
  return routes.find(route => path === route.prefix || path.startsWith(`${route.prefix}/`));
}

/** `http://videos:4002/graphql` → `http://videos:4002`: the subgraph serves its other routes beside /graphql. */
export const originOf = (graphqlUrl: string) => new URL(graphqlUrl).origin;

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus `expect`, already answered. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
]);

/** Header pairs of a raw header list, without hop-by-hop ones and those the Connection header names. */
function endToEnd(rawHeaders: string[], drop: Set<string> = new Set()): [string, string][] {
  const named = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') {
      rawHeaders[i + 1].split(',').forEach(token => named.add(token.trim().toLowerCase()));
    }
  }
  const pairs: [string, string][] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name) && !drop.has(name)) {
      pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
    }
  }
  return pairs;
}

/** `..` or `.` segments, also percent-encoded: a forwarded path must stay under its prefix everywhere. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$|\?)/i;

export interface Forwarder {
  handler: express.RequestHandler;
  close(): void;
}

/**
 * Streams a request to the subgraph that owns its route and the answer back, both ways without
 * buffering (uploads can be 10 GiB; Stripe checks webhook signatures on the raw bytes): method,
 * path and query, body and end-to-end headers go as they came, plus X-Forwarded-For/-Proto/-Host;
 * status, headers and body come back as the subgraph sent them (Range/206, caching, content type).
 * A subgraph that cannot be reached gets 502 with a short JSON body; one that says nothing for
 * `forwardIdleTimeoutMs` gets 504; one whose circuit breaker is open (subgraph-faults.ts, shared
 * with GraphQL fetches) gets 503 at once.
 *
 * Connections: GET and HEAD reuse keep-alive sockets, and retry once on a fresh one when a reused
 * socket turns out closed by the subgraph (ECONNRESET/EPIPE before any answer: the request never
 * reached it). Requests with a body (uploads, webhooks) stream it and cannot be replayed, so they
 * always open a fresh connection: a reused socket the subgraph had just closed gave a 502 EPIPE.
 */
export function createForwarder(options: {
  /** Subgraph name → its GraphQL URL (the origin of its other routes is derived from it). */
  subgraphUrl: (name: string) => string;
  routes?: readonly ForwardedRoute[];
  /** Decides whether to forward (e.g. a rate limit); it answers the request itself when it refuses. */
  admit?: (
    req: express.Request,
    res: express.Response,
    route: ForwardedRoute,
    requestId: string,
  ) => Promise<boolean>;
  log: Logger;
  /** Deadlines and circuit breakers per subgraph; without, requests wait as long as sockets do. */
  faults?: SubgraphBreakers;
}): Forwarder {
  const routes = options.routes ?? FORWARDED_ROUTES;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxFreeSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxFreeSockets: 64 }),
  };
  const freshAgents = {
    'http:': new http.Agent({ keepAlive: false }),
    'https:': new https.Agent({ keepAlive: false }),
  };
  const idleTimeoutMs = options.faults?.settings.forwardIdleTimeoutMs ?? 0;

  const refuse = (
    res: ServerResponse,
    requestId: string,
    status: number,
    code: string,
    message: string,
  ) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
    res.end(JSON.stringify(errorBody(message, code, { requestId })));
  };

  const badGateway = (res: ServerResponse, requestId: string) =>
    refuse(res, requestId, 502, 'BAD_GATEWAY', 'The service is unavailable. Try again later.');

  const handler: express.RequestHandler = async (req, res, next) => {
    const route = routeOf(req.path, routes);
    if (!route) {
      return next();
    }
    const requestId = requestIdOf(req.headers['x-request-id']);
    const path = req.originalUrl;
    if (DOT_SEGMENT.test(path.split('?')[0])) {
      res.status(400).json(errorBody('The path is not valid.', 'BAD_REQUEST', { requestId }));
      return;
    }
    if (options.admit && !(await options.admit(req, res, route, requestId))) {
      return;
    }
    let target: URL;
    try {
      target = new URL(path, originOf(options.subgraphUrl(route.subgraph)));
    } catch {
      options.log.error(
        { requestId, subgraph: route.subgraph },
        'no URL for the subgraph of a forwarded route',
      );
      return badGateway(res, requestId);
    }
    const transport = target.protocol === 'https:' ? https : http;
    const protocol = target.protocol as keyof typeof agents;
    const bodyless = req.method === 'GET' || req.method === 'HEAD';
    let clientLeft = false;
    let current: http.ClientRequest | null = null;
    res.on('close', () => {
      if (!res.writableFinished) {
        clientLeft = true;
        current?.destroy();
      }
    });

    /** The subgraph's answer head; null when the client left first (not the subgraph's fault). */
    const attempt = (retried: boolean): Promise<IncomingMessage | null> =>
      new Promise((resolve, reject) => {
        const upstream = transport.request(target, {
          method: req.method,
          headers: forwardedHeaders(req, target, requestId) as unknown as OutgoingHttpHeaders,
          agent: bodyless ? agents[protocol] : freshAgents[protocol],
        });
        current = upstream;
        let answered = false;
        if (idleTimeoutMs > 0) {
          upstream.setTimeout(idleTimeoutMs, () =>
            upstream.destroy(
              Object.assign(new Error('the subgraph sent nothing in time'), { code: 'ETIMEDOUT' }),
            ),
          );
        }
        upstream.on('response', answer => {
          answered = true;
          resolve(answer);
        });
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (answered) {
            // broke off mid-body: pipeline() ends the client's side
            return;
          }
          if (clientLeft) {
            resolve(null);
          } else if (
            bodyless &&
            !retried &&
            upstream.reusedSocket &&
            (error.code === 'ECONNRESET' || error.code === 'EPIPE')
          ) {
            resolve(attempt(true));
          } else {
            reject(error);
          }
        });
        if (bodyless) {
          upstream.end();
        } else {
          // not pipeline(): it would destroy the client's socket on an upstream error, before the 502
          req.pipe(upstream);
        }
      });

    let answer: IncomingMessage | null;
    try {
      answer = options.faults
        ? await options.faults.run(route.subgraph, () => attempt(false))
        : await attempt(false);
    } catch (error) {
      if (clientLeft) {
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      options.log.warn({ requestId, subgraph: route.subgraph, err: error }, 'forwarding failed');
      if (code === 'EOPENBREAKER') {
        return refuse(
          res,
          requestId,
          503,
          'SERVICE_UNAVAILABLE',
          'The service is unavailable. Try again later.',
        );
      }
      if (code === 'ETIMEDOUT') {
        return refuse(
          res,
          requestId,
          504,
          'GATEWAY_TIMEOUT',
          'The service did not answer in time. Try again later.',
        );
      }
      return badGateway(res, requestId);
    }
    if (!answer) {
      return;
    }
    for (const [name, value] of endToEnd(answer.rawHeaders)) {
      res.appendHeader(name, value);
    }
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage);
    // if either side breaks off mid-body, pipeline destroys the other: nothing more can be said
    pipeline(answer, res, () => {});
  };

  return {
    handler,
    close() {
      for (const agent of [...Object.values(agents), ...Object.values(freshAgents)]) {
        agent.destroy();
      }
    },
  };
}

/**
 * The request's end-to-end headers as a raw list (repeated headers stay repeated), with the
 * forwarding headers set by the gateway: X-Forwarded-For gets the client's address appended to what
 * the caller sent only when the caller is a trusted proxy; otherwise whatever the caller claimed is
 * dropped, as are its X-Forwarded-Proto/-Host and Forwarded.
 */
function forwardedHeaders(req: express.Request, target: URL, requestId: string): string[] {
  const peer = req.socket.remoteAddress ?? '';
  const trust = req.app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const trusted = trust(peer, 0);
  const claimed = req.headers['x-forwarded-for'];
  const forwardedFor =
    trusted && claimed ? `${Array.isArray(claimed) ? claimed.join(', ') : claimed}, ${peer}` : peer;
  const pairs = endToEnd(
    req.rawHeaders,
    new Set([
      'x-forwarded-for',
      'x-forwarded-proto',
      'x-forwarded-host',
      'forwarded',
      'x-request-id',
    ]),
  );
  pairs.push(
    ['Host', target.host],
    ['X-Forwarded-For', forwardedFor],
    // express reads X-Forwarded-Proto/-Host only from trusted proxies
    ['X-Forwarded-Proto', req.protocol],
    ['X-Forwarded-Host', req.host ?? ''],
    ['X-Request-Id', requestId],
  );
  return pairs.flat();
}
