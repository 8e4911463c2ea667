import { createHash } from 'node:crypto';
import { createMemoryResponseCache, type ResponseCacheStore, type SharedState } from '@vp/kit';
import { type GatewayContext } from './gateway';
import { keptMsOf, viewerScopeOf } from './response-cache';

/** Where a gateway tells the others that a viewer's mutation went through it. */
export const ENTITY_CACHE_WROTE_TOPIC = 'gateway:entity-cache:wrote';

/** The shared pub/sub (kit SharedState's), as this topic uses it. */
interface WroteTopic {
  publish(topic: typeof ENTITY_CACHE_WROTE_TOPIC, message: { scope: string }): void;
  subscribe(topic: typeof ENTITY_CACHE_WROTE_TOPIC): AsyncIterableIterator<{ scope: string }>;
}

/** Entities one gateway process keeps at most (the oldest written go first). */
export const ENTITY_CACHE_MAX_ENTRIES = 20_000;

/** An entity as a subgraph answered it, with the policy its answer came under. */
interface Entry {
  entity: unknown;
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
  storedAt: number;
}

/** A subgraph answer's Cache-Control as the cache policy it allows (maxAge 0: not cacheable). */
export function policyOfHeader(header: string | null | undefined) {
  const maxAge = /(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/i.exec(header ?? '')?.[1];
  const noStore = /(?:^|,)\s*no-store\s*(?:,|$)/i.test(header ?? '');
  return {
    maxAge: maxAge && !noStore ? Number(maxAge) : 0,
    scope: /(?:^|,)\s*private\s*(?:,|$)/i.test(header ?? '')
      ? ('PRIVATE' as const)
      : ('PUBLIC' as const),
  };
}

/** A fetch's keys (one per representation) and whose they are. */
export interface EntityKeys {
  keys: string[];
  scope: string;
}

/** The `_entities` fetch of a query plan: the shape of what the cache keeps apart. */
export interface EntityFetch {
  subgraph: string;
  query: string;
  variables: Record<string, unknown> | undefined;
  context: Pick<GatewayContext, 'authorization' | 'territory' | 'acceptLanguage'>;
}

/** When and under which generation a fetch started. */
export interface FetchStart {
  generation: number;
  startedAt: number;
}

/** What a lookup found: every representation's entity, and the policy they allow together. */
export interface EntityHit {
  entities: unknown[];
  /** The seconds left of the shortest-lived entry, and PRIVATE if any entry was. */
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

/**
 * The gateway's entity cache: what a subgraph answered to an `_entities` fetch of a query plan (a
 * video's owner, the cards of a list), kept per representation for as long as the answer's
 * Cache-Control allowed (the subgraph's `@cacheControl` hints, capped at the response cache's
 * maxAge). A query whose whole answer is not cached (another video each time, a viewer's own
 * field at the root) still skips the subgraphs it asked only for such entities: most requests of
 * `video { owner { handle } }` then make one subgraph fetch instead of two.
 *
 * Kept apart as the response cache keeps answers: per viewer scope (one per credential, one for
 * every anonymous request: an entity fetched for one viewer is never served to another, even when
 * a field is hinted public by mistake), territory and language. A fetch is answered from the
 * cache only when every one of its representations is there; otherwise it goes to the subgraph
 * whole, and its answer is kept when it had no errors. Nulls (an entity hidden from this viewer)
 * are not kept. Mutations, and requests saying `Cache-Control: no-cache`, never read it.
 *
 * A viewer reads their own writes: once a mutation of theirs went through a gateway (a rename, a
 * follow, a comment), nothing kept for their scope before it is read again, in every gateway
 * (through the shared pub/sub: Redis when there are several). Other viewers may
 * see an entity up to its maxAge late (a renamed channel on someone else's watch page), as they
 * may see the response cache's answers; the invalidating events drop everything at once.
 *
 * In the gateway's own memory (an `_entities` answer is small and read at once; a Redis round
 * trip would cost what the fetch it saves costs); emptied with the response cache, by the same
 * invalidating events, in every gateway process.
 */
export class EntityCache {
  private readonly shared: ResponseCacheStore;
  private readonly memory: ResponseCacheStore;
  private readonly stopListening: () => void;
  /** When each viewer scope's latest mutation ended, for those within the last maxAge (oldest first). */
  private readonly wroteAt = new Map<string, number>();
  private readonly topic: WroteTopic;
  private readonly wrotes: AsyncIterableIterator<{ scope: string }>;

  constructor(
    shared: Pick<SharedState, 'responseCache' | 'pubSub'>,
    private readonly maxAgeSeconds: number,
    maxEntries = ENTITY_CACHE_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {
    this.shared = shared.responseCache;
    this.memory = createMemoryResponseCache(maxEntries, now);
    this.stopListening = this.shared.onInvalidate(reason => void this.memory.invalidate(reason));
    this.topic = shared.pubSub as unknown as WroteTopic;
    const wrotes = this.topic.subscribe(ENTITY_CACHE_WROTE_TOPIC);
    this.wrotes = wrotes;
    void (async () => {
      for await (const message of wrotes) {
        if (typeof message?.scope === 'string') {
          this.markWrote(message.scope);
        }
      }
    })().catch(() => undefined);
  }

  close() {
    this.stopListening();
    void this.wrotes.return?.()?.catch(() => undefined);
    void this.memory.invalidate('closed');
  }

  /** The fetch's keys, or undefined when it is not an `_entities` fetch. */
  keysOf({ subgraph, query, variables, context }: EntityFetch): EntityKeys | undefined {
    const representations = variables?.representations;
    if (!Array.isArray(representations) || !query.includes('_entities(')) {
      return undefined;
    }
    const { representations: _, ...others } = variables!;
    const scope = viewerScopeOf(context);
    // the shared generation too: a process that missed an invalidation while Redis was away and
    // caught up later reads none of what it kept before
    const prefix = createHash('sha256')
      .update(
        JSON.stringify([
          this.shared.generation(),
          subgraph,
          scope,
          context.territory ?? null,
          context.acceptLanguage ?? null,
          query,
          others,
        ]),
      )
      .digest('base64url');
    return {
      keys: representations.map(representation => `${prefix}:${JSON.stringify(representation)}`),
      scope,
    };
  }

  /**
   * A mutation of this viewer's ended: what was kept for them before is not read again, anywhere.
   * Not for anonymous requests: their scope is everyone's, and what they may change (sign-up,
   * sign-in) is no entity anyone kept; marking it would empty it at every sign-in.
   */
  wrote(context: Pick<GatewayContext, 'authorization'>) {
    if (!context.authorization) {
      return;
    }
    const scope = viewerScopeOf(context);
    this.markWrote(scope);
    this.topic.publish(ENTITY_CACHE_WROTE_TOPIC, { scope });
  }

  /** Marked at this process's own time of hearing (no clock is compared across gateways). */
  private markWrote(scope: string) {
    const now = this.now();
    this.wroteAt.delete(scope);
    this.wroteAt.set(scope, now);
    // entries older than maxAge expired anyway: their marks no longer matter
    for (const [oldest, at] of this.wroteAt) {
      if (at > now - this.maxAgeSeconds * 1000) {
        break;
      }
      this.wroteAt.delete(oldest);
    }
  }

  /** Every representation's entity, or undefined when one of them is not kept. */
  async read({ keys, scope }: EntityKeys): Promise<EntityHit | undefined> {
    const stored = await Promise.all(keys.map(key => this.memory.get(key)));
    if (stored.some(value => value === undefined)) {
      return undefined;
    }
    const now = this.now();
    const wroteAt = this.wroteAt.get(scope) ?? -Infinity;
    const hit: EntityHit = { entities: [], maxAge: this.maxAgeSeconds, scope: 'PUBLIC' };
    for (const value of stored) {
      const entry = JSON.parse(value!) as Entry;
      if (entry.storedAt <= wroteAt) {
        return undefined;
      }
      hit.entities.push(entry.entity);
      hit.maxAge = Math.min(hit.maxAge, entry.maxAge - Math.ceil((now - entry.storedAt) / 1000));
      if (entry.scope === 'PRIVATE') {
        hit.scope = 'PRIVATE';
      }
    }
    hit.maxAge = Math.max(0, hit.maxAge);
    return hit;
  }

  /**
   * Where a fetch starts: what it then keeps is dropped if an invalidation, or a mutation of the
   * same viewer's, came in between (its answer may hold what was there before).
   */
  begin(): FetchStart {
    return { generation: this.memory.generation(), startedAt: this.now() };
  }

  /** Keeps the entities of an answer without errors, for as long as its Cache-Control allows. */
  async write(
    { keys, scope }: EntityKeys,
    answer: { data?: unknown; errors?: readonly unknown[] },
    cacheControl: string | null | undefined,
    { generation, startedAt }: FetchStart,
  ) {
    if ((this.wroteAt.get(scope) ?? -Infinity) >= startedAt) {
      return;
    }
    const policy = policyOfHeader(cacheControl);
    const maxAge = Math.min(policy.maxAge, this.maxAgeSeconds);
    const entities = (answer.data as { _entities?: unknown } | undefined)?._entities;
    if (
      maxAge <= 0 ||
      answer.errors?.length ||
      !Array.isArray(entities) ||
      entities.length !== keys.length
    ) {
      return;
    }
    const storedAt = this.now();
    await Promise.all(
      entities.map((entity, index) =>
        entity === null || entity === undefined
          ? undefined
          : this.memory.set(
              keys[index],
              JSON.stringify({ entity, maxAge, scope: policy.scope, storedAt } satisfies Entry),
              keptMsOf(maxAge),
              generation,
            ),
      ),
    );
  }
}
