import type express from 'express';
import { errorBody, identityOf } from '../identity';
import { originMatcher } from '../origins';

const ALLOW_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id';
const EXPOSE_HEADERS =
  'x-request-id, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-used, x-ratelimit-reset, x-ratelimit-restore-rate';

export interface CorsOptions {
  /** The first-party apps' origins (ALLOWED_ORIGINS: the web app and the studio; see origins.ts). */
  firstParty: string[];
  /** Every origin some live API key allows (for preflights, which carry no key); cached by the caller. */
  keyOrigins: () => Promise<ReadonlySet<string>>;
}

const sameOrigin = (origin: string, req: express.Request) => {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
};

function allow(res: express.Response, origin: string) {
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
  res.append('vary', 'Origin');
}

/**
 * CORS of /graphql. Browsers may call the API from the first-party apps' origins, from the
 * gateway's own (GraphiQL), and from the origins an API key lists in `allowedOrigins` when the
 * request carries that key. Credentials are bearer headers, never cookies, so
 * `Access-Control-Allow-Credentials` is not sent. `before` answers preflights (for first-party
 * origins and origins some live key allows) and sets the headers for first-party origins, so that
 * even a 401 can be read; `after` (past the identity check) lets a key's own origins through and
 * refuses any other browser origin with 403 before anything runs. Requests without Origin
 * (servers, mobile apps, curl) are not browsers' and pass.
 */
export function cors(options: CorsOptions) {
  const firstParty = originMatcher(options.firstParty);
  const trusted = (origin: string, req: express.Request) =>
    firstParty(origin) || sameOrigin(origin, req);

  const before: express.RequestHandler = async (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) {
      return next();
    }
    if (req.method === 'OPTIONS') {
      if (trusted(origin, req) || (await options.keyOrigins()).has(origin)) {
        allow(res, origin);
        res.setHeader('access-control-allow-methods', 'GET, POST');
        res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
        res.setHeader('access-control-max-age', '600');
        res.status(204).end();
      } else {
        res.status(403).end();
      }
      return;
    }
    if (trusted(origin, req)) {
      allow(res, origin);
    }
    next();
  };

  const after: express.RequestHandler = (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin || trusted(origin, req)) {
      return next();
    }
    const { apiKey, requestId } = identityOf(res);
    if (apiKey?.allowedOrigins.includes(origin)) {
      allow(res, origin);
      return next();
    }
    res
      .status(403)
      .json(
        errorBody(
          'This origin may not call the API from a browser: use an API key that lists it in allowedOrigins.',
          'FORBIDDEN',
          { requestId },
        ),
      );
  };

  return { before, after };
}

/** The origins of every live key, from users, refreshed at most every `maxAgeMs`. */
export function keyOriginsFrom(
  url: () => string,
  fetcher: (url: string) => Promise<{ status: number; json(): Promise<unknown> }>,
  maxAgeMs = 30_000,
): () => Promise<ReadonlySet<string>> {
  let origins: ReadonlySet<string> = new Set();
  let fetchedAt = 0;
  let refreshing: Promise<void> | undefined;
  const refresh = () =>
    (refreshing ??= (async () => {
      try {
        const response = await fetcher(url());
        if (response.status === 200) {
          origins = new Set((await response.json()) as string[]);
          fetchedAt = Date.now();
        }
      } catch {
        // keep the last known set; a preflight of an unknown key origin fails until users answers
      } finally {
        refreshing = undefined;
      }
    })());
  return async () => {
    if (Date.now() - fetchedAt > maxAgeMs) {
      await refresh();
    }
    return origins;
  };
}
