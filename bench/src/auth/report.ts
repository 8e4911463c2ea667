import Redis from 'ioredis';

import { percentile, table } from '../report';

export { percentile, table };

export const ms = (value: number) => value.toFixed(1);

/** Redis on REDIS_URL (or the tests' 127.0.0.1:6379) when it answers, else undefined. */
export async function reachableRedis(): Promise<string | undefined> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}
