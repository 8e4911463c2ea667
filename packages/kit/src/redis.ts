import Redis from 'ioredis';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { type Backoff, createMemoryBackoff, createRedisBackoff } from './backoff';
import { createMemoryCostBuckets, createRedisCostBuckets, type CostBuckets } from './cost-bucket';
import { createLogger } from './logger';
import { createMemoryPresence, createRedisPresence, type Presence } from './presence';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit';
import {
  createRedisResponseCache,
  inProcessResponseCache,
  type ResponseCacheStore,
} from './response-cache';
import { createRedisRevocations, inProcessRevocations, type Revocations } from './revocation';

/**
 * The shared-state port: rate-limit counters and subscription pub/sub. Without REDIS_URL both live in
 * this process (fine for one instance); with it, every instance shares them through Redis.
 */
export interface SharedState {
  rateLimiter: RateLimiter;
  /** Exponential back-off per key and distinct members per key (sign-in throttling). */
  backoff: Backoff;
  /** Leaky buckets of points (the public API's cost budgets). */
  costBuckets: CostBuckets;
  pubSub: PubSub<Record<string, [unknown] | [string, unknown]>>;
  /** Who is here now, per room (live viewers): counted across instances when Redis is shared. */
  presence: Presence;
  /** Revoked sessions and users' not-before times, heard from users (revocation.ts). */
  revocations: Revocations;
  /** The gateway's response cache, and the subgraphs' way to invalidate it (response-cache.ts). */
  responseCache: ResponseCacheStore;
  close(): Promise<void>;
}

export async function createSharedState(redisUrl?: string): Promise<SharedState> {
  if (!redisUrl) {
    const presence = createMemoryPresence();
    return {
      rateLimiter: createMemoryRateLimiter(),
      backoff: createMemoryBackoff(),
      costBuckets: createMemoryCostBuckets(),
      pubSub: createPubSub(),
      presence,
      revocations: inProcessRevocations(),
      responseCache: inProcessResponseCache(),
      close: () => presence.close(),
    };
  }
  // Commands fail fast while Redis is down instead of queueing without bound.
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true };
  const commands = new Redis(redisUrl, options);
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  await Promise.all([commands.connect(), publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = createRedisEventTarget({
    publishClient: publishingWithoutRejections(publishClient),
    subscribeClient,
  });
  const presence = createRedisPresence(commands);
  const pubSub = createPubSub({ eventTarget });
  const revocations = await createRedisRevocations(commands, pubSub);
  const responseCache = await createRedisResponseCache(commands, pubSub);
  return {
    rateLimiter: createRedisRateLimiter(commands),
    backoff: createRedisBackoff(commands),
    costBuckets: createRedisCostBuckets(commands),
    pubSub,
    presence,
    revocations,
    responseCache,
    async close() {
      await presence.close();
      await revocations.close();
      await responseCache.close();
      // QUIT cannot reach a Redis that is away (it would wait in the offline queue for a
      // reconnection): those clients are only stopped from reconnecting
      const clients = [commands, publishClient, subscribeClient];
      await Promise.allSettled(
        clients.map(client => (client.status === 'ready' ? client.quit() : client.disconnect())),
      );
      clients.forEach(client => client.disconnect());
    },
  };
}

/**
 * The Redis event target publishes without awaiting: while Redis is down (no offline queue) each
 * publish's rejected promise went unhandled, which ends a Node process. Pub/sub is at most once
 * anyway (chat catches up from the database with `after`), so a lost publish is logged, at most
 * once every 10 s, and the process carries on.
 */
function publishingWithoutRejections(client: Redis): Redis {
  const log = createLogger('redis');
  let lastWarning = 0;
  return {
    publish: (channel: string, message: string) =>
      client.publish(channel, message).catch((err: unknown) => {
        if (Date.now() - lastWarning > 10_000) {
          lastWarning = Date.now();
          log.warn({ err, channel }, 'publish to Redis failed; the event is lost');
        }
        return 0;
      }),
  } as unknown as Redis;
}
