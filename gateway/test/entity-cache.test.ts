import { composeServices } from '@apollo/composition';
import { CACHE_CONTROL_DEFINITIONS, type SharedState, type Viewer } from '@vp/kit';
import {
  describeIfRedis,
  describeInProcessAndRedis,
  eventually,
  graphql,
  TEST_REDIS_URL,
  tokenFor,
} from '@vp/kit/testing';
import { GraphQLError } from 'graphql';
import { type RunningGateway } from '../src/app';
import { cachingGatewayOver, startViewerSubgraph } from './helpers';

process.env.LOG_LEVEL ??= 'error';

type Context = { viewer: Viewer | null };

/**
 * Two subgraphs as the platform's videos and users: media's videos (each a different one, as a
 * page of cards is) point at people's accounts, whose public handle, short-lived status, field
 * hinted public by mistake (who is asking) and uncached email people resolve by reference. Every
 * reference people resolves is counted: that is how the tests see an entity came from the cache.
 */
async function startGraph() {
  const resolved: string[] = [];
  const handles: Record<string, string> = { u1: 'alice', u2: 'bob' };
  let failNext = false;
  /** While set, people's next reference waits for it (a fetch still in flight). */
  let holdNext: Promise<void> | undefined;
  const media = await startViewerSubgraph(
    'media',
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])
     ${CACHE_CONTROL_DEFINITIONS}
     type Query { video(id: ID!): Video @cacheControl(maxAge: 30) }
     type Mutation { renameVideo(id: ID!): Video }
     type Video @key(fields: "id") @cacheControl(maxAge: 30) { id: ID! title: String! owner: User! @cacheControl(maxAge: 30) }
     type User @key(fields: "id", resolvable: false) { id: ID! }`,
    {
      Query: { video: (_: unknown, { id }: { id: string }) => videoOf(id) },
      Mutation: { renameVideo: (_: unknown, { id }: { id: string }) => videoOf(id) },
    },
  );
  // v1…v99 belong to u1, the rest to u2
  const videoOf = (id: string) => ({
    id,
    title: `Video ${id}`,
    owner: { id: Number(id.slice(1)) < 100 ? 'u1' : 'u2' },
  });
  const people = await startViewerSubgraph(
    'people',
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])
     ${CACHE_CONTROL_DEFINITIONS}
     type Query { _people: Int }
     type Mutation { rename(handle: String!): Boolean }
     type User @key(fields: "id") @cacheControl(maxAge: 30) {
       id: ID!
       handle: String!
       status: String! @cacheControl(maxAge: 5)
       whoAsked: String!
       email: String! @cacheControl(maxAge: 0)
     }`,
    {
      Mutation: {
        rename: (_: unknown, { handle }: { handle: string }, { viewer }: Context) => {
          handles[viewer!.id] = handle;
          return true;
        },
      },
      User: {
        __resolveReference: async ({ id }: { id: string }) => {
          if (failNext) {
            failNext = false;
            throw new GraphQLError('people is having a bad moment');
          }
          resolved.push(id);
          const hold = holdNext;
          holdNext = undefined;
          await hold;
          return { id, handle: handles[id] };
        },
        status: () => 'online',
        whoAsked: (_: unknown, __: unknown, { viewer }: Context) => viewer?.id ?? 'anonymous',
        email: ({ id }: { id: string }) => `${id}@example.com`,
      },
    },
  );
  const composed = composeServices([media, people]);
  if (!composed.supergraphSdl) {
    throw new Error(composed.errors?.map(e => e.message).join('; '));
  }
  return {
    supergraphSdl: composed.supergraphSdl,
    resolved,
    handles,
    failNextReference: () => {
      failNext = true;
    },
    /** People's next reference waits until the returned function is called. */
    holdNextReference: () => {
      let release!: () => void;
      holdNext = new Promise(resolve => {
        release = resolve;
      });
      return release;
    },
    stop: () => Promise.all([media.stop(), people.stop()]),
  };
}

