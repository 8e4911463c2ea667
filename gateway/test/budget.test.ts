import { randomUUID } from 'node:crypto';
import { errorCodes, graphql, subscribe, tokenFor, TEST_REDIS_URL } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

let graph: FixtureGraph;

beforeAll(async () => {
  graph = await startFixtureGraph();
});
afterAll(() => graph.stop());
beforeEach(() => graph.clear());

// video 1 + owner 1 + videos: 1 + 2 × (video 1 + owner 1) = 7
const SEVEN =
  '{ video(id: "v1") { id owner { handle videos(first: 2) { edges { node { title owner { handle } } } } } } }';
// video 1 + owner 1 + videos: 1 + 5 × 2 = 13
const THIRTEEN =
  '{ video(id: "v1") { id owner { handle videos(first: 5) { edges { node { title owner { handle } } } } } } }';
const BUDGET = { maximumAvailable: 20, restoreRate: 1 };
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const upstreamRequests = () => graph.accounts.requests.length + graph.media.requests.length;

async function withGateway(test: (gateway: RunningGateway) => Promise<void>, redisUrl?: string) {
  const gateway = await gatewayOver(graph, {
    rateLimit: { limit: 0 },
    redisUrl,
    cost: { user: BUDGET, anonymous: { maximumAvailable: 30, restoreRate: 10 } },
  });
  try {
    await test(gateway);
  } finally {
    await gateway.stop();
  }
}

describe('cost budgets (leaky buckets) over HTTP', () => {
  it('reports the cost and the budget on every answer, in extensions.cost and x-ratelimit-*', () =>
    withGateway(async gateway => {
      const token = await tokenFor(`u-${randomUUID()}`);
      const response = await graphql(gateway.url, SEVEN, {}, { token });
      expect(response.errors).toBeUndefined();
      const raw = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SEVEN }),
      });
      const body = (await raw.json()) as { extensions: { cost: unknown } };
      expect(body.extensions.cost).toEqual({
        requestedQueryCost: 7,
        throttleStatus: {
          maximumAvailable: 20,
          currentlyAvailable: expect.any(Number),
          restoreRate: 1,
        },
      });
      const { currentlyAvailable } = (
        body.extensions.cost as { throttleStatus: { currentlyAvailable: number } }
      ).throttleStatus;
      expect(currentlyAvailable).toBe(6);
      expect(raw.headers.get('x-ratelimit-limit')).toBe('20');
      expect(raw.headers.get('x-ratelimit-remaining')).toBe(String(currentlyAvailable));
      expect(raw.headers.get('x-ratelimit-used')).toBe('7');
      expect(Number(raw.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(
        Math.floor(Date.now() / 1000),
      );
      // a refused document is charged nothing and still says where the budget stands
      const invalid = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ nope }' }),
      });
      expect(invalid.status).toBe(400);
      expect(
        ((await invalid.json()) as { extensions: { cost: { requestedQueryCost: number } } })
          .extensions.cost.requestedQueryCost,
      ).toBe(0);
      expect(invalid.headers.get('x-ratelimit-used')).toBe('0');
    }));

  it('refuses with 429 RATE_LIMITED and retryAfterSeconds once the bucket is empty, runs nothing, and recovers', () =>
    withGateway(async gateway => {
      const token = await tokenFor(`u-${randomUUID()}`);
      const first = await graphql(gateway.url, SEVEN, {}, { token });
      const second = await graphql(gateway.url, SEVEN, {}, { token });
      expect([first.status, second.status]).toEqual([200, 200]);
      const seen = upstreamRequests();
      // 20 - 14 = 6 points left (plus a trickle of 1 a second)
      const refused = await graphql(gateway.url, THIRTEEN, {}, { token });
      expect(refused.status).toBe(429);
      expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
      const retryAfter = refused.errors![0].extensions!.retryAfterSeconds as number;
      // 13 - 6.x points at 1 a second
      expect(retryAfter).toBeGreaterThanOrEqual(3);
      expect(retryAfter).toBeLessThanOrEqual(7);
      expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
      expect(refused.headers.get('x-ratelimit-used')).toBe('0');
      expect(refused.data).toBeUndefined();
      // nothing ran for it: no subgraph was asked anything
      expect(upstreamRequests()).toBe(seen);
      // the bucket refills: a second later, 7 points are there again
      await sleep(1000);
      const recovered = await graphql(gateway.url, SEVEN, {}, { token });
      expect(recovered.status).toBe(200);
      expect(recovered.data).toBeDefined();
    }));

  it('keeps a budget per user, and one per anonymous address, apart', () =>
    withGateway(async gateway => {
      const alice = await tokenFor(`u-${randomUUID()}`);
      for (let i = 0; i < 3; i++) {
        await graphql(gateway.url, SEVEN, {}, { token: alice });
      }
      expect((await graphql(gateway.url, SEVEN, {}, { token: alice })).status).toBe(429);
      // its x-ratelimit-* describe alice's own bucket
      const bob = await graphql(
        gateway.url,
        SEVEN,
        {},
        { token: await tokenFor(`u-${randomUUID()}`) },
      );
      expect(bob.status).toBe(200);
      const anonymous = await graphql(gateway.url, SEVEN);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get('x-ratelimit-limit')).toBe('30');
    }));

  it('refuses one operation that costs more than the budget can ever hold, charging nothing', () =>
    withGateway(async gateway => {
      const token = await tokenFor(`u-${randomUUID()}`);
      const big = '{ video(id: "v1") { owner { videos(first: 30) { edges { node { id } } } } } }';
      const response = await graphql(gateway.url, big, {}, { token });
      expect(response.status).toBe(400);
      expect(response.errors![0].message).toMatch(/costs 33 points; your budget holds at most 20/);
      expect(response.headers.get('x-ratelimit-remaining')).toBe('20');
    }));

  (TEST_REDIS_URL ? it : it.skip)('shares one bucket between gateways through Redis', async () => {
    const other = await gatewayOver(graph, {
      rateLimit: { limit: 0 },
      redisUrl: TEST_REDIS_URL,
      cost: { user: BUDGET },
    });
    try {
      await withGateway(async gateway => {
        const token = await tokenFor(`u-${randomUUID()}`);
        const statuses = [];
        for (const target of [gateway, other, gateway, other]) {
          statuses.push((await graphql(target.url, SEVEN, {}, { token })).status);
        }
        expect(statuses).toEqual([200, 200, 429, 429]);
      }, TEST_REDIS_URL);
    } finally {
      await other.stop();
    }
  });
});

