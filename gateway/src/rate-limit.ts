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
 * Counts requests per client: per viewer id when signed in (so a user is one client whatever their
 * address), else per IP. Counters live in the kit's RateLimiter: in-process, or Redis when REDIS_URL
 * is set, so that several gateways count as one. Over the limit: 429 RATE_LIMITED with retry-after.
 */
export function rateLimitMiddleware(
  limiter: RateLimiter,
  config: RequestRateLimit,
  log: Logger,
): express.RequestHandler {
  return async (req, res, next) => {
    if (config.limit <= 0) {
      return next();
    }
    const { viewer, requestId } = identityOf(res);
    const client = viewer ? `viewer:${viewer.id}` : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    let count: number;
    let resetMs: number;
    try {
      ({ count, resetMs } = await limiter.hit(`gateway:${client}`, config.windowMs));
    } catch (error) {
      // a shared counter that is down must not take the API down with it
      log.warn({ err: error, requestId }, 'rate limiter unavailable');
      return next();
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
          requestId,
        }),
      );
      return;
    }
    next();
  };
}
