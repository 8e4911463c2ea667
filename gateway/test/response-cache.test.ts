import { composeServices } from '@apollo/composition';
import { CACHE_CONTROL_DEFINITIONS, type SharedState, type Viewer } from '@vp/kit';
import { describeInProcessAndRedis, eventually, graphql, tokenFor } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { keptMsOf, RESPONSE_CACHE_HEADER } from '../src/response-cache';
import { cachingGatewayOver, startViewerSubgraph } from './helpers';

process.env.LOG_LEVEL ??= 'error';

/**
 * One subgraph whose hints say what the platform's say (a public video with an uncached field of
 * the viewer's) plus a field hinted public by mistake that answers who is asking: the cache must
 * still never hand one viewer's answer to another. Each resolver counts its calls, which is how
 * the tests see whether an answer came from the cache.
 */
async function startHintedSubgraph() {
  const calls = { video: 0, whoAmI: 0, slowPage: 0 };
  const titles: Record<string, string> = { v1: 'First title' };
  const sdl = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])
    ${CACHE_CONTROL_DEFINITIONS}
    type Query {
      video(id: ID!): Video @cacheControl(maxAge: 30)
      whoAmI: String @cacheControl(maxAge: 30)
      slowPage: String @cacheControl(maxAge: 1)
      uncachedNow: String
    }
    type Mutation { touch: Boolean }
    type Video @key(fields: "id") @cacheControl(maxAge: 30) {
      id: ID!
      title: String!
      viewerHasLiked: Boolean! @cacheControl(maxAge: 0)
    }
  `;
  const media = await startViewerSubgraph('media', sdl, {
    Query: {
      video: (_: unknown, { id }: { id: string }) => {
        calls.video += 1;
        return titles[id] ? { id, title: titles[id] } : null;
      },
      whoAmI: (_: unknown, __: unknown, { viewer }: { viewer: Viewer | null }) => {
        calls.whoAmI += 1;
        return viewer?.id ?? 'anonymous';
      },
      uncachedNow: () => String(Date.now()),
      // a page that takes a while and expires soon, as Home does under load
      slowPage: async (_: unknown, __: unknown, { viewer }: { viewer: Viewer | null }) => {
        calls.slowPage += 1;
        await new Promise(resolve => setTimeout(resolve, 300));
        return `page of ${viewer?.id ?? 'anonymous'}`;
      },
    },
    Mutation: { touch: () => true },
    Video: {
      viewerHasLiked: (_: unknown, __: unknown, { viewer }: { viewer: Viewer | null }) =>
        viewer?.id === 'u1',
    },
  });
  const composed = composeServices([media]);
  if (!composed.supergraphSdl) {
    throw new Error(composed.errors?.map(e => e.message).join('; '));
  }
  return { supergraphSdl: composed.supergraphSdl, calls, titles, stop: media.stop };
}

describeInProcessAndRedis('the response cache', redisUrl => {
  let graph: Awaited<ReturnType<typeof startHintedSubgraph>>;
  let gateway: RunningGateway;
  /** Stands in for a subgraph's process: invalidations go through its own shared state. */
  let videos: SharedState;
  beforeAll(async () => {
    graph = await startHintedSubgraph();
    ({ gateway, subgraphState: videos } = await cachingGatewayOver(graph.supergraphSdl, redisUrl));
  });
  afterAll(async () => {
    await videos.close();
    await gateway.stop();
    await graph.stop();
  });

  const VIDEO = 'query V($id: ID!) { video(id: $id) { id title } }';

  it('answers a repeated public query from the cache, and a different variable apart', async () => {
    const before = graph.calls.video;
    const first = await graphql(gateway.url, VIDEO, { id: 'v1' });
    const second = await graphql(gateway.url, VIDEO, { id: 'v1' });
    expect(first.data).toEqual({ video: { id: 'v1', title: 'First title' } });
    expect(second.data).toEqual(first.data);
    expect(first.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
    expect(second.headers.get(RESPONSE_CACHE_HEADER)).toBe('hit');
    expect(graph.calls.video - before).toBe(1);
    const other = await graphql(gateway.url, VIDEO, { id: 'nope' });
    expect(other.data).toEqual({ video: null });
    expect(other.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
  });

  it("never serves one viewer's answer to another, even from a field hinted public", async () => {
    const alice = await tokenFor('u1');
    const bob = await tokenFor('u2');
    const before = graph.calls.whoAmI;
    const asAlice = await graphql(gateway.url, '{ whoAmI }', {}, { token: alice });
    const asBob = await graphql(gateway.url, '{ whoAmI }', {}, { token: bob });
    const anonymous = await graphql(gateway.url, '{ whoAmI }');
    expect(asAlice.data).toEqual({ whoAmI: 'u1' });
    expect(asBob.data).toEqual({ whoAmI: 'u2' });
    expect(anonymous.data).toEqual({ whoAmI: 'anonymous' });
    expect(graph.calls.whoAmI - before).toBe(3);
    // each one's own answer comes back from the cache, to them alone
    const again = await graphql(gateway.url, '{ whoAmI }', {}, { token: alice });
    expect(again.data).toEqual({ whoAmI: 'u1' });
    expect(again.headers.get(RESPONSE_CACHE_HEADER)).toBe('hit');
    expect((await graphql(gateway.url, '{ whoAmI }', {}, { token: bob })).data).toEqual({
      whoAmI: 'u2',
    });
    expect((await graphql(gateway.url, '{ whoAmI }')).data).toEqual({ whoAmI: 'anonymous' });
    expect(graph.calls.whoAmI - before).toBe(3);
  });

  it("never caches an answer holding the viewer's own field, not even for them", async () => {
    const alice = await tokenFor('u1');
    const query = 'query L($id: ID!) { video(id: $id) { id title viewerHasLiked } }';
    const before = graph.calls.video;
    for (let i = 0; i < 2; i++) {
      const liked = await graphql(gateway.url, query, { id: 'v1' }, { token: alice });
      expect(liked.data.video.viewerHasLiked).toBe(true);
      expect(liked.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
      const notLiked = await graphql(gateway.url, query, { id: 'v1' });
      expect(notLiked.data.video.viewerHasLiked).toBe(false);
    }
    expect(graph.calls.video - before).toBe(4);
    const unhinted = await graphql(gateway.url, '{ uncachedNow }');
    expect(unhinted.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
    expect((await graphql(gateway.url, '{ uncachedNow }')).headers.get(RESPONSE_CACHE_HEADER)).toBe(
      'miss',
    );
  });

  it("drops every entry when a subgraph invalidates (a video's update or takedown)", async () => {
    await graphql(gateway.url, VIDEO, { id: 'v1' });
    expect(
      (await graphql(gateway.url, VIDEO, { id: 'v1' })).headers.get(RESPONSE_CACHE_HEADER),
    ).toBe('hit');
    graph.titles.v1 = 'Renamed';
    await videos.responseCache.invalidate('VideoUpdated');
    await eventually(
      async () =>
        (await graphql(gateway.url, VIDEO, { id: 'v1' })).data?.video?.title === 'Renamed',
      { what: 'the new title' },
    );
    const cached = await graphql(gateway.url, VIDEO, { id: 'v1' });
    expect(cached.data.video.title).toBe('Renamed');
    expect(cached.headers.get(RESPONSE_CACHE_HEADER)).toBe('hit');
  });

  it('sets Cache-Control on GET queries: public when anonymous, private when signed in', async () => {
    const get = (query: string, token?: string) =>
      fetch(`${gateway.url}?query=${encodeURIComponent(query)}`, {
        headers: {
          'apollo-require-preflight': 'true',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
    const anonymous = await get('{ video(id: "v1") { id title } }');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=30');
    const signedIn = await get('{ video(id: "v1") { id title } }', await tokenFor('u2'));
    expect(signedIn.headers.get('cache-control')).toBe('private, max-age=30');
    const uncached = await get('{ uncachedNow }');
    expect(uncached.headers.get('cache-control')).toBe('no-store');
    // POST answers carry no public Cache-Control a CDN could take for everyone's
    const posted = await graphql(gateway.url, VIDEO, { id: 'v1' }, { token: await tokenFor('u1') });
    expect(posted.headers.get('cache-control') ?? '').not.toMatch(/public/);
  });

  it('answers a hit served before Apollo as Apollo answers it, and still checks the token first', async () => {
    const token = await tokenFor('u1');
    const earlyAnswers = async () =>
      Number(
        /^gateway_response_cache_early_answers_total (\d+)$/m.exec(
          await (await fetch(new URL('/metrics', gateway.url))).text(),
        )?.[1],
      );
    await graphql(gateway.url, VIDEO, { id: 'v1' }, { token });
    // a body field the early path does not know (extensions) sends the request through Apollo
    const apolloAnswer = async (accept: string) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, accept },
        body: JSON.stringify({ query: VIDEO, variables: { id: 'v1' }, extensions: {} }),
      });
      const body = (await response.json()) as { data?: unknown };
      return { status: response.status, headers: response.headers, ...body };
    };
    const before = await earlyAnswers();
    const throughApollo = await apolloAnswer('application/json');
    expect(await earlyAnswers()).toBe(before);
    const early = await graphql(gateway.url, VIDEO, { id: 'v1' }, { token });
    expect(await earlyAnswers()).toBe(before + 1);
    for (const answer of [throughApollo, early]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get(RESPONSE_CACHE_HEADER)).toBe('hit');
    }
    // the web app's server asks for graphql-response+json first: answered early, in that type
    const WEB_ACCEPT = 'application/graphql-response+json, application/json';
    const webThroughApollo = await apolloAnswer(WEB_ACCEPT);
    const webEarly = await graphql(
      gateway.url,
      VIDEO,
      { id: 'v1' },
      { token, headers: { accept: WEB_ACCEPT } },
    );
    expect(await earlyAnswers()).toBe(before + 2);
    expect(webEarly.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(webEarly.headers.get('content-type')).toBe(webThroughApollo.headers.get('content-type'));
    expect(webEarly.data).toEqual(webThroughApollo.data);
    // an Accept Apollo would refuse is left to Apollo to refuse
    const refused = await graphql(
      gateway.url,
      VIDEO,
      { id: 'v1' },
      { token, headers: { accept: 'text/plain' } },
    );
    expect(refused.status).toBe(406);
    expect(await earlyAnswers()).toBe(before + 2);
    const names = (headers: Headers) =>
      [...headers.keys()].filter(name => !['date', 'etag', 'x-request-id'].includes(name)).sort();
    expect(names(early.headers)).toEqual(names(throughApollo.headers));
    expect(early.headers.get('content-type')).toBe(throughApollo.headers.get('content-type'));
    expect(Object.keys(early)).toEqual(Object.keys(throughApollo));
    expect(early.data).toEqual(throughApollo.data);
    const costOf = (answer: object) =>
      (answer as { extensions?: { cost?: { requestedQueryCost: number; throttleStatus: object } } })
        .extensions?.cost;
    expect(costOf(early)).toBeDefined();
    expect(costOf(early)?.requestedQueryCost).toBe(costOf(throughApollo)?.requestedQueryCost);
    expect(Object.keys(costOf(early)?.throttleStatus ?? {})).toEqual(
      Object.keys(costOf(throughApollo)?.throttleStatus ?? {}),
    );
    const forged = await graphql(gateway.url, VIDEO, { id: 'v1' }, { token: `${token}x` });
    expect(forged.status).toBe(401);
    expect(forged.data).toBeUndefined();
  });

  it('answers a request saying Cache-Control: no-cache afresh, and keeps that answer', async () => {
    const token = await tokenFor('u3');
    const first = await graphql(gateway.url, VIDEO, { id: 'v1' }, { token });
    expect(first.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
    const fresh = await graphql(
      gateway.url,
      VIDEO,
      { id: 'v1' },
      { token, headers: { 'cache-control': 'no-cache' } },
    );
    expect(fresh.headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
    expect(fresh.data).toEqual(first.data);
    const again = await graphql(gateway.url, VIDEO, { id: 'v1' }, { token });
    expect(again.headers.get(RESPONSE_CACHE_HEADER)).toBe('hit');
  });

  it('computes an expired answer once for all who ask it meanwhile, each credential apart', async () => {
    const alice = await tokenFor('u1');
    const bob = await tokenFor('u2');
    const ask = (token: string) => graphql(gateway.url, '{ slowPage }', {}, { token });
    expect((await ask(alice)).headers.get(RESPONSE_CACHE_HEADER)).toBe('miss');
    // its maxAge is one second
    await new Promise(resolve => setTimeout(resolve, 1_200));
    const before = graph.calls.slowPage;
    const [asAlice, asBob] = await Promise.all([
      Promise.all(Array.from({ length: 8 }, () => ask(alice))),
      Promise.all(Array.from({ length: 4 }, () => ask(bob))),
    ]);
    expect(graph.calls.slowPage - before).toBe(2);
    expect(asAlice.map(answer => answer.data)).toEqual(
      Array.from({ length: 8 }, () => ({ slowPage: 'page of u1' })),
    );
    expect(asBob.map(answer => answer.data)).toEqual(
      Array.from({ length: 4 }, () => ({ slowPage: 'page of u2' })),
    );
    const misses = (answers: typeof asAlice) =>
      answers.filter(answer => answer.headers.get(RESPONSE_CACHE_HEADER) === 'miss').length;
    expect([misses(asAlice), misses(asBob)]).toEqual([1, 1]);
  });

  it('never caches a mutation', async () => {
    const first = await graphql(gateway.url, 'mutation { touch }');
    expect(first.data).toEqual({ touch: true });
    expect(first.headers.get(RESPONSE_CACHE_HEADER)).toBe('skip');
  });
});

describe('how long an answer is kept', () => {
  it('is never longer than its maxAge, and spread over its last fifth so answers stored together do not expire together', () => {
    const kept = Array.from({ length: 1_000 }, () => keptMsOf(10));
    expect(Math.max(...kept)).toBeLessThanOrEqual(10_000);
    expect(Math.min(...kept)).toBeGreaterThanOrEqual(8_000);
    // spread, not one value: a thousand draws cover most of the two seconds
    expect(Math.max(...kept) - Math.min(...kept)).toBeGreaterThan(1_500);
  });
});
