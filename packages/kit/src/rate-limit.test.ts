import Redis from 'ioredis';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit';
import { itWithRedis, TEST_REDIS_URL } from './testing';

const REDIS_URL = TEST_REDIS_URL ?? '';


// The same contract for both sides of the port.
function contract(name: string, make: () => Promise<{ limiter: RateLimiter; close(): Promise<void> }>) {
  describe(`${name} rate limiter`, () => {
    let limiter: RateLimiter;
    let close: () => Promise<void>;
    const key = () => `test:${name}:${Math.random().toString(36).slice(2)}`;

    beforeAll(async () => {
      ({ limiter, close } = await make());
    });
    afterAll(() => close());

    it('counts hits within a window', async () => {
      const k = key();
      expect((await limiter.hit(k, 10_000)).count).toBe(1);
      expect((await limiter.hit(k, 10_000)).count).toBe(2);
      const peek = await limiter.peek(k);
      expect(peek.count).toBe(2);
      expect(peek.resetMs).toBeGreaterThan(0);
      expect(peek.resetMs).toBeLessThanOrEqual(10_000);
    });

    it('starts over when the window ends', async () => {
      const k = key();
      await limiter.hit(k, 50);
      await limiter.hit(k, 50);
      await new Promise(resolve => setTimeout(resolve, 80));
      expect((await limiter.peek(k)).count).toBe(0);
      expect((await limiter.hit(k, 50)).count).toBe(1);
    });

    it('forgets a key on reset', async () => {
      const k = key();
      await limiter.hit(k, 10_000);
      await limiter.reset(k);
      expect((await limiter.peek(k)).count).toBe(0);
    });
  });
}

contract('memory', async () => ({ limiter: createMemoryRateLimiter(), close: async () => {} }));
(TEST_REDIS_URL ? contract : () => undefined)('redis', async () => {
  const redis = new Redis(REDIS_URL);
  return { limiter: createRedisRateLimiter(redis), close: async () => void (await redis.quit()) };
});

itWithRedis('two Redis clients share one count, as two instances would', async () => {
  const a = new Redis(REDIS_URL);
  const b = new Redis(REDIS_URL);
  const k = `test:shared:${Date.now()}`;
  await createRedisRateLimiter(a).hit(k, 10_000);
  expect((await createRedisRateLimiter(b).hit(k, 10_000)).count).toBe(2);
  await Promise.all([a.quit(), b.quit()]);
});
