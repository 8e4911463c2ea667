import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { type ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Prometheus metrics of one gateway (its own registry, so two gateways in one process don't clash):
 * requests and latency per operation name, fetches and latency per subgraph, and Node's defaults.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'gateway_requests_total',
    help: 'GraphQL requests by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly fetches = new Counter({
    name: 'gateway_subgraph_fetches_total',
    help: 'Fetches from the gateway to each subgraph, by outcome',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly fetchSeconds = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Latency of fetches to each subgraph',
    labelNames: ['subgraph'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly earlyAnswers = new Counter({
    name: 'gateway_response_cache_early_answers_total',
    help: 'Cached answers served before Apollo (cached-answer.ts): no parsing, validation or planning',
    registers: [this.registry],
  });
  private readonly entityAnswers = new Counter({
    name: 'gateway_entity_cache_answers_total',
    help: 'Entity fetches of query plans answered from the entity cache (entity-cache.ts) instead of the subgraph',
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });
  /** Operation names come from clients: bound the label set so nobody can blow up the series count. */
  private readonly knownOperations = new Set<string>();

  constructor(private readonly maxOperationNames = 500) {
    collectDefaultMetrics({ register: this.registry });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) {
      return 'anonymous';
    }
    if (!this.knownOperations.has(name)) {
      if (this.knownOperations.size >= this.maxOperationNames) {
        return 'other';
      }
      this.knownOperations.add(name);
    }
    return name;
  }

  recordSubgraphFetch(subgraph: string, seconds: number, ok: boolean) {
    this.fetches.inc({ subgraph, outcome: ok ? 'ok' : 'error' });
    this.fetchSeconds.observe({ subgraph }, seconds);
  }

  /** One GraphQL request answered (by Apollo, or from the response cache before it: cached-answer.ts). */
  recordRequest(operationName: string | null | undefined, seconds: number, ok: boolean) {
    const operation = this.operationLabel(operationName);
    this.requests.inc({ operation, outcome: ok ? 'ok' : 'error' });
    this.requestSeconds.observe({ operation }, seconds);
  }

  recordEarlyAnswer() {
    this.earlyAnswers.inc();
  }

  recordEntityCacheAnswer(subgraph: string) {
    this.entityAnswers.inc({ subgraph });
  }

  /** Counts every request Apollo handles, including those refused by validation. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async ({ request }) => {
        const started = performance.now();
        return {
          willSendResponse: async ({ errors, operationName }) => {
            this.recordRequest(
              operationName ?? request.operationName,
              (performance.now() - started) / 1000,
              !errors?.length,
            );
          },
        };
      },
    };
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `/metrics` is not public (it shows operation names, traffic and the process's memory): it answers
 * a caller on loopback (a sidecar or node agent scraping the box) and anyone presenting
 * `Authorization: Bearer <metricsToken>`; everyone else gets 404. A request that came through a
 * proxy (it carries X-Forwarded-For or Forwarded) is not a loopback caller, even when the proxy
 * itself runs on this machine.
 */
export function metricsAccess(metricsToken: string | undefined): express.RequestHandler {
  const expected = metricsToken ? digest(metricsToken) : undefined;
  return (req, res, next) => {
    const peer = req.socket.remoteAddress ?? '';
    const proxied =
      req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (isIP(peer) && LOOPBACK.test(peer) && !proxied) {
      return next();
    }
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (expected && match && timingSafeEqual(digest(match[1]), expected)) {
      return next();
    }
    res
      .status(404)
      .json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
  };
}