describeInProcessAndRedis('the entity cache', redisUrl => {
  let graph: Awaited<ReturnType<typeof startGraph>>;
  let gateway: RunningGateway;
  /** Stands in for a subgraph's process: invalidations go through its own shared state. */
  let videos: SharedState;
  let nextVideo = 0;
  /** A video no earlier request asked for, so the response cache has no answer for it. */
  const freshVideoOf = (owner: 'u1' | 'u2') =>
    `v${(owner === 'u1' ? 0 : 100) + (nextVideo++ % 99)}`;
  beforeAll(async () => {
    graph = await startGraph();
    ({ gateway, subgraphState: videos } = await cachingGatewayOver(graph.supergraphSdl, redisUrl));
  });
  afterAll(async () => {
    await videos.close();
    await gateway.stop();
    await graph.stop();
  });
  beforeEach(async () => {
    // each test starts with nothing kept (the response cache's answers and the entities)
    await videos.responseCache.invalidate('next test');
    await new Promise(resolve => setTimeout(resolve, 50));
    graph.resolved.length = 0;
  });

  const OWNER = 'query V($id: ID!) { video(id: $id) { id title owner { handle } } }';
  const ask = (query: string, id: string, options: Parameters<typeof graphql>[3] = {}) =>
    graphql(gateway.url, query, { id }, options);

  it("fetches an owner once for any of their videos, and answers each video's question right", async () => {
    for (let i = 0; i < 5; i++) {
      const id = freshVideoOf('u1');
      const answer = await ask(OWNER, id);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({
        video: { id, title: `Video ${id}`, owner: { handle: 'alice' } },
      });
    }
    expect(graph.resolved).toEqual(['u1']);
    const other = await ask(OWNER, freshVideoOf('u2'));
    expect(other.data.video.owner).toEqual({ handle: 'bob' });
    expect(graph.resolved).toEqual(['u1', 'u2']);
  });

  it("keeps each viewer's entities apart, even a field hinted public by mistake", async () => {
    const alice = await tokenFor('u1');
    const bob = await tokenFor('u2');
    const query = 'query V($id: ID!) { video(id: $id) { owner { whoAsked } } }';
    const asked = async (token?: string) =>
      (await ask(query, freshVideoOf('u1'), token ? { token } : {})).data.video.owner.whoAsked;
    expect(await asked(alice)).toBe('u1');
    expect(await asked(bob)).toBe('u2');
    expect(await asked()).toBe('anonymous');
    expect(graph.resolved).toEqual(['u1', 'u1', 'u1']);
    // each one's own entity comes back from the cache, to them alone
    expect(await asked(alice)).toBe('u1');
    expect(await asked(bob)).toBe('u2');
    expect(await asked()).toBe('anonymous');
    expect(graph.resolved).toHaveLength(3);
  });

  it('never keeps an entity whose answer held an uncached field, nor an answer with errors', async () => {
    const query = 'query V($id: ID!) { video(id: $id) { owner { handle email } } }';
    for (let i = 0; i < 2; i++) {
      expect((await ask(query, freshVideoOf('u1'))).data.video.owner.email).toBe('u1@example.com');
    }
    expect(graph.resolved).toEqual(['u1', 'u1']);
    graph.failNextReference();
    const failed = await ask(OWNER, freshVideoOf('u2'));
    expect(failed.errors?.length).toBeGreaterThan(0);
    expect((await ask(OWNER, freshVideoOf('u2'))).data.video.owner.handle).toBe('bob');
    expect(graph.resolved).toEqual(['u1', 'u1', 'u2']);
  });

  it('drops every entity when a subgraph invalidates, and skips the cache for no-cache and mutations', async () => {
    await ask(OWNER, freshVideoOf('u1'));
    graph.handles.u1 = 'alice2';
    // a no-cache request asks the subgraph again, and keeps what it said
    const fresh = await ask(OWNER, freshVideoOf('u1'), {
      headers: { 'cache-control': 'no-cache' },
    });
    expect(fresh.data.video.owner.handle).toBe('alice2');
    expect((await ask(OWNER, freshVideoOf('u1'))).data.video.owner.handle).toBe('alice2');
    expect(graph.resolved).toEqual(['u1', 'u1']);
    const renamed = 'mutation R($id: ID!) { renameVideo(id: $id) { owner { handle } } }';
    await ask(renamed, 'v1');
    await ask(renamed, 'v1');
    expect(graph.resolved).toEqual(['u1', 'u1', 'u1', 'u1']);
    graph.handles.u1 = 'alice';
    await videos.responseCache.invalidate('UserSuspensionChanged');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect((await ask(OWNER, freshVideoOf('u1'))).data.video.owner.handle).toBe('alice');
    expect(graph.resolved).toHaveLength(5);
  });

  it('lets a viewer read their own writes at once, while others may see the kept entity', async () => {
    const alice = await tokenFor('u1');
    const bob = await tokenFor('u2');
    const handleSeenBy = async (token: string) =>
      (await ask(OWNER, freshVideoOf('u1'), { token })).data.video.owner.handle;
    expect(await handleSeenBy(alice)).toBe('alice');
    expect(await handleSeenBy(bob)).toBe('alice');
    expect(graph.resolved).toEqual(['u1', 'u1']);
    const renamed = await graphql(
      gateway.url,
      'mutation { rename(handle: "alice_k") }',
      {},
      { token: alice },
    );
    expect(renamed.data).toEqual({ rename: true });
    expect(await handleSeenBy(alice)).toBe('alice_k');
    // bob's scope kept the entity, which may be a maxAge late (no invalidating event for a rename)
    expect(await handleSeenBy(bob)).toBe('alice');
    expect(await handleSeenBy(alice)).toBe('alice_k');
    expect(graph.resolved).toEqual(['u1', 'u1', 'u1']);
    graph.handles.u1 = 'alice';
  });

  it("keeps the anonymous scope's entities through anonymous mutations (a sign-in is everyone's)", async () => {
    await ask(OWNER, freshVideoOf('u2'));
    await ask('mutation R($id: ID!) { renameVideo(id: $id) { id } }', 'v100');
    await ask(OWNER, freshVideoOf('u2'));
    expect(graph.resolved).toEqual(['u2']);
  });

  it("does not keep what a fetch read before the same viewer's mutation ended", async () => {
    const alice = await tokenFor('u1');
    const release = graph.holdNextReference();
    const pending = ask(OWNER, freshVideoOf('u1'), { token: alice });
    await eventually(async () => graph.resolved.length === 1, { what: 'the fetch in flight' });
    await graphql(gateway.url, 'mutation { rename(handle: "alice") }', {}, { token: alice });
    release();
    expect((await pending).data.video.owner.handle).toBe('alice');
    await ask(OWNER, freshVideoOf('u1'), { token: alice });
    expect(graph.resolved).toEqual(['u1', 'u1']);
  });

  it('makes an answer built from kept entities no more cacheable than they are', async () => {
    const get = (id: string) =>
      fetch(
        `${gateway.url}?query=${encodeURIComponent(`{ video(id: "${id}") { title owner { handle status } } }`)}`,
        { headers: { 'apollo-require-preflight': 'true' } },
      );
    const first = await get(freshVideoOf('u2'));
    expect(first.headers.get('cache-control')).toBe('public, max-age=5');
    const fromKept = await get(freshVideoOf('u2'));
    expect(((await fromKept.json()) as { data: unknown }).data).toMatchObject({
      video: { owner: { handle: 'bob', status: 'online' } },
    });
    expect(graph.resolved).toEqual(['u2']);
    expect(fromKept.headers.get('cache-control')).toMatch(/^public, max-age=[1-5]$/);
  });

  it('counts the fetches it answered in /metrics', async () => {
    const answered = async () =>
      Number(
        /^gateway_entity_cache_answers_total\{subgraph="people"\} (\d+)$/m.exec(
          await (await fetch(new URL('/metrics', gateway.url))).text(),
        )?.[1] ?? 0,
      );
    await ask(OWNER, freshVideoOf('u1'));
    const before = await answered();
    await ask(OWNER, freshVideoOf('u1'));
    expect(await answered()).toBe(before + 1);
  });
});

