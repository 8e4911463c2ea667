import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { rateLimited } from './errors';

/** At most `points` hits per key in a window of `windowMs` (counted in whole seconds, at least one). */
export interface RateLimit {
  points: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits left in the window after this one. */
  remaining: number;
  /** Until the key's window ends and its count starts again from zero. */
  resetMs: number;
  /** What to put in `retry-after` (whole seconds, at least one). */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters for lockouts and request limits, on rate-limiter-flexible: in-process by
 * default (keys are dropped when their window ends), in Redis when REDIS_URL is set so that every
 * instance counts against the same window.
 */
export interface RateLimiter {
  /** Counts one hit of `key` against `limit`. */
  consume(key: string, limit: RateLimit): Promise<RateLimitDecision>;
  /** Forgets the key's hits (a successful sign-in clears its failures). */
  reset(key: string, limit: RateLimit): Promise<void>;
}

/** Counts are kept under this prefix in Redis (`ratelimit:<key>`). */
export const RATE_LIMIT_PREFIX = 'ratelimit';

const windowSeconds = (limit: RateLimit) => Math.max(1, Math.ceil(limit.windowMs / 1000));

function decision(result: RateLimiterRes, allowed: boolean): RateLimitDecision {
  // a key Redis holds without an expiry (never written by this code) reports -1: treat it as ending now
  const resetMs = Math.max(0, result.msBeforeNext);
  return {
    allowed,
    remaining: result.remainingPoints,
    resetMs,
    retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
  };
}

/**
 * rate-limiter-flexible fixes the points per limiter object; the window is passed per call (chat's
 * slow mode is per stream), so one limiter object per distinct `points` is kept. Every one shares
 * the key prefix, so a key means the same count whichever object reads it.
 */
function createLimiter(build: (points: number) => RateLimiterAbstract): RateLimiter {
  const byPoints = new Map<number, RateLimiterAbstract>();
  const limiterFor = (limit: RateLimit) => {
    let limiter = byPoints.get(limit.points);
    if (!limiter) {
      limiter = build(limit.points);
      byPoints.set(limit.points, limiter);
    }
    return limiter;
  };
  return {
    async consume(key, limit) {
      try {
        const result = await limiterFor(limit).consume(key, 1, {
          customDuration: windowSeconds(limit),
        });
        return decision(result, true);
      } catch (refused) {
        if (refused instanceof RateLimiterRes) {
          return decision(refused, false);
        }
        throw refused;
      }
    },
    async reset(key, limit) {
      await limiterFor(limit).delete(key);
    },
  };
}

export function createMemoryRateLimiter(): RateLimiter {
  return createLimiter(
    points => new RateLimiterMemory({ points, duration: 1, keyPrefix: RATE_LIMIT_PREFIX }),
  );
}

/**
 * Counts in Redis with one Lua script per hit (the count and its expiry are set together, so a
 * key can never be left without one). While Redis is unreachable, hits are counted in this
 * process instead (the insurance limiter): limits still hold per instance, and nothing fails.
 */
export function createRedisRateLimiter(redis: Redis): RateLimiter {
  return createLimiter(
    points =>
      new RateLimiterRedis({
        storeClient: redis,
        points,
        duration: 1,
        keyPrefix: RATE_LIMIT_PREFIX,
        // a client that is reconnecting answers from the insurance limiter at once, not after a timeout
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({
          points,
          duration: 1,
          keyPrefix: RATE_LIMIT_PREFIX,
        }),
      }),
  );
}

/** Counts one hit and throws RATE_LIMITED with `message` when the key is over its limit. */
export async function enforceRateLimit(
  limiter: RateLimiter,
  key: string,
  limit: RateLimit,
  message: string,
): Promise<RateLimitDecision> {
  const result = await limiter.consume(key, limit);
  if (!result.allowed) {
    throw rateLimited(result.retryAfterSeconds, message);
  }
  return result;
}
