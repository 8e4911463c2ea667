import { clientAddress, type RateLimiter, type TrustProxy } from '@vp/kit';
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
 * set, so that several gateways count as one; while Redis is away each gateway counts on its own)
 * and sets the x-ratelimit-* headers. Answers 429 RATE_LIMITED with retry-after and returns false
 * when the client is over the limit.
 */
export async function countRequest(
  limiter: RateLimiter,
  config: RequestRateLimit,
  key: string,
  res: express.Response,
  requestId?: string,
  headers = true,
): Promise<boolean> {
  if (config.limit <= 0) {
    return true;
  }
  const result = await limiter.consume(key, { points: config.limit, windowMs: config.windowMs });
  if (headers) {
    res.setHeader('x-ratelimit-limit', String(config.limit));
    res.setHeader('x-ratelimit-remaining', String(result.remaining));
    res.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + result.resetMs) / 1000)));
  }
  if (!result.allowed) {
    res.setHeader('retry-after', String(result.retryAfterSeconds));
    res.status(429).json(
      errorBody('Too many requests. Try again later.', 'RATE_LIMITED', {
        retryAfterSeconds: result.retryAfterSeconds,
        ...(requestId ? { requestId } : {}),
      }),
    );
    return false;
  }
  return true;
}

/**
 * The secondary limit of GraphQL (as GitHub's): requests per client per minute, whatever they cost,
 * so that free operations (`rateLimit`, introspection) cannot be sent without end. Per API key or
 * viewer id when there is one, else per IP. Over the limit: 429 RATE_LIMITED with retry-after; the
 * x-ratelimit-* headers of /graphql describe the cost budget (partner/budget.ts), not this count.
 */
export function rateLimitMiddleware(
  limiter: RateLimiter,
  config: RequestRateLimit,
  trustProxy: TrustProxy,
): express.RequestHandler {
  return async (req, res, next) => {
    const { viewer, requestId, apiKey } = identityOf(res);
    const client = apiKey
      ? `key:${apiKey.id}`
      : viewer
        ? `viewer:${viewer.id}`
        : `ip:${clientAddress(req, trustProxy)}`;
    if (await countRequest(limiter, config, `gateway:${client}`, res, requestId, false)) {
      next();
    }
  };
}
