import type Redis from 'ioredis';

/** A leaky bucket of points: holds at most `maximumAvailable`, refilled by `restoreRate` a second. */
export interface BucketLimits {
  maximumAvailable: number;
  restoreRate: number;
}

export interface BucketState {
  allowed: boolean;
  /** Points left after this request (or as they are now, when it was refused). */
  currentlyAvailable: number;
  /** Whole seconds until the bucket holds enough for the refused request; 0 when allowed. */
  retryAfterSeconds: number;
  /** Milliseconds until the bucket is full again. */
  fullInMs: number;
}

/**
 * The cost budgets of the public API (Shopify's leaky bucket): each client key has a bucket of
 * points that a request empties by its cost, refilled continuously. A request that costs more than
 * the bucket holds now is refused whole and takes nothing. In process by default; in Redis (one Lua
 * script per request, Redis's own clock) when REDIS_URL is set, so that every gateway shares one
 * bucket per client.
 */
export interface CostBuckets {
  /** Takes `cost` points from `key`'s bucket when it holds that many; `cost` 0 only reads it. */
  take(key: string, cost: number, limits: BucketLimits): Promise<BucketState>;
}

/** Buckets are kept under this prefix in Redis (`costbucket:<key>`). */
export const COST_BUCKET_PREFIX = 'costbucket';

function settle(available: number, cost: number, limits: BucketLimits): BucketState {
  const allowed = cost <= available;
  const left = allowed ? available - cost : available;
  return {
    allowed,
    currentlyAvailable: Math.floor(left),
    retryAfterSeconds: allowed
      ? 0
      : Math.max(1, Math.ceil((cost - available) / limits.restoreRate)),
    fullInMs: Math.ceil(((limits.maximumAvailable - left) / limits.restoreRate) * 1000),
  };
}

/** In-process buckets; a bucket that has filled up again is forgotten (it reads as full). */
export function createMemoryCostBuckets(now: () => number = Date.now): CostBuckets {
  const buckets = new Map<string, { available: number; at: number }>();
  let sweepAt = now() + 60_000;
  return {
    async take(key, cost, limits) {
      const time = now();
      const bucket = buckets.get(key);
      const available = bucket
        ? Math.min(
            limits.maximumAvailable,
            bucket.available + ((time - bucket.at) / 1000) * limits.restoreRate,
          )
        : limits.maximumAvailable;
      const state = settle(available, cost, limits);
      if (state.allowed && cost > 0) {
        buckets.set(key, { available: available - cost, at: time });
      }
      if (time >= sweepAt) {
        // drop buckets full again (a full bucket needs no row); keeps memory bounded by active clients
        sweepAt = time + 60_000;
        for (const [name, entry] of buckets) {
          if (
            entry.available + ((time - entry.at) / 1000) * limits.restoreRate >=
            limits.maximumAvailable
          ) {
            buckets.delete(name);
          }
        }
      }
      return state;
    },
  };
}

/**
 * KEYS[1] the bucket; ARGV cost, maximum, restore rate. Reads Redis's clock, refills, takes when
 * enough, and lets the key expire once it would be full again. Returns what it held before × 1000.
 */
const TAKE = `
local cost = tonumber(ARGV[1])
local maximum = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'a', 't')
local available = maximum
if stored[1] then
  available = math.min(maximum, tonumber(stored[1]) + (now - tonumber(stored[2])) / 1000 * rate)
end
if cost <= available and cost > 0 then
  local left = available - cost
  redis.call('HSET', KEYS[1], 'a', tostring(left), 't', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((maximum - left) / rate * 1000) + 1000)
end
return math.floor(available * 1000)
`;

/**
 * Buckets in Redis. While Redis cannot be reached, each process keeps buckets of its own (the
 * insurance buckets, as the kit's rate limiter does): budgets still hold per instance, nothing fails.
 */
export function createRedisCostBuckets(redis: Redis): CostBuckets {
  const insurance = createMemoryCostBuckets();
  return {
    async take(key, cost, limits) {
      let before: number;
      try {
        before = (await redis.eval(
          TAKE,
          1,
          `${COST_BUCKET_PREFIX}:${key}`,
          cost,
          limits.maximumAvailable,
          limits.restoreRate,
        )) as number;
      } catch {
        return insurance.take(key, cost, limits);
      }
      return settle(before / 1000, cost, limits);
    },
  };
}
