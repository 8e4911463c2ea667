import { composeServices } from '@apollo/composition';
import { type GraphqlAnswer, type LocalGraphql } from '@vp/kit';
import { graphql, tokenFor } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { gatewayOver, startViewerSubgraph } from './helpers';

process.env.LOG_LEVEL ??= 'error';

/**
 * A gateway whose subgraph runs in its own process (the one-process platform) calls it without a
 * socket: here the subgraph's LocalGraphql stands in front of a real subgraph and counts the
 * operations it answered, so the tests see which way each one went.
 */
describe('subgraphs in the same process', () => {
  let subgraph: Awaited<ReturnType<typeof startViewerSubgraph>>;
  let gateway: RunningGateway;
  const seen: { headers: Record<string, string>; body: string }[] = [];
  /** What the next in-process answer does instead of answering (hang until the deadline, refuse). */
  let next: 'answer' | 'hang' | 'refuse' = 'answer';

  beforeAll(async () => {
    subgraph = await startViewerSubgraph(
      'media',
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
       type Query { me: String, slow: String }`,
      {
        Query: {
          me: (_: unknown, __: unknown, { viewer }: { viewer: { id: string } | null }) =>
            viewer?.id ?? null,
        },
      },
    );
    const local: LocalGraphql = async (headers, body) => {
      seen.push({ headers, body });
      if (next === 'hang') {
        return new Promise<GraphqlAnswer>(() => undefined);
      }
      if (next === 'refuse') {
        throw Object.assign(new Error('media subgraph stopped'), { code: 'ECONNREFUSED' });
      }
      // the answer a subgraph in this process would give: the real one's, asked here
      const response = await fetch(subgraph.url, { method: 'POST', headers, body });
      return {
        status: response.status,
        headers: new Map(response.headers),
        body: await response.text(),
      };
    };
    const composed = composeServices([subgraph]);
    gateway = await gatewayOver({ supergraphSdl: composed.supergraphSdl! } as never, {
      localSubgraphs: new Map([[subgraph.url, local]]),
      rateLimit: { limit: 0 },
      responseCache: { enabled: false },
      subgraphFaults: { timeoutMs: 500, volumeThreshold: 1000 },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await subgraph.stop();
  });
  beforeEach(() => {
    seen.length = 0;
    next = 'answer';
  });

  it('answers through the subgraph in process, with the headers HTTP would have carried', async () => {
    const response = await graphql(gateway.url, '{ me }', {}, { token: await tokenFor('u1') });
    expect(response.data).toEqual({ me: 'u1' });
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toMatch(/^Bearer /);
    expect(seen[0].headers['x-request-id']).toBe(response.headers.get('x-request-id'));
    expect(JSON.parse(seen[0].body).query).toContain('me');
  });

  it('gives up at the deadline, as it would on a socket that does not answer', async () => {
    next = 'hang';
    // (without the deadline this would wait for ever: jest's timeout)
    const response = await graphql(gateway.url, '{ slow }');
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('reports a stopped subgraph as unavailable, as a refused connection', async () => {
    next = 'refuse';
    const response = await graphql(gateway.url, '{ me }');
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(seen).toHaveLength(1);
  });
});
