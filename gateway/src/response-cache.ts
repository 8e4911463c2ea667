import { createHash } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { memoizeByString, type ResponseCacheStore } from '@vp/kit';
import { type GatewayContext } from './gateway';

export interface ResponseCacheSettings {
  /** RESPONSE_CACHE (default on). */
  enabled: boolean;
  /** RESPONSE_CACHE_MAX_AGE_SECONDS: the longest an answer is kept, whatever the hints say. */
  maxAgeSeconds: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheSettings = { enabled: true, maxAgeSeconds: 30 };

/**
 * How long a request waits for the same answer another request is computing (see `computing`)
 * before it computes its own: longer than a page takes, shorter than a client would wait.
 */
const COMPUTING_WAIT_MS = 5_000;

/**
 * How long an answer with this maxAge is kept: a random 80–100 % of it. Answers stored together
 * (a deploy, an invalidation, the first minute of traffic) would otherwise all expire together and
 * be computed again in one burst (bench/ops: Home's twenty viewers' pages, stored in the same
 * second, expired in the same instant every ten seconds). Serving an answer for less than its
 * maxAge is always allowed.
 */
export const keptMsOf = (maxAgeSeconds: number) =>
  Math.round(maxAgeSeconds * 1000 * (1 - 0.2 * Math.random()));

/** `hit`, `miss` (computed; stored when cacheable) or `skip` (not a query, or cache off). */
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/** A request's `Cache-Control: no-cache` (or `no-store`): it must not be answered from the cache. */
export const wantsFresh = (cacheControl: string | string[] | null | undefined) =>
  /\bno-(cache|store)\b/i.test(String(cacheControl ?? ''));

interface Entry {
  data: Record<string, unknown>;
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The key of an answer in the store (the same whether Apollo or cached-answer.ts looks it up). */
export const answerKeyOf = (
  queryHash: string | undefined,
  operationName: string | null,
  variables: Record<string, unknown> | undefined,
  context: Pick<GatewayContext, 'territory' | 'acceptLanguage' | 'authorization'>,
) =>
  sha256(
    JSON.stringify([
      queryHash,
      operationName,
      variables ?? {},
      context.territory ?? null,
      context.acceptLanguage ?? null,
      viewerScopeOf(context),
    ]),
  );

/** What serving a cached answer before Apollo needs to know of an operation Apollo already ran. */
export interface KnownOperation {
  /** Apollo's hash of the text, and the operation's name in the document (the answer key's parts). */
  queryHash: string;
  operationName: string | null;
  /** What Apollo charged for it with these variables (undefined: cost budgets off). */
  cost: number | undefined;
}

/**
 * Operations (exact text, operation name as sent, variables) that Apollo parsed, validated, costed
 * and answered cacheably, for a POST without an API key. Bounded; emptied when the schema changes.
 */
export class KnownOperations {
  private readonly operations = new Map<string, KnownOperation>();

  constructor(private readonly maxEntries = 10_000) {}

  private static keyOf(query: string, operationName: unknown, variables: unknown) {
    return JSON.stringify([query, operationName ?? null, variables ?? {}]);
  }

  get(query: string, operationName: unknown, variables: unknown): KnownOperation | undefined {
    return this.operations.get(KnownOperations.keyOf(query, operationName, variables));
  }

  remember(query: string, operationName: unknown, variables: unknown, operation: KnownOperation) {
    const key = KnownOperations.keyOf(query, operationName, variables);
    if (!this.operations.has(key) && this.operations.size >= this.maxEntries) {
      this.operations.delete(this.operations.keys().next().value!);
    }
    this.operations.set(key, operation);
  }

