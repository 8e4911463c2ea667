import Redis from 'ioredis';
import {
  COST_BUCKET_PREFIX,
  createMemoryCostBuckets,
  createRedisCostBuckets,
  type BucketLimits,
  type CostBuckets,
} from './cost-bucket';
import { TEST_REDIS_URL } from './testing';

const LIMITS: BucketLimits = { maximumAvailable: 1000, restoreRate: 100 };
const uniqueKey = () => `test:${Math.random().toString(36).slice(2)}`;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// The same contract for both sides of the port.
function contract(
  name: string,
  make: () => Promise<{ buckets: CostBuckets; close(): Promise<void> }>,
  runs = true,
) {
  (runs ? describe : describe.skip)(`${name} cost buckets`, () => {
    let buckets: CostBuckets;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ buckets, close } = await make());
    });
    afterAll(() => close());

    it('starts full, takes the cost and refuses what it does not hold, taking nothing', async () => {
      const key = uniqueKey();
      expect(await buckets.take(key, 0, LIMITS)).toMatchObject({
        allowed: true,
        currentlyAvailable: 1000,
      });
      expect(await buckets.take(key, 700, LIMITS)).toMatchObject({
        allowed: true,
        retryAfterSeconds: 0,
      });
      const refused = await buckets.take(key, 700, LIMITS);
      expect(refused.allowed).toBe(false);
      // ~300 left: 400 more points at 100/s is 4 s
      expect(refused.currentlyAvailable).toBeGreaterThanOrEqual(300);
      expect(refused.currentlyAvailable).toBeLessThan(320);
      expect(refused.retryAfterSeconds).toBe(4);
      // the refusal took nothing
      expect((await buckets.take(key, 300, LIMITS)).allowed).toBe(true);
    });

    it('refills at the restore rate, never beyond the maximum', async () => {
      const key = uniqueKey();
      await buckets.take(key, 1000, LIMITS);
      expect((await buckets.take(key, 50, LIMITS)).allowed).toBe(false);
      await sleep(600);
      const later = await buckets.take(key, 50, LIMITS);
      expect(later.allowed).toBe(true);
      expect(later.currentlyAvailable).toBeGreaterThanOrEqual(5);
      expect(later.currentlyAvailable).toBeLessThan(30);
      const quick = { maximumAvailable: 100, restoreRate: 1000 };
      const full = uniqueKey();
      await buckets.take(full, 10, quick);
      await sleep(300);
      expect((await buckets.take(full, 0, quick)).currentlyAvailable).toBe(100);
    });

    it('keeps each key apart and honours per-key limits', async () => {
      const [a, b] = [uniqueKey(), uniqueKey()];
      await buckets.take(a, 1000, LIMITS);
      expect((await buckets.take(b, 1000, LIMITS)).allowed).toBe(true);
      const big = { maximumAvailable: 20_000, restoreRate: 500 };
      expect((await buckets.take(uniqueKey(), 15_000, big)).currentlyAvailable).toBe(5000);
    });

    it('takes exactly once under concurrent requests', async () => {
      const key = uniqueKey();
      const results = await Promise.all(
        Array.from({ length: 30 }, () => buckets.take(key, 100, LIMITS)),
      );
      expect(results.filter(result => result.allowed)).toHaveLength(10);
    });
  });
}

contract('memory', async () => ({ buckets: createMemoryCostBuckets(), close: async () => {} }));
contract(
  'redis',
  async () => {
    const redis = new Redis(TEST_REDIS_URL ?? '', { lazyConnect: true, enableOfflineQueue: false });
    await redis.connect();
    return { buckets: createRedisCostBuckets(redis), close: async () => void (await redis.quit()) };
  },
  !!TEST_REDIS_URL,
);

(TEST_REDIS_URL ? describe : describe.skip)('Redis cost buckets', () => {
  it('lets a bucket expire once it would be full again, and answers from the process while Redis is away', async () => {
    const redis = new Redis(TEST_REDIS_URL ?? '', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    await redis.connect();
    const key = uniqueKey();
    await createRedisCostBuckets(redis).take(key, 500, LIMITS);
    const ttl = await redis.pttl(`${COST_BUCKET_PREFIX}:${key}`);
    expect(ttl).toBeGreaterThan(5000);
    expect(ttl).toBeLessThanOrEqual(6000);
    const buckets = createRedisCostBuckets(redis);
    await redis.quit();
    expect(await buckets.take(key, 600, LIMITS)).toMatchObject({
      allowed: true,
      currentlyAvailable: 400,
    });
    expect((await buckets.take(key, 600, LIMITS)).allowed).toBe(false);
  });
});
