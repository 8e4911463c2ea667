import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { PUBLIC_CODES, RATE_LIMIT_STATUS_HEADER, VIEWER_TERRITORY_HEADER } from '@vp/kit';
import { GraphQLError } from 'graphql';
import { type ApiKeyIdentity } from './identity';
import { EntityCache, policyOfHeader } from './entity-cache';
import { type GatewayMetrics } from './metrics';
import { rateLimitStatus, type Charge, type CostPayer } from './partner/budget';
import { isUnreachable, serviceUnavailable, type SubgraphBreakers } from './subgraph-faults';
import { wantsFresh } from './response-cache';
import { subgraphFetch, type SubgraphResponse } from './subgraph-fetch';

export interface GatewayContext {
  requestId: string;
  /** The caller's Authorization header, already verified by the gateway. */
  authorization?: string;
  /** The caller's address as the gateway sees it (trusting only configured proxies), and agent. */
  clientIp?: string;
  userAgent?: string;
  /**
   * The viewer's territory (ISO 3166-1 alpha-2): the CDN's header when a TRUST_PROXY hop sent it,
   * else DEFAULT_TERRITORY. Subgraphs get it as `x-viewer-territory`.
   */
  territory?: string;
  /** The caller's Accept-Language (bounded), for names subgraphs keep in several languages. */
  acceptLanguage?: string;
  /** Whose cost budget this request spends; the charge once its cost is known. */
  payer?: CostPayer;
  charge?: Charge;
  /** Set when the request came with an API key: its scopes limit what the request may touch. */
  apiKey?: ApiKeyIdentity;
}

/** A plausible Accept-Language header, at most 200 characters, else nothing (the default language). */
export const acceptLanguageOf = (header: unknown) =>
  typeof header === 'string' && header.length <= 200 && /^[A-Za-z0-9*\-_;=.,\s]+$/.test(header)
    ? header
    : undefined;

/**
 * Keep-alive connections to subgraphs. @apollo/gateway's default fetcher opens a connection per
 * subgraph fetch under load; reusing sockets is most of the gap to Hive Gateway. The fetch itself
 * is subgraph-fetch.ts's, lighter than node-fetch for the small JSON requests subgraphs get.
 */
export function keepAliveFetcher(maxSockets = 256) {
  // With an agent timeout set, node closes an idle socket a second before the subgraph's announced
  // `Keep-Alive: timeout=5` runs out; without one it ignores that hint (node 20), and a request
  // sent on a socket the subgraph was closing at that moment failed with ECONNRESET.
  const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 60_000 };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return {
    fetcher: subgraphFetch({ http, https }),
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

/**
 * What RemoteGraphQLDataSource does with a subgraph answer's Cache-Control for the request that
 * fetched it (no header: uncacheable), for a request that shared that fetch or was answered from
 * the entity cache (the response cache must not take such a part as cacheable, or for longer,
 * when the subgraph said otherwise).
 */
function restrictCachePolicy(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  hint: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' },
) {
  if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) {
    return;
  }
  const policy = options.incomingRequestContext.overallCachePolicy;
  if (policy && 'restrict' in policy) {
    // restrict only narrows: PUBLIC leaves a PRIVATE policy private
    policy.restrict(hint);
  }
}

