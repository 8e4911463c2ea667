import {
  type BackoffPolicy,
  createMemoryBackoff,
  createRedisBackoff,
  MEMBERS_KEPT,
  waitAfter,
} from './backoff';
import Redis from 'ioredis';
import { describeIfRedis, describeInProcessAndRedis } from './testing';

const POLICY: BackoffPolicy = { freeFailures: 3, baseMs: 1000, maxMs: 8000, forgetAfterMs: 60_000 };

it('doubles the wait after the free failures, up to the maximum', () => {
  expect([1, 2, 3, 4, 5, 6, 7].map(failures => waitAfter(failures, POLICY))).toEqual([
    0, 0, 1000, 2000, 4000, 8000, 8000,
  ]);
});

describeInProcessAndRedis('back-off', redisUrl => {
  let clock = 1_000_000_000_000;
  const now = () => clock;
  let redis: Redis | undefined;
  let backoff: ReturnType<typeof createMemoryBackoff>;
  beforeAll(() => {
    redis = redisUrl ? new Redis(redisUrl) : undefined;
    backoff = redis ? createRedisBackoff(redis, now) : createMemoryBackoff(now);
  });
  afterAll(() => redis?.disconnect());
  const key = () => `test:${Math.random()}`;

  it('refuses while a key waits, says for how long, and lets one attempt through after', async () => {
    const k = key();
    for (let i = 1; i <= 3; i++) {
      expect((await backoff.attempt(k, POLICY)).allowed).toBe(true);
    }
    clock += 400;
    expect(await backoff.attempt(k, POLICY)).toEqual({
      allowed: false,
      retryAfterMs: 600,
      failures: 3,
    });
    clock += 600;
    expect((await backoff.attempt(k, POLICY)).allowed).toBe(true);
    clock += 1999;
    expect((await backoff.attempt(k, POLICY)).allowed).toBe(false);
    clock += 1;
    expect(await backoff.attempt(k, POLICY)).toMatchObject({ allowed: true, failures: 5 });
  });

  it('keeps keys apart and forgets a cleared key', async () => {
    const [a, b] = [key(), key()];
    for (let i = 1; i <= 3; i++) {
      await backoff.attempt(a, POLICY);
    }
    expect((await backoff.attempt(a, POLICY)).allowed).toBe(false);
    expect((await backoff.attempt(b, POLICY)).allowed).toBe(true);
    await backoff.clear(a);
    expect(await backoff.attempt(a, POLICY)).toMatchObject({ allowed: true, failures: 1 });
  });

  it('keeps only the newest members of a key', async () => {
    const k = key();
    for (let i = 0; i < MEMBERS_KEPT + 5; i++) {
      clock += 1;
      await backoff.noteMember(k, `m${i}`, 60_000);
    }
    expect(await backoff.noteMember(k, 'm0', 60_000)).toBe(MEMBERS_KEPT);
  });

  it('counts distinct members within the window', async () => {
    const k = key();
    expect(await backoff.noteMember(k, '192.0.2.1', 10_000)).toBe(1);
    expect(await backoff.noteMember(k, '192.0.2.1', 10_000)).toBe(1);
    expect(await backoff.noteMember(k, '192.0.2.2', 10_000)).toBe(2);
    clock += 10_001;
    expect(await backoff.noteMember(k, '192.0.2.3', 10_000)).toBe(1);
    await backoff.clearMembers(k);
    expect(await backoff.noteMember(k, '192.0.2.4', 10_000)).toBe(1);
  });
});

describeIfRedis('back-off while Redis is away', () => {
  it('counts in process instead, and still refuses', async () => {
    // a client that can never connect: every command fails at once, as while Redis is down
    const away = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const backoff = createRedisBackoff(away);
    const policy = { ...POLICY, baseMs: 60_000 };
    for (let i = 1; i <= 3; i++) {
      expect((await backoff.attempt('away', policy)).allowed).toBe(true);
    }
    expect((await backoff.attempt('away', policy)).allowed).toBe(false);
    expect(await backoff.noteMember('away', 'a', 1000)).toBe(1);
    away.disconnect();
  });
});