describe('cost budgets over WebSocket', () => {
  it('charges each subscription when it starts, from the same bucket as HTTP', () =>
    withGateway(async gateway => {
      const token = await tokenFor(`u-${randomUUID()}`);
      await graphql(gateway.url, SEVEN, {}, { token });
      await graphql(gateway.url, SEVEN, {}, { token });
      // messageAdded 1 + author 1 + videos: 1 + 20 × 1 = 23 > what the budget can hold
      const tooBig = subscribe(
        gateway.url,
        'subscription { messageAdded(room: "r") { author { videos(first: 20) { edges { node { id } } } } } }',
        {},
        token,
      );
      await tooBig.waitUntil(() => tooBig.failures.length > 0).catch(() => undefined);
      await tooBig.close();
      expect(JSON.stringify(tooBig.failures)).toMatch(/your budget holds at most 20/);
      // 1 + 1 + 1 + 12 = 15 > the 6 left: refused as RATE_LIMITED, with the cost
      const refused = subscribe(
        gateway.url,
        'subscription { messageAdded(room: "r") { author { videos(first: 12) { edges { node { id } } } } } }',
        {},
        token,
      );
      await refused.waitUntil(() => refused.failures.length > 0).catch(() => undefined);
      await refused.close();
      const [errors] = refused.failures as { extensions: Record<string, any> }[][];
      expect(errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
        cost: { requestedQueryCost: 15, throttleStatus: { maximumAvailable: 20, restoreRate: 1 } },
      });
    }));
});
