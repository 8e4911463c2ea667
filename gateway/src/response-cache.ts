import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type ResponseCacheStore } from '@vp/kit';
import { type GatewayContext } from './gateway';

export interface ResponseCacheSettings {
  /** RESPONSE_CACHE (default on). */
  enabled: boolean;
  /** RESPONSE_CACHE_MAX_AGE_SECONDS: the longest an answer is kept, whatever the hints say. */
  maxAgeSeconds: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheSettings = { enabled: true, maxAgeSeconds: 30 };

/** `hit`, `miss` (computed; stored when cacheable) or `skip` (not a query, or cache off). */
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

interface Entry {
  data: Record<string, unknown>;
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Whose entries a request may read and write: one shared scope for every anonymous request, and
 * one per credential (the exact Authorization header the gateway verified: a token, or an API
 * key's) for everyone else. An answer computed for a signed-in viewer is therefore only ever
 * served back to that same credential, whatever its hints say: one viewer's data cannot reach
 * another, even through a field someone forgot to mark.
 */
export const viewerScopeOf = (context: GatewayContext) =>
  context.authorization ? `credential:${sha256(context.authorization)}` : 'anonymous';

/**
 * The gateway's response cache. The subgraphs' `@cacheControl` hints reach the gateway as each
 * subgraph response's `Cache-Control` (Apollo combines them into the operation's policy: the
 * smallest maxAge, PRIVATE if any part is); a query whose policy is cacheable, without errors, is
 * stored for that maxAge (capped) under its document, operation, variables, territory, language
 * and viewer scope. Fields without a hint, or marked UNCACHED (playback, entitlements, the viewer's
 * own likes and progress, private details), make the whole answer uncacheable.
 *
 * Entries are dropped within a second when a subgraph commits VideoPublished/Updated/Deleted or a
 * takedown (kit response-cache.ts). Authentication, limits and cost budgets run before the cache,
 * so a revoked token or an exhausted budget is refused as before.
 *
 * GET queries also get `Cache-Control` for a CDN: `public, max-age=N` only for anonymous requests,
 * `private` for signed-in ones, `no-store` when uncacheable.
 */
export function responseCachePlugin(
  store: ResponseCacheStore,
  settings: ResponseCacheSettings,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      let key: string | undefined;
      let hit: Entry | undefined;
      let generation = 0;
      return {
        async responseForOperation(rc) {
          if (!settings.enabled || rc.operation.operation !== 'query') {
            return null;
          }
          generation = store.generation();
          key = sha256(
            JSON.stringify([
              rc.queryHash,
              rc.operationName ?? null,
              rc.request.variables ?? {},
              contextValue.territory ?? null,
              contextValue.acceptLanguage ?? null,
              viewerScopeOf(contextValue),
            ]),
          );
          const stored = await store.get(key);
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
          if (!hit && maxAge > 0 && body.kind === 'single') {
            const entry: Entry = { data: body.singleResult.data!, maxAge, scope: policy!.scope };
            await store.set(key, JSON.stringify(entry), maxAge * 1000, generation);
          }
        },
      };
    },
  };
}