describeIfRedis('the entity cache, behind several gateways', () => {
  it('lets a viewer read their own writes whichever gateway answers', async () => {
    const graph = await startGraph();
    const first = await cachingGatewayOver(graph.supergraphSdl, TEST_REDIS_URL);
    const second = await cachingGatewayOver(graph.supergraphSdl, TEST_REDIS_URL);
    try {
      const alice = await tokenFor('u1');
      const handleFrom = async (gateway: RunningGateway, id: string) =>
        (
          await graphql(
            gateway.url,
            'query V($id: ID!) { video(id: $id) { owner { handle } } }',
            { id },
            { token: alice },
          )
        ).data.video.owner.handle;
      expect(await handleFrom(second.gateway, 'v1')).toBe('alice');
      expect(await handleFrom(second.gateway, 'v2')).toBe('alice');
      expect(graph.resolved).toEqual(['u1']);
      const renamed = await graphql(
        first.gateway.url,
        'mutation { rename(handle: "alice_k") }',
        {},
        { token: alice },
      );
      expect(renamed.data).toEqual({ rename: true });
      let video = 3;
      await eventually(
        async () => (await handleFrom(second.gateway, `v${video++}`)) === 'alice_k',
        {
          what: "the other gateway's answer after the rename",
        },
      );
    } finally {
      for (const { gateway, subgraphState } of [first, second]) {
        await subgraphState.close();
        await gateway.stop();
      }
      await graph.stop();
    }
  });
});