/**
 * Passes the caller's verified token and the request id on to subgraphs, and nothing else. Each
 * fetch has a deadline and goes through the subgraph's circuit breaker (subgraph-faults.ts): a
 * subgraph that is down or does not answer in time gives its fields SERVICE_UNAVAILABLE while the
 * other subgraphs' fields still answer.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    fetcher: ReturnType<typeof keepAliveFetcher>['fetcher'],
    private readonly faults?: SubgraphBreakers,
    private readonly metrics?: GatewayMetrics,
    private readonly entityCache?: EntityCache,
  ) {
    const timeoutMs = faults?.settings.timeoutMs;
    const withDeadline: typeof fetcher = async (target, init) => {
      if (init?.signal || !timeoutMs) {
        return fetcher(target, init);
      }
      // The fetcher aborts the request, or the body while it is read, when the deadline passes;
      // it answers once the body is read, so the deadline ends there. AbortSignal.timeout's timer
      // would fire anyway, long after every fetch, making a DOMException each time.
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        return await fetcher(target, { ...init, signal: deadline.signal });
      } finally {
        clearTimeout(timer);
      }
    };
    super({ url, fetcher: withDeadline as unknown as RemoteGraphQLDataSource['fetcher'] });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // request.http.headers starts empty: client headers are never copied, only these are set
    if ('authorization' in context && context.authorization) {
      request.http?.headers.set('authorization', context.authorization);
    }
    if ('requestId' in context && context.requestId) {
      request.http?.headers.set('x-request-id', context.requestId);
    }
    // Set, never copied from the client: subgraphs trust it from the gateway (security alerts).
    if ('clientIp' in context && context.clientIp) {
      request.http?.headers.set('x-forwarded-for', context.clientIp);
    }
    if ('userAgent' in context && context.userAgent) {
      request.http?.headers.set('user-agent', context.userAgent);
    }
    // Set, never copied from the client (a client's own x-viewer-territory is dropped with the rest).
    if ('territory' in context && context.territory) {
      request.http?.headers.set(VIEWER_TERRITORY_HEADER, context.territory);
    }
    if ('acceptLanguage' in context && context.acceptLanguage) {
      request.http?.headers.set('accept-language', context.acceptLanguage);
    }
    // the caller's own budget, for the `rateLimit` query (see partner/budget.ts)
    if ('charge' in context && context.charge) {
      request.http?.headers.set(
        RATE_LIMIT_STATUS_HEADER,
        JSON.stringify(rateLimitStatus(context.charge)),
      );
    }
  }

  private readonly inflight = new Map<string, ReturnType<SubgraphDataSource['fetchTimed']>>();

  /**
   * A query's `_entities` fetch whose every representation the entity cache holds is answered from
   * it (entity-cache.ts). Identical subgraph queries in flight at the same moment (same caller
   * token, territory, query and variables) share one fetch; each caller gets its own copy of the
   * result. Under load many clients ask the same thing at once (a popular video and its owner).
   * Mutations do neither.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const { request, context } = options;
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION || !request.query) {
      return this.fetchTimed(options);
    }
    // a mutation's fetches, its entities' included, all read what is there after it
    if (options.incomingRequestContext.operation.operation !== 'query') {
      try {
        return await this.fetchTimed(options);
      } finally {
        if (options.incomingRequestContext.operation.operation === 'mutation') {
          this.entityCache?.wrote(context);
        }
      }
    }
    const entityKeys = this.entityCache?.keysOf({
      subgraph: this.subgraph,
      query: request.query,
      variables: request.variables,
      context,
    });
    if (
      entityKeys &&
      !wantsFresh(options.incomingRequestContext.request.http?.headers.get('cache-control'))
    ) {
      const hit = await this.entityCache!.read(entityKeys);
      if (hit) {
        this.metrics?.recordEntityCacheAnswer(this.subgraph);
        restrictCachePolicy(options, hit);
        return { data: { _entities: hit.entities } };
      }
    }
    // The territory and the language are part of the question: the catalog answers each territory
    // differently, and category names depend on the language asked for.
    const key = `${context.authorization ?? ''}\n${context.territory ?? ''}\n${context.acceptLanguage ?? ''}\n${request.query}\n${JSON.stringify(request.variables ?? {})}`;
    const shared = this.inflight.get(key);
    if (shared) {
      const response = await shared;
      // the fetch that answered restricted its own request's cache policy; this one's too
      restrictCachePolicy(options, policyOfHeader(response.http?.headers.get('cache-control')));
      return {
        ...response,
        data: structuredClone(response.data),
        errors: structuredClone(response.errors),
      };
    }
    const entityFetch = entityKeys && { keys: entityKeys, start: this.entityCache!.begin() };
    const fetching = this.fetchTimed(options);
    this.inflight.set(key, fetching);
    try {
      const response = await fetching;
      if (entityFetch) {
        const cacheControl = response.http?.headers.get('cache-control');
        await this.entityCache!.write(entityFetch.keys, response, cacheControl, entityFetch.start);
      }
      return response;
    } finally {
      this.inflight.delete(key);
    }
  }

  private async fetchTimed(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const started = performance.now();
    let ok = false;
    try {
      const fetching = () => super.process(options);
      const response = this.faults
        ? await this.faults.run(this.subgraph, fetching)
        : await fetching();
      ok = !response.errors?.length;
      return response;
    } catch (error) {
      if (isUnreachable(error)) {
        // an open breaker was logged once when it opened
        if ((error as { code?: string }).code !== 'EOPENBREAKER') {
          this.faults?.log.warn(
            {
              subgraph: this.subgraph,
              cause: (error as Error).message,
              requestId: options.context.requestId,
            },
            'subgraph unavailable',
          );
        }
        throw serviceUnavailable();
      }
      throw error;
    } finally {
      this.metrics?.recordSubgraphFetch(this.subgraph, (performance.now() - started) / 1000, ok);
    }
  }

  /**
   * A subgraph's non-2xx answer: keep its own coded error (a 401 UNAUTHENTICATED from a subgraph's
   * token check, a 400 BAD_USER_INPUT) with its message; anything else becomes an uncoded error that
   * the gateway masks. The default puts the whole response body in the extensions.
   */
  override async errorFromResponse(response: SubgraphResponse) {
    // the fetcher is subgraph-fetch.ts's: its answers carry what parseBody reads (headers, json, text)
    const body: unknown = await this.parseBody(
      response as unknown as Parameters<RemoteGraphQLDataSource['parseBody']>[0],
    ).catch(() => undefined);
    const first = (body as { errors?: { message?: string; extensions?: { code?: unknown } }[] })
      ?.errors?.[0];
    const code = first?.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code) && first?.message) {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    // a proxy or load balancer in front of the subgraph saying it is down or slow
    if ([502, 503, 504].includes(response.status)) {
      return serviceUnavailable();
    }
    return new GraphQLError(`Subgraph ${this.subgraph} answered HTTP ${response.status}`);
  }
}

export interface GatewayOptions {
  subgraphUrls?: Record<string, string>;
  metrics?: GatewayMetrics;
  fetcher?: ReturnType<typeof keepAliveFetcher>['fetcher'];
  /** Deadlines and circuit breakers per subgraph (none: fetches wait as long as the socket does). */
  faults?: SubgraphBreakers;
  /** Entities of public answers, kept between requests (none: every entity is fetched). */
  entityCache?: EntityCache;
}

/** Subgraph URLs come from the committed supergraph unless overridden (docker-compose, tests). */
export function createGateway(supergraphSdl: string, options: GatewayOptions = {}) {
  const fetcher = options.fetcher ?? keepAliveFetcher().fetcher;
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        name,
        options.subgraphUrls?.[name] ?? url!,
        fetcher,
        options.faults,
        options.metrics,
        options.entityCache,
      ),
  });
}