  clear() {
    this.operations.clear();
  }
}

/**
 * Whose entries a request may read and write: one shared scope for every anonymous request, and
 * one per credential (the exact Authorization header the gateway verified: a token, or an API
 * key's) for everyone else. An answer computed for a signed-in viewer is therefore only ever
 * served back to that same credential, whatever its hints say: one viewer's data cannot reach
 * another, even through a field someone forgot to mark.
 */
export const viewerScopeOf = (context: Pick<GatewayContext, 'authorization'>) =>
  context.authorization ? scopeOfCredential(context.authorization) : 'anonymous';

// a busy client sends the same credential on every request: one sha256 of it is enough
const scopeOfCredential = memoizeByString(
  authorization => `credential:${sha256(authorization)}`,
  10_000,
);

/**
 * The gateway's response cache. The subgraphs' `@cacheControl` hints reach the gateway as each
 * subgraph response's `Cache-Control` (Apollo combines them into the operation's policy: the
 * smallest maxAge, PRIVATE if any part is); a query whose policy is cacheable, without errors, is
 * stored for that maxAge (capped) under its document, operation, variables, territory, language
 * and viewer scope. Fields without a hint, or marked UNCACHED (playback, entitlements, the viewer's
 * own likes and progress, private details), make the whole answer uncacheable.
 *
 * Entries are dropped within a second when a subgraph commits one of CACHE_INVALIDATING_EVENTS (kit
 * response-cache.ts: a video published, edited or deleted, a takedown, a live stream's status, a
 * catalog title's change, a suspension). Authentication, limits and cost budgets run before the cache,
 * so a revoked token or an exhausted budget is refused as before.
 *
 * GET queries also get `Cache-Control` for a CDN: `public, max-age=N` only for anonymous requests,
 * `private` for signed-in ones, `no-store` when uncacheable.
 */
export function responseCachePlugin(
  store: ResponseCacheStore,
  settings: ResponseCacheSettings,
  known?: KnownOperations,
): ApolloServerPlugin<GatewayContext> {
  /**
   * The cacheable answers this process is computing, by key. When a cached page expires under
   * load, every request for it until the first is answered would run the whole operation again,
   * each slowing the others; instead they wait for the first one's answer and take it from the
   * cache.
   */
  const computing = new Map<string, Promise<void>>();
  return {
    async requestDidStart({ contextValue }) {
      let key: string | undefined;
      let hit: Entry | undefined;
      let generation = 0;
      let computed: (() => void) | undefined;
      return {
        async responseForOperation(rc) {
          if (!settings.enabled || rc.operation.operation !== 'query') {
            return null;
          }
          generation = store.generation();
          key = answerKeyOf(
            rc.queryHash,
            rc.operationName ?? null,
            rc.request.variables,
            contextValue,
          );
          // `Cache-Control: no-cache` asks for a fresh answer (which is then stored as usual)
          const fresh = wantsFresh(rc.request.http?.headers.get('cache-control'));
          let stored = fresh ? undefined : await store.get(key);
          // only an operation already answered cacheably waits: another one would wait for nothing
          if (
            !stored &&
            !fresh &&
            typeof rc.request.query === 'string' &&
            known?.get(rc.request.query, rc.request.operationName, rc.request.variables)
          ) {
            const pending = computing.get(key);
            if (pending) {
              const givenUp = new AbortController();
              const answered = await Promise.race([
                pending.then(() => true),
                wait(COMPUTING_WAIT_MS, false, { signal: givenUp.signal, ref: false }).catch(
                  () => false,
                ),
              ]).finally(() => givenUp.abort());
              if (!answered && computing.get(key) === pending) {
                // the first request is stuck: the next miss computes rather than waiting again
                computing.delete(key);
              }
              // not there (uncacheable this time, or invalidated meanwhile): computed afresh
              stored = await store.get(key);
            } else {
              const own = key;
              let settle!: () => void;
              const done = new Promise<void>(resolve => (settle = resolve));
              computing.set(own, done);
              computed = () => {
                if (computing.get(own) === done) {
                  computing.delete(own);
                }
                settle();
              };
            }
          }
          if (!stored) {
            return null;
          }
          hit = JSON.parse(stored) as Entry;
          rc.overallCachePolicy.replace({ maxAge: hit.maxAge, scope: hit.scope });
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: hit.data } },
          };
        },
        async willSendResponse(rc) {
          const headers = rc.response.http.headers;
          if (!key) {
            headers.set(RESPONSE_CACHE_HEADER, 'skip');
            return;
          }
          headers.set(RESPONSE_CACHE_HEADER, hit ? 'hit' : 'miss');
          const body = rc.response.body;
          const policy =
            body.kind === 'single' && !body.singleResult.errors && body.singleResult.data
              ? rc.overallCachePolicy.policyIfCacheable()
              : null;
          const maxAge = policy ? Math.min(policy.maxAge, settings.maxAgeSeconds) : 0;
          if (rc.request.http?.method === 'GET') {
            headers.set(
              'cache-control',
              maxAge <= 0
                ? 'no-store'
                : `${contextValue.authorization ? 'private' : 'public'}, max-age=${maxAge}`,
            );
          }
          try {
            if (!hit && maxAge > 0 && body.kind === 'single') {
              const entry: Entry = { data: body.singleResult.data!, maxAge, scope: policy!.scope };
              await store.set(key, JSON.stringify(entry), keptMsOf(maxAge), generation);
            }
          } finally {
            // stored or not: whoever waits for this answer looks in the cache now
            computed?.();
          }
          // an operation Apollo ran through to a cacheable answer: its next cached answers may be
          // served before Apollo (cached-answer.ts), with the same key and the same charge
          if (
            known &&
            (hit || maxAge > 0) &&
            rc.request.http?.method === 'POST' &&
            !contextValue.apiKey &&
            typeof rc.request.query === 'string' &&
            rc.queryHash &&
            (!contextValue.charge || contextValue.charge.state.allowed)
          ) {
            known.remember(rc.request.query, rc.request.operationName, rc.request.variables, {
              queryHash: rc.queryHash,
              operationName: rc.operationName ?? null,
              cost: contextValue.charge?.cost,
            });
          }
        },
      };
    },
  };
}
