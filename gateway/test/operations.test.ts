import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import {
  errorCodes,
  graphql,
  itIfRedis,
  TEST_REDIS_URL,
  testKeys,
  tokenFor,
} from '@vp/kit/testing';
import { readEnv } from '@vp/kit';
import { type RunningGateway } from '../src/app';
import { gatewayEnv, gatewayLimitsOf } from '../src/env';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

const REDIS_URL = TEST_REDIS_URL ?? '';

let graph: FixtureGraph;

beforeAll(async () => {
  graph = await startFixtureGraph();
});
afterAll(async () => {
  await graph.stop();
});

describe('health, readiness and metrics', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayOver(graph, { rateLimit: { limit: 0 } });
  });
  afterAll(() => gateway.stop());
  const base = () => gateway.url.replace('/graphql', '');

  it('answers /health and /ready once the supergraph is loaded and every subgraph answers', async () => {
    expect((await fetch(`${base()}/health`)).status).toBe(200);
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: { accounts: true, media: true },
    });
  });

  it('reports not ready when a subgraph does not answer', async () => {
    const broken = await gatewayOver(graph, {
      subgraphUrls: { media: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const ready = await fetch(broken.url.replace('/graphql', '/ready'));
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { subgraphs: unknown }).subgraphs).toEqual({
        accounts: true,
        media: false,
      });
    } finally {
      await broken.stop();
    }
  });

  it('with GATEWAY_READY_CHECKS_SUBGRAPHS=off stays ready while a subgraph is down (Kubernetes)', async () => {
    const AUTH_JWKS = JSON.stringify((await testKeys()).jwks);
    const env = readEnv(gatewayEnv, { AUTH_JWKS, GATEWAY_READY_CHECKS_SUBGRAPHS: 'off' });
    const { readyChecksSubgraphs } = gatewayLimitsOf(env);
    expect(readyChecksSubgraphs).toBe(false);
    const broken = await gatewayOver(graph, {
      subgraphUrls: { media: 'http://127.0.0.1:9/graphql' },
      readyChecksSubgraphs,
    });
    try {
      const ready = await fetch(broken.url.replace('/graphql', '/ready'));
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 200,
        body: { status: 'ready', subgraphs: {} },
      });
      expect(gatewayLimitsOf(readEnv(gatewayEnv, { AUTH_JWKS })).readyChecksSubgraphs).toBe(true);
      expect(() =>
        readEnv(gatewayEnv, { AUTH_JWKS, GATEWAY_READY_CHECKS_SUBGRAPHS: 'maybe' }),
      ).toThrow(/GATEWAY_READY_CHECKS_SUBGRAPHS/);
    } finally {
      await broken.stop();
    }
  });

  it('exposes request counts and latencies per operation and per subgraph, and Node metrics', async () => {
    await graphql(
      gateway.url,
      'query VideoWithOwner { video(id: "v1") { title owner { handle } } }',
    );
    await graphql(
      gateway.url,
      'query VideoWithOwner { video(id: "v2") { title owner { handle } } }',
    );
    const response = await fetch(`${base()}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/gateway_requests_total\{operation="VideoWithOwner",outcome="ok"\} 2/);
    expect(text).toMatch(/gateway_request_duration_seconds_count\{operation="VideoWithOwner"\} 2/);
    expect(text).toMatch(/gateway_subgraph_fetches_total\{subgraph="media",outcome="ok"\} \d+/);
    expect(text).toMatch(/gateway_subgraph_fetches_total\{subgraph="accounts",outcome="ok"\} \d+/);
    expect(text).toMatch(
      /gateway_subgraph_fetch_duration_seconds_bucket\{le="0.005",subgraph="accounts"\}/,
    );
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
  });

  it('does not let clients create unbounded metric series with operation names', async () => {
    await graphql(gateway.url, 'query Bad { __typename }', {}, { headers: {} });
    const weird = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', operationName: null }),
    });
    expect(weird.status).toBe(200);
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).toMatch(/gateway_requests_total\{operation="anonymous",outcome="ok"\}/);
  });
});

describe('request rate limit (the secondary limit, whatever requests cost)', () => {
  it('answers 429 RATE_LIMITED with retry-after past the limit, per viewer', async () => {
    const gateway = await gatewayOver(graph, { rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const alice = await tokenFor('u1');
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await graphql(gateway.url, '{ __typename }', {}, { token: alice });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(errorCodes(last!)).toEqual(['RATE_LIMITED']);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // x-ratelimit-* describe the cost budget (budget.test.ts), untouched by this refusal
      expect(last!.headers.get('x-ratelimit-limit')).toBeNull();
      // another viewer, and anonymous callers (counted by IP), have their own counts
      const bob = await graphql(gateway.url, '{ __typename }', {}, { token: await tokenFor('u2') });
      expect(bob.status).toBe(200);
      const anonymous = await graphql(gateway.url, '{ __typename }');
      expect(anonymous.status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  itIfRedis('counts across two gateways sharing one Redis as one budget', async () => {
    const first = await gatewayOver(graph, {
      redisUrl: REDIS_URL,
      rateLimit: { limit: 4, windowMs: 60_000 },
    });
    const second = await gatewayOver(graph, {
      redisUrl: REDIS_URL,
      rateLimit: { limit: 4, windowMs: 60_000 },
    });
    try {
      const token = await tokenFor(`viewer-${randomUUID()}`);
      const statuses: number[] = [];
      for (const gateway of [first, second, first, second, first, second]) {
        statuses.push((await graphql(gateway.url, '{ __typename }', {}, { token })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  itIfRedis('keeps answering, and limiting in process, when Redis goes away', async () => {
    const relay = await redisRelay(new URL(REDIS_URL));
    const gateway = await gatewayOver(graph, {
      redisUrl: relay.url,
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    try {
      const token = await tokenFor(`viewer-${randomUUID()}`);
      expect((await graphql(gateway.url, '{ __typename }', {}, { token })).status).toBe(200);
      relay.cut();
      const statuses: number[] = [];
      const later = await tokenFor(`viewer-${randomUUID()}`);
      for (let i = 0; i < 4; i++) {
        statuses.push((await graphql(gateway.url, '{ __typename }', {}, { token: later })).status);
      }
      // neither failing (500) nor refusing everyone: each gateway counts on its own until Redis is back
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await gateway.stop();
    }
  });
});

/** A TCP relay to Redis that the test can cut, as a network failure would. */
async function redisRelay(target: URL) {
  const sockets = new Set<Socket>();
  const server = createServer(client => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket
        .on('error', () => undefined)
        .on('close', () => {
          client.destroy();
          upstream.destroy();
        });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      server.close();
      for (const socket of sockets) {
        socket.destroy();
      }
    },
  };
}
