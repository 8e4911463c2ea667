import type Redis from 'ioredis';

/**
 * Exponential back-off of one key (an account from one address): the first `freeFailures`
 * attempts pass; the attempt that reaches it starts a wait of `baseMs`, and each attempt allowed
 * after a wait doubles it, up to `maxMs`. Refused attempts do not lengthen the wait, so nobody can
 * hold a key locked for longer than its own failures earned. Forgotten `forgetAfterMs` after the
 * last attempt (or the end of the wait).
 */
export interface BackoffPolicy {
  freeFailures: number;
  baseMs: number;
  maxMs: number;
  forgetAfterMs: number;
}

export interface BackoffDecision {
  allowed: boolean;
  /** How long until an attempt is allowed again (0 when this one was). */
  retryAfterMs: number;
  /** Attempts counted under the key, this one included when allowed. */
  failures: number;
}

/**
 * Throttling state shared by every instance (in Redis with REDIS_URL, else in this process). Each
 * attempt is counted as a failure before it is checked, so attempts made at the same moment cannot
 * all slip through; a success clears the key.
 */
export interface Backoff {
  attempt(key: string, policy: BackoffPolicy): Promise<BackoffDecision>;
  clear(key: string): Promise<void>;
  /** Notes `member` (an address) under `key`; answers how many distinct ones were noted in `windowMs`. */
  noteMember(key: string, member: string, windowMs: number): Promise<number>;
  /** Forgets every member noted under `key`. */
  clearMembers(key: string): Promise<void>;
}

export const BACKOFF_PREFIX = 'backoff';
/**
 * Members kept per key: the newest. Enough to tell many addresses from few, and a bound on what
 * an attack from millions of addresses costs in memory.
 */
export const MEMBERS_KEPT = 1000;
/** Keys kept in process (the oldest go first): a spray of made-up emails cannot exhaust memory. */
const MEMORY_KEYS_KEPT = 200_000;

export function waitAfter(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) {
    return 0;
  }
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - policy.freeFailures));
}

export function createMemoryBackoff(now: () => number = Date.now): Backoff {
  const keys = new Map<string, { failures: number; until: number; forgetAt: number }>();
  const sets = new Map<string, { members: Map<string, number>; forgetAt: number }>();
  let nextSweep = 0;
  // keys are per account and address, so a spray of made-up emails must not grow memory for ever
  const sweep = (at: number) => {
    if (at < nextSweep) {
      return;
    }
    nextSweep = at + 60_000;
    for (const [key, entry] of keys) {
      if (entry.forgetAt <= at) {
        keys.delete(key);
      }
    }
    for (const [key, entry] of sets) {
      if (entry.forgetAt <= at) {
        sets.delete(key);
      }
    }
  };
  return {
    async attempt(key, policy) {
      const at = now();
      sweep(at);
      const known = keys.get(key);
      const entry = known && known.forgetAt > at ? known : { failures: 0, until: 0, forgetAt: 0 };
      if (at < entry.until) {
        return { allowed: false, retryAfterMs: entry.until - at, failures: entry.failures };
      }
      entry.failures += 1;
      const wait = waitAfter(entry.failures, policy);
      if (wait > 0) {
        entry.until = at + wait;
      }
      entry.forgetAt = Math.max(entry.until, at) + policy.forgetAfterMs;
      keys.delete(key);
      keys.set(key, entry);
      if (keys.size > MEMORY_KEYS_KEPT) {
        keys.delete(keys.keys().next().value!);
      }
      return { allowed: true, retryAfterMs: 0, failures: entry.failures };
    },
    async clear(key) {
      keys.delete(key);
    },
    async noteMember(key, member, windowMs) {
      const at = now();
      sweep(at);
      const members = sets.get(key)?.members ?? new Map<string, number>();
      // re-inserted, so that the map's order stays oldest first
      members.delete(member);
      members.set(member, at);
      if (members.size > MEMBERS_KEPT) {
        members.delete(members.keys().next().value!);
      }
      for (const [name, seen] of members) {
        if (seen <= at - windowMs) {
          members.delete(name);
        }
      }
      sets.delete(key);
      sets.set(key, { members, forgetAt: at + windowMs });
      if (sets.size > MEMORY_KEYS_KEPT) {
        sets.delete(sets.keys().next().value!);
      }
      return members.size;
    },
    async clearMembers(key) {
      sets.delete(key);
    },
  };
}

/** One script per attempt: the count, the wait and the expiry change together. */
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local base = tonumber(ARGV[3])
local max = tonumber(ARGV[4])
local forget = tonumber(ARGV[5])
local stored = redis.call('HMGET', KEYS[1], 'failures', 'until')
local failures = tonumber(stored[1]) or 0
local untilMs = tonumber(stored[2]) or 0
if now < untilMs then
  return {0, untilMs - now, failures}
end
failures = failures + 1
if failures >= free then
  untilMs = now + math.min(max, base * 2 ^ (failures - free))
end
redis.call('HSET', KEYS[1], 'failures', failures, 'until', untilMs)
redis.call('PEXPIRE', KEYS[1], math.max(untilMs, now) - now + forget)
return {1, 0, failures}
`;

/**
 * In Redis, so every instance counts together. While Redis is unreachable each instance counts in
 * process instead (as the rate limiter's insurance does): sign-in stays throttled, and works.
 */
export function createRedisBackoff(redis: Redis, now: () => number = Date.now): Backoff {
  const inRedis = redisBackoff(redis, now);
  const insurance = createMemoryBackoff(now);
  const guarded = <R>(run: (backoff: Backoff) => Promise<R>) =>
    run(inRedis).catch(() => run(insurance));
  return {
    attempt: (key, policy) => guarded(backoff => backoff.attempt(key, policy)),
    clear: key => guarded(backoff => backoff.clear(key)),
    noteMember: (key, member, windowMs) =>
      guarded(backoff => backoff.noteMember(key, member, windowMs)),
    clearMembers: key => guarded(backoff => backoff.clearMembers(key)),
  };
}

function redisBackoff(redis: Redis, now: () => number): Backoff {
  const keyOf = (key: string) => `${BACKOFF_PREFIX}:${key}`;
  const membersOf = (key: string) => `${BACKOFF_PREFIX}:members:${key}`;
  return {
    async attempt(key, policy) {
      const [allowed, retryAfterMs, failures] = (await redis.eval(
        ATTEMPT_SCRIPT,
        1,
        keyOf(key),
        now(),
        policy.freeFailures,
        policy.baseMs,
        policy.maxMs,
        policy.forgetAfterMs,
      )) as [number, number, number];
      return { allowed: allowed === 1, retryAfterMs: Number(retryAfterMs), failures };
    },
    async clear(key) {
      await redis.del(keyOf(key));
    },
    async noteMember(key, member, windowMs) {
      const at = now();
      const results = await redis
        .multi()
        .zadd(membersOf(key), at, member)
        .zremrangebyscore(membersOf(key), '-inf', at - windowMs)
        .zremrangebyrank(membersOf(key), 0, -(MEMBERS_KEPT + 1))
        .zcard(membersOf(key))
        .pexpire(membersOf(key), windowMs)
        .exec();
      return Number(results?.[3]?.[1] ?? 0);
    },
    async clearMembers(key) {
      await redis.del(membersOf(key));
    },
  };
}
