import { type CostBuckets, type Logger, type ResponseCacheStore } from '@vp/kit';
import type express from 'express';
import { type GatewayContext } from './gateway';
import { identityOf } from './identity';
import { type GatewayMetrics } from './metrics';
import { costExtension, rateLimitHeaders, type Charge, type CostSettings } from './partner/budget';
import {
  answerKeyOf,
  type KnownOperations,
  RESPONSE_CACHE_HEADER,
  type ResponseCacheSettings,
  wantsFresh,
} from './response-cache';

const BODY_FIELDS = new Set(['query', 'operationName', 'variables']);
const SINGLE_RESULT_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * The content type Apollo would answer a single result with (its negotiation, which Express's
 * `req.accepts` shares: the same negotiator), or undefined for an Accept it would refuse or answer
 * otherwise (the JSONP-style callbackSpec), which then goes on to Apollo.
 */
function contentTypeFor(req: express.Request): string | undefined {
  const accept = req.headers.accept;
  if (!accept) {
    return 'application/json; charset=utf-8';
  }
  if (accept.includes('callbackSpec')) {
    return undefined;
  }
  const preferred = req.accepts(SINGLE_RESULT_TYPES);
  return preferred ? `${preferred}; charset=utf-8` : undefined;
}

/**
 * The response cache's fast path, last before Apollo (after identity, CORS, the request limit,
 * persisted documents and the document checks, which all ran as before): a POST repeating an
 * operation Apollo already parsed, validated, costed and answered cacheably (KnownOperations, same
 * text, operation name and variables) looks its answer up under the very key Apollo would use —
 * the viewer's scope included, so one credential's answers never reach another — takes the same
 * cost from the same budget, and writes the answer Apollo would have written (body, cost extension,
 * x-ratelimit-* and x-response-cache headers, metrics, operation log). Anything else — a miss, an
 * API key, an exhausted budget, an Accept Apollo would not answer with JSON, other body fields —
 * goes on to Apollo.
 * Parsing, validation and Apollo's request pipeline were most of a cached answer's CPU.
 */
export function cachedAnswerMiddleware(options: {
  store: ResponseCacheStore;
  settings: ResponseCacheSettings;
  known: KnownOperations;
  buckets: CostBuckets;
  cost: CostSettings;
  metrics: GatewayMetrics;
  log: Logger;
  /** The request's context as the Apollo context function builds it. */
  contextOf: (req: express.Request, res: express.Response) => GatewayContext;
}): express.RequestHandler {
  const { store, settings, known, buckets, cost, metrics, log } = options;
  return async (req, res, next) => {
    const started = performance.now();
    const body = req.body as Record<string, unknown> | undefined;
    const contentType = contentTypeFor(req);
    if (
      !settings.enabled ||
      req.method !== 'POST' ||
      typeof body?.query !== 'string' ||
      !contentType ||
      wantsFresh(req.headers['cache-control']) ||
      identityOf(res).apiKey
    ) {
      return next();
    }
    for (const field in body) {
      if (!BODY_FIELDS.has(field)) {
        return next();
      }
    }
    const { operationName, variables } = body;
    if (
      (operationName !== undefined && typeof operationName !== 'string') ||
      (variables !== undefined &&
        (variables === null || typeof variables !== 'object' || Array.isArray(variables)))
    ) {
      return next();
    }
    const operation = known.get(body.query, operationName, variables);
    if (!operation) {
      return next();
    }
    const context = options.contextOf(req, res);
    const charging = cost.enabled && !!context.payer;
    if (charging !== (operation.cost !== undefined)) {
      return next();
    }
    const key = answerKeyOf(
      operation.queryHash,
      operation.operationName,
      variables as Record<string, unknown> | undefined,
      context,
    );
    const stored = await store.get(key);
    if (!stored) {
      return next();
    }
    let charge: Charge | undefined;
    if (charging) {
      const payer = context.payer!;
      const amount = operation.cost!;
      if (amount > cost.maxOperationCost || amount > payer.limits.maximumAvailable) {
        return next();
      }
      charge = {
        cost: amount,
        payer,
        state: await buckets.take(payer.bucket, amount, payer.limits),
      };
      if (!charge.state.allowed) {
        // nothing was taken: Apollo refuses it with its own error
        return next();
      }
    }
    const { data } = JSON.parse(stored) as { data: Record<string, unknown> };
    res.statusCode = 200;
    res.setHeader('content-type', contentType);
    if (charge) {
      for (const [name, value] of Object.entries(rateLimitHeaders(charge))) {
        res.setHeader(name, value);
      }
    }
    res.setHeader(RESPONSE_CACHE_HEADER, 'hit');
    // as Apollo serialises a single result: errors (none), data, extensions; then a newline
    const answer = `${JSON.stringify(charge ? { data, extensions: { cost: costExtension(charge) } } : { data })}\n`;
    // written as is: express's send would hash it for an ETag, which no client of a POST asks for
    res.setHeader('content-length', Buffer.byteLength(answer));
    res.end(answer);
    metrics.recordRequest(
      operation.operationName ?? (operationName as string | undefined),
      (performance.now() - started) / 1000,
      true,
    );
    metrics.recordEarlyAnswer();
    if (log.isLevelEnabled('info')) {
      log.info(
        {
          requestId: context.requestId,
          operation: (operationName as string | undefined) ?? null,
          ms: Math.round(performance.now() - started),
          errors: 0,
        },
        'graphql operation',
      );
    }
  };
}
