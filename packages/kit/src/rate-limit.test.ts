import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  enforceRateLimit,
  RATE_LIMIT_PREFIX,
  type RateLimit,
  type RateLimiter,
} from './rate-limit';
import { describeIfRedis, TEST_REDIS_URL } from './testing';

const REDIS_URL = TEST_REDIS_URL ?? '';
const THREE_PER_MINUTE: RateLimit = { points: 3, windowMs: 60_000 };
const uniqueKey = (name: string) => `test:${name}:${Math.random().toString(36).slice(2)}`;

/** Options createSharedState gives its command client: fail at once while Redis is away. */
const FAIL_FAST = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  lazyConnect: true,
} as const;

/** A client that has finished connecting: until then the limiter counts in the insurance limiter. */
async function connectedRedis(): Promise<Redis> {
  const client = new Redis(REDIS_URL, FAIL_FAST);
  await client.connect();
  return client;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

// The same contract for both sides of the port.
function contract(
  name: string,
  make: () => Promise<{ limiter: RateLimiter; close(): Promise<void> }>,
  runs = true,
) {
  (runs ? describe : describe.skip)(`${name} rate limiter`, () => {
    let limiter: RateLimiter;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ limiter, close } = await make());
    });
    afterAll(() => close());

    it('allows the limit within a window and refuses the next hit', async () => {
      const key = uniqueKey(name);
      const remaining = [];
      for (let hit = 0; hit < 3; hit++) {
        const result = await limiter.consume(key, THREE_PER_MINUTE);
        expect(result.allowed).toBe(true);
        remaining.push(result.remaining);
      }
      expect(remaining).toEqual([2, 1, 0]);
      const refused = await limiter.consume(key, THREE_PER_MINUTE);
      expect(refused).toMatchObject({ allowed: false, remaining: 0 });
      expect(refused.resetMs).toBeGreaterThan(0);
      expect(refused.resetMs).toBeLessThanOrEqual(60_000);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('counts each key on its own', async () => {
      const [a, b] = [uniqueKey(name), uniqueKey(name)];
      for (let hit = 0; hit < 3; hit++) {
        await limiter.consume(a, THREE_PER_MINUTE);
      }
      expect((await limiter.consume(a, THREE_PER_MINUTE)).allowed).toBe(false);
      expect((await limiter.consume(b, THREE_PER_MINUTE)).allowed).toBe(true);
    });

    it('forgets a key on reset', async () => {
      const key = uniqueKey(name);
      for (let hit = 0; hit < 4; hit++) {
        await limiter.consume(key, THREE_PER_MINUTE);
      }
      await limiter.reset(key, THREE_PER_MINUTE);
      expect(await limiter.consume(key, THREE_PER_MINUTE)).toMatchObject({
        allowed: true,
        remaining: 2,
      });
    });

    it('throws RATE_LIMITED with retryAfterSeconds through enforceRateLimit', async () => {
      const key = uniqueKey(name);
      const once: RateLimit = { points: 1, windowMs: 30_000 };
      await enforceRateLimit(limiter, key, once, 'Slow down.');
      const error = await enforceRateLimit(limiter, key, once, 'Slow down.').catch(e => e);
      expect(error.message).toBe('Slow down.');
      expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(30);
    });
  });
}

contract('memory', async () => ({ limiter: createMemoryRateLimiter(), close: async () => {} }));
contract(
  'redis',
  async () => {
    const redis = await connectedRedis();
    return { limiter: createRedisRateLimiter(redis), close: async () => void (await redis.quit()) };
  },
  !!TEST_REDIS_URL,
);

describe('in-process memory stays bounded', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('drops every key when its window ends and counts from zero again', async () => {
    const limiter = createMemoryRateLimiter();
    const limit: RateLimit = { points: 1, windowMs: 10_000 };
    for (let client = 0; client < 1000; client++) {
      await limiter.consume(`client:${client}`, limit);
    }
    expect((await limiter.consume('client:0', limit)).allowed).toBe(false);
    // rate-limiter-flexible's memory store deletes each key from a timer set when the key is written
    expect(jest.getTimerCount()).toBe(1000);

    jest.advanceTimersByTime(10_000);

    expect(jest.getTimerCount()).toBe(0);
    expect(await limiter.consume('client:0', limit)).toMatchObject({ allowed: true, remaining: 0 });
  });
});

describeIfRedis('Redis rate limiter', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectedRedis();
  });
  afterAll(() => redis.quit());

  it('writes every key with an expiry of its window, in the same step as the count', async () => {
    const key = uniqueKey('ttl');
    await createRedisRateLimiter(redis).consume(key, { points: 5, windowMs: 90_000 });
    const ttl = await redis.pttl(`${RATE_LIMIT_PREFIX}:${key}`);
    expect(ttl).toBeGreaterThan(80_000);
    expect(ttl).toBeLessThanOrEqual(90_000);
    expect(await redis.get(`${RATE_LIMIT_PREFIX}:${key}`)).toBe('1');
  });

  it('lets two clients share one count, as two instances would', async () => {
    const other = await connectedRedis();
    try {
      const key = uniqueKey('shared');
      await createRedisRateLimiter(redis).consume(key, THREE_PER_MINUTE);
      await createRedisRateLimiter(other).consume(key, THREE_PER_MINUTE);
      expect(await createRedisRateLimiter(redis).consume(key, THREE_PER_MINUTE)).toMatchObject({
        remaining: 0,
      });
    } finally {
      await other.quit();
    }
  });

  it('counts in process while Redis cannot be reached, neither failing nor refusing everyone', async () => {
    const unreachable = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined);
    await expect(unreachable.connect()).rejects.toThrow();
    expect(unreachable.status).toBe('end');
    try {
      const limiter = createRedisRateLimiter(unreachable);
      const key = uniqueKey('down');
      const results = [];
      for (let hit = 0; hit < 4; hit++) {
        results.push((await limiter.consume(key, THREE_PER_MINUTE)).allowed);
      }
      expect(results).toEqual([true, true, true, false]);
      expect((await limiter.consume(uniqueKey('down'), THREE_PER_MINUTE)).allowed).toBe(true);
      await limiter.reset(key, THREE_PER_MINUTE);
      expect((await limiter.consume(key, THREE_PER_MINUTE)).allowed).toBe(true);
    } finally {
      unreachable.disconnect();
    }
  });

  it('falls back to the insurance limiter when its client disconnects, and back to Redis when it returns', async () => {
    const client = await connectedRedis();
    const limiter = createRedisRateLimiter(client);
    const key = uniqueKey('blip');
    await limiter.consume(key, THREE_PER_MINUTE);
    expect(await redis.get(`${RATE_LIMIT_PREFIX}:${key}`)).toBe('1');

    const ended = once(client, 'end');
    client.disconnect();
    await ended;
    expect(await limiter.consume(key, THREE_PER_MINUTE)).toMatchObject({
      allowed: true,
      remaining: 2,
    });
    expect(await redis.get(`${RATE_LIMIT_PREFIX}:${key}`)).toBe('1');

    await client.connect();
    try {
      expect(await limiter.consume(key, THREE_PER_MINUTE)).toMatchObject({
        allowed: true,
        remaining: 1,
      });
      expect(await redis.pttl(`${RATE_LIMIT_PREFIX}:${key}`)).toBeGreaterThan(0);
    } finally {
      await client.quit();
    }
  });
});
