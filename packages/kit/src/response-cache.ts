import { type PubSub } from '@graphql-yoga/subscription';
import type Redis from 'ioredis';
import { createLogger } from './logger';

/**
 * The gateway's response cache store (its plugin is gateway/src/response-cache.ts) and how the
 * subgraphs tell it that public data changed.
 *
 * Every entry is written under the cache's generation at the time its request started; an
 * invalidation moves every process to a new generation, so nothing written before it is read
 * again, and a request that read the database before the change cannot store its now stale answer
 * under the new generation either. Invalidations are coarse (all entries) and come from the
 * domain events that change what public queries show: they are rare next to reads.
 */
export interface ResponseCacheStore {
  /** The generation now: pass it to `set` for an answer computed from here on. */
  generation(): number;
  get(key: string): Promise<string | undefined>;
  /** Stores an answer computed since `generation`; dropped when an invalidation came in between. */
  set(key: string, value: string, ttlMs: number, generation: number): Promise<void>;
  /** Every process's entries become unreadable (within milliseconds, through Redis when shared). */
  invalidate(reason: string): Promise<void>;
  onInvalidate(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

/**
 * The events after which a cached list may be stale: a video published, edited, deleted or taken
 * down; a live stream created, on air or ended (the home page's live row); a catalog title
 * published, edited, licensed or withdrawn (browse, search); an account suspended or reinstated
 * (every list hides a suspended owner's content). All rare next to reads; views, likes, comments
 * and follows are not here: counts may be a cache's maxAge late.
 */
export const CACHE_INVALIDATING_EVENTS: ReadonlySet<string> = new Set([
  'VideoPublished',
  'VideoUpdated',
  'VideoDeleted',
  'ContentTakenDown',
  'LiveStreamChanged',
  'TitleChanged',
  'UserSuspensionChanged',
]);

export const RESPONSE_CACHE_TOPIC = 'gateway:response-cache:invalidate';
const GENERATION_KEY = 'gateway:response-cache:generation';
/** Entries one process keeps in memory at most (the oldest written go first). */
export const RESPONSE_CACHE_MAX_ENTRIES = 10_000;

const log = createLogger('response-cache');

function listenersOf() {
  const listeners = new Set<(reason: string) => void>();
  return {
    add(listener: (reason: string) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    tell(reason: string) {
      for (const listener of listeners) {
        try {
          listener(reason);
        } catch (err) {
          log.error({ err }, 'response cache listener failed');
        }
      }
    },
  };
}

/** An in-memory store: the oldest entries go first past `maxEntries`, expired ones on read. */
export function createMemoryResponseCache(
  maxEntries = RESPONSE_CACHE_MAX_ENTRIES,
  now: () => number = Date.now,
): ResponseCacheStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const listeners = listenersOf();
  let generation = 0;
  return {
    generation: () => generation,
    async get(key) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry?.value;
    },
    async set(key, value, ttlMs, at) {
      if (at !== generation || ttlMs <= 0) {
        return;
      }
      entries.delete(key);
      if (entries.size >= maxEntries) {
        entries.delete(entries.keys().next().value!);
      }
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
    async invalidate(reason) {
      generation += 1;
      entries.clear();
      listeners.tell(reason);
    },
    onInvalidate: listener => listeners.add(listener),
    close: async () => undefined,
  };
}

/**
 * Without Redis every subgraph and the gateway of the embedded platform share one process (the
 * launcher), each with its own shared state: they share this one store, so an invalidation
 * published by videos reaches the gateway at once (as revocations do).
 */
let processResponseCache: ResponseCacheStore | undefined;

export function inProcessResponseCache(): ResponseCacheStore {
  if (!processResponseCache) {
    const store = createMemoryResponseCache();
    processResponseCache = { ...store, close: async () => undefined };
  }
  return processResponseCache;
}

/**
 * With Redis: entries are Redis strings under `gateway:response-cache:<generation>:<key>` with
 * their TTL, shared by every gateway; the generation is a Redis counter, and an invalidation
 * increments it and publishes the new value, which every process adopts on receipt.
 */
export async function createRedisResponseCache(
  commands: Redis,
  pubSub: PubSub<Record<string, [unknown] | [string, unknown]>>,
): Promise<ResponseCacheStore> {
  const listeners = listenersOf();
  let generation = Number((await commands.get(GENERATION_KEY)) ?? 0);
  const adopt = (value: number) => {
    if (Number.isFinite(value) && value > generation) {
      generation = value;
    }
  };
  const topic = pubSub as unknown as PubSub<
    Record<typeof RESPONSE_CACHE_TOPIC, [{ generation: number; reason: string }]>
  >;
  const stream = topic.subscribe(RESPONSE_CACHE_TOPIC);
  void (async () => {
    for await (const message of stream) {
      adopt(Number(message?.generation));
      listeners.tell(String(message?.reason ?? 'invalidated'));
    }
  })().catch(err => log.error({ err }, 'response cache invalidations ended'));
  // invalidations published while Redis was away reached nobody: read the counter again
  const catchUp = () =>
    void commands
      .get(GENERATION_KEY)
      .then(value => adopt(Number(value ?? 0)))
      .catch(() => undefined);
  commands.on('ready', catchUp);
  const keyOf = (at: number, key: string) => `gateway:response-cache:${at}:${key}`;
  return {
    generation: () => generation,
    async get(key) {
      try {
        return (await commands.get(keyOf(generation, key))) ?? undefined;
      } catch {
        return undefined; // Redis away: answer from the subgraphs
      }
    },
    async set(key, value, ttlMs, at) {
      if (at !== generation || ttlMs <= 0) {
        return;
      }
      await commands.set(keyOf(at, key), value, 'PX', ttlMs).catch(() => undefined);
    },
    async invalidate(reason) {
      const next = await commands.incr(GENERATION_KEY);
      adopt(next);
      topic.publish(RESPONSE_CACHE_TOPIC, { generation: next, reason });
    },
    onInvalidate: listener => listeners.add(listener),
    async close() {
      commands.off('ready', catchUp);
      void stream.return()?.catch(() => undefined);
    },
  };
}
