import { eventually, tokenFor } from '@vp/kit/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { badTokens, gatewayOver } from './helpers';

let graph: FixtureGraph;
let gateway: RunningGateway;
const clients: Client[] = [];

beforeAll(async () => {
  graph = await startFixtureGraph();
  gateway = await gatewayOver(graph, { rateLimit: { limit: 0 } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map(client => client.dispose()));
});
afterAll(async () => {
  await gateway.stop();
  await graph.stop();
});

const wsUrl = () => gateway.url.replace('http', 'ws');

function connect(token?: string, onClose?: (event: { code: number; reason: string }) => void) {
  const client = createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: event => onClose?.(event as { code: number; reason: string }) },
    onNonLazyError: () => {},
  });
  clients.push(client);
  return client;
}

/** Subscribes and collects results; `next(n)` waits for the n-th one. */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: any[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const dispose = client.subscribe(
    { query, variables },
    {
      next: value => results.push(value),
      error: error => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  const until = (check: () => boolean, what: string) => eventually(check, { what });
  return {
    results,
    errors,
    dispose,
    isCompleted: () => completed,
    next: async (n: number) => {
      await until(() => results.length >= n, `${n} results`);
      return results[n - 1];
    },
    error: async () => {
      await until(() => errors.length > 0, 'an error');
      return errors[0] as any;
    },
  };
}

const waitFor = (check: () => boolean) => eventually(check);

const CHAT = `subscription Chat($room: ID!) {
  messageAdded(room: $room) {
    id
    body
    author { handle bestFriend { handle videos(first: 5) { edges { node { title } } } } }
  }
}`;

describe('subscriptions through the gateway', () => {
  it('delivers events with fields of other subgraphs resolved, nested across subgraphs', async () => {
    const room = 'resolved';
    const subscriber = collect(connect(), CHAT, { room });
    await waitFor(
      () => gateway.subscriptions.upstreamCount === 1 && graph.upstreamSubscribeCalls() > 0,
    );
    await graph.publish(room, { id: 'm1', body: 'hello', authorId: 'u1' });
    const event = await subscriber.next(1);
    expect(event).toEqual({
      data: {
        messageAdded: {
          id: 'm1',
          body: 'hello',
          author: {
            handle: 'alice',
            bestFriend: { handle: 'bob', videos: { edges: [{ node: { title: 'Second video' } }] } },
          },
        },
      },
    });
    // the owning subgraph got only what it resolves, plus the entity keys
    const upstream = graph.media.subscriptions.at(-1)!.query;
    expect(upstream).toMatch(/_vp_typename: __typename/);
    expect(upstream).not.toMatch(/handle/);
  });

  it('shares one upstream subscription and one resolution per event among subscribers of the same document', async () => {
    const room = 'shared';
    const before = graph.upstreamSubscribeCalls();
    const first = collect(connect(), CHAT, { room });
    const second = collect(connect(), CHAT, { room });
    const third = collect(connect(), CHAT, { room });
    await waitFor(() => graph.upstreamSubscribeCalls() === before + 1);
    await new Promise(resolve => setTimeout(resolve, 100));
    graph.clear();
    await graph.publish(room, { id: 'm2', body: 'to all', authorId: 'u2' });
    for (const subscriber of [first, second, third]) {
      expect((await subscriber.next(1)).data.messageAdded.author.handle).toBe('bob');
    }
    expect(graph.upstreamSubscribeCalls()).toBe(before + 1);
    // one _entities fetch to accounts (author + bestFriend) and one to media (videos), not three of each
    expect(graph.accounts.requests.filter(r => /_entities/.test(r.query))).toHaveLength(1);
    expect(graph.media.requests.filter(r => /_entities/.test(r.query))).toHaveLength(1);
  });

  it('gives subscribers of the same room who ask different fields each their own fields', async () => {
    const room = 'shapes';
    const full = collect(connect(), CHAT, { room });
    const slim = collect(
      connect(),
      `subscription Chat($room: ID!) { messageAdded(room: $room) { id body author { handle } } }`,
      { room },
    );
    await waitFor(() => graph.media.subscriptions.length > 0);
    await new Promise(resolve => setTimeout(resolve, 100));
    await graph.publish(room, { id: 'm3', body: 'shapes', authorId: 'u2' });
    expect((await full.next(1)).data.messageAdded).toMatchObject({
      body: 'shapes',
      author: { handle: 'bob' },
    });
    expect((await slim.next(1)).data.messageAdded).toEqual({
      id: 'm3',
      body: 'shapes',
      author: { handle: 'bob' },
    });
  });

  it('gives a subscriber that asks for a replay (after) a stream of its own', async () => {
    const room = 'replays';
    const REPLAY = `subscription Replay($room: ID!, $after: ID) {
      messageAdded(room: $room, after: $after) { id } }`;
    const before = graph.upstreamSubscribeCalls();
    collect(connect(), REPLAY, { room, after: 'm1' });
    collect(connect(), REPLAY, { room, after: 'm1' });
    await waitFor(() => graph.upstreamSubscribeCalls() === before + 2);
    collect(connect(), REPLAY, { room });
    collect(connect(), REPLAY, { room, after: null });
    await waitFor(() => graph.upstreamSubscribeCalls() === before + 3);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(graph.upstreamSubscribeCalls()).toBe(before + 3);
  });

  it('opens a separate upstream stream per signed-in viewer and forwards their token', async () => {
    const room = 'viewers';
    const before = graph.upstreamSubscribeCalls();
    const alice = await tokenFor('u1');
    collect(connect(alice), CHAT, { room });
    collect(connect(await tokenFor('u2')), CHAT, { room });
    await waitFor(() => graph.upstreamSubscribeCalls() === before + 2);
    const params = graph.media.subscriptions.map(s => s.connectionParams?.authorization);
    expect(params).toContain(`Bearer ${alice}`);
    const whoAmI = collect(connect(alice), 'subscription { whoAmI }');
    expect(await whoAmI.next(1)).toEqual({ data: { whoAmI: 'u1' } });
  });

  it('ends the subscription with SERVICE_UNAVAILABLE when the subgraph instance dies, so the client subscribes again', async () => {
    const room = 'dies';
    const before = graph.upstreamSubscribeCalls();
    const subscriber = collect(connect(), CHAT, { room });
    await waitFor(() => graph.upstreamSubscribeCalls() > before);
    const calls = graph.upstreamSubscribeCalls();
    graph.dropMediaSockets();
    const ended = await subscriber.next(1);
    expect(ended.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await waitFor(() => subscriber.isCompleted());

    const again = collect(connect(), CHAT, { room });
    await waitFor(() => graph.upstreamSubscribeCalls() > calls);
    await graph.publish(room, { id: 'm-again', body: 'still here', authorId: 'u1' });
    const event = await again.next(1);
    expect(event.data.messageAdded).toMatchObject({ id: 'm-again', body: 'still here' });
  });

  it('closes the upstream stream when the last subscriber leaves', async () => {
    const room = 'leave';
    await waitFor(() => gateway.subscriptions.upstreamCount === 0);
    const before = graph.upstreamSubscribeCalls();
    const subscriber = collect(connect(), CHAT, { room });
    await waitFor(() => graph.upstreamSubscribeCalls() === before + 1);
    expect(gateway.subscriptions.upstreamCount).toBe(1);
    subscriber.dispose();
    await waitFor(() => gateway.subscriptions.upstreamCount === 0);
  });

  it.each(['forged', 'expired', 'algNone'])(
    'closes a connection with a %s token with 4403',
    async kind => {
      const token = (await badTokens())[kind];
      let closed: { code: number } | undefined;
      connect(token, event => (closed = event));
      await waitFor(() => closed !== undefined);
      expect(closed!.code).toBe(4403);
    },
  );

  it('applies the depth limit over WebSocket, before anything reaches a subgraph', async () => {
    const calls = graph.media.subscriptions.length;
    let inner = 'handle';
    for (let i = 0; i < 10; i++) {
      inner = `bestFriend { ${inner} }`;
    }
    const subscriber = collect(
      connect(),
      `subscription { messageAdded(room: "deep") { author { ${inner} } } }`,
    );
    const errors = await subscriber.error();
    expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors[0].message).toMatch(/depth limit of 10/);
    expect(graph.media.subscriptions.length).toBe(calls);
  });

  it('applies the alias and token limits over WebSocket', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    const tooManyAliases = collect(
      connect(),
      `subscription { messageAdded(room: "a") { ${aliases} } }`,
    );
    expect((await tooManyAliases.error())[0].message).toMatch(/aliases/i);
    const tooManyTokens = collect(
      connect(),
      `subscription { messageAdded(room: "a") { ${'id '.repeat(1000)} } }`,
    );
    expect((await tooManyTokens.error())[0].message).toMatch(/1000 tokens/);
  });

  it('refuses _entities, unknown fields without suggestions, bad variables and queries over WebSocket', async () => {
    const client = connect();
    const entities = collect(
      client,
      'subscription { _entities(representations: []) { __typename } }',
    );
    expect((await entities.error())[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = collect(client, 'subscription { messageAddd(room: "x") { id } }');
    const typoError = (await typo.error())[0];
    expect(typoError.message).not.toMatch(/Did you mean/);
    const badVariable = collect(client, CHAT, { room: { not: 'an id' } });
    expect((await badVariable.error())[0].extensions.code).toBe('BAD_USER_INPUT');
    const query = collect(client, '{ video(id: "v1") { id } }');
    expect((await query.error())[0].message).toMatch(/over HTTP/);
  });
});
