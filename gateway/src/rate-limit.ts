import { type Logger, type RateLimiter } from '@vp/kit';
import type express from 'express';
import { errorBody, identityOf } from './identity';

export interface RequestRateLimit {
  /** Requests per window per client; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RequestRateLimit = { limit: 600, windowMs: 60_000 };

/**
 * Counts one request of `client` on the kit's RateLimiter (in-process, or Redis when REDIS_URL is
 * set, so that several gateways count as one) and sets the x-ratelimit-* headers. Answers 429
 * RATE_LIMITED with retry-after and returns false when the client is over the limit.
 */
export async function countRequest(
  limiter: RateLimiter,
  config: RequestRateLimit,
  key: string,
  res: express.Response,
  log: Logger,
  requestId?: string,
): Promise<boolean> {
  if (config.limit <= 0) {
    return true;
  }
  let count: number;
  let resetMs: number;
  try {
    ({ count, resetMs } = await limiter.hit(key, config.windowMs));
  } catch (error) {
    // a shared counter that is down must not take the API down with it
    log.warn({ err: error, requestId }, 'rate limiter unavailable');
    return true;
  }
  const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
  res.setHeader('x-ratelimit-limit', String(config.limit));
  res.setHeader('x-ratelimit-remaining', String(Math.max(0, config.limit - count)));
  res.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + resetMs) / 1000)));
  if (count > config.limit) {
    res.setHeader('retry-after', String(resetSeconds));
    res.status(429).json(
      errorBody('Too many requests. Try again later.', 'RATE_LIMITED', {
        retryAfterSeconds: resetSeconds,
        ...(requestId ? { requestId } : {}),
      }),
    );
    return false;
  }
  return true;
}

/**
 * Counts GraphQL requests per client: per viewer id when signed in (so a user is one client whatever
 * their address), else per IP. Over the limit: 429 RATE_LIMITED with retry-after.
 */
export function rateLimitMiddleware(
  limiter: RateLimiter,
  config: RequestRateLimit,
  log: Logger,
): express.RequestHandler {
  return async (req, res, next) => {
    const { viewer, requestId } = identityOf(res);
    const client = viewer ? `viewer:${viewer.id}` : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    if (await countRequest(limiter, config, `gateway:${client}`, res, log, requestId)) {
      next();
    }
  };
}
