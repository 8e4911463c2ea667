import { randomUUID } from 'node:crypto';
import { createSharedState, type SharedState, signAccessToken } from '@vp/kit';
import { describeInProcessAndRedis, eventually, graphql, testKeys } from '@vp/kit/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

/**
 * users publishes revocations (sign-out, password, roles, suspension) on the shared state; here a
 * second shared state stands in for users' process (Redis), or is the same process list (in-process).
 */
describeInProcessAndRedis('revocations at the gateway', redisUrl => {
  let graph: FixtureGraph;
  let gateway: RunningGateway;
  let users: SharedState;
  const clients: Client[] = [];
  beforeAll(async () => {
    graph = await startFixtureGraph();
    gateway = await gatewayOver(graph, { rateLimit: { limit: 0 }, redisUrl });
    users = await createSharedState(redisUrl);
  });
  afterAll(async () => {
    await Promise.all(clients.map(client => client.dispose()));
    await users.close();
    await gateway.stop();
    await graph.stop();
  });

  const someone = () => ({ id: randomUUID(), roles: [], sessionId: randomUUID() });
  const tokenOf = async (viewer: ReturnType<typeof someone>) =>
    (await signAccessToken((await testKeys()).privateJwk, viewer)).token;

  /** A signed-in socket with one running subscription; `closed` is filled when the gateway ends it. */
  async function openSubscription(token: string) {
    const state: { closed?: { code: number; reason: string }; events: unknown[] } = { events: [] };
    const client = createClient({
      url: gateway.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: event => (state.closed = event as { code: number; reason: string }) },
      onNonLazyError: () => {},
    });
    clients.push(client);
    client.subscribe(
      { query: 'subscription { whoAmI }' },
      { next: value => state.events.push(value), error: () => {}, complete: () => {} },
    );
    await eventually(() => state.events.length > 0, { what: 'the first event' });
    return state;
  }

  it("closes a signed-out session's sockets with 4403, and no other session's", async () => {
    const viewer = someone();
    const signedOut = await openSubscription(await tokenOf(viewer));
    const otherSession = await openSubscription(
      await tokenOf({ ...viewer, sessionId: randomUUID() }),
    );
    await users.revocations.publish({
      userId: viewer.id,
      sessionId: viewer.sessionId,
      reason: 'SIGNED_OUT',
    });
    const closed = await eventually(() => signedOut.closed, { what: 'the socket to close' });
    expect([closed.code, closed.reason]).toEqual([4403, 'Forbidden: the session was revoked']);
    expect(otherSession.closed).toBeUndefined();
  });

  it("closes every socket opened with the user's older tokens (roles changed, suspended)", async () => {
    const viewer = someone();
    const first = await openSubscription(await tokenOf(viewer));
    const second = await openSubscription(await tokenOf({ ...viewer, sessionId: randomUUID() }));
    await users.revocations.publish({
      userId: viewer.id,
      notBefore: Date.now(),
      reason: 'SUSPENDED',
    });
    await eventually(() => first.closed && second.closed, { what: 'both sockets to close' });
    expect(first.closed!.code).toBe(4403);
  });

  it('closes the sockets of tokens carrying roles the user no longer has', async () => {
    const admin = { ...someone(), roles: ['ADMIN'] as never[] };
    const demoted = await openSubscription(await tokenOf(admin));
    const current = await openSubscription(
      await tokenOf({ ...admin, roles: ['VIEWER'] as never[] }),
    );
    await users.revocations.publish({
      userId: admin.id,
      roles: ['VIEWER'],
      changedAt: Date.now(),
      reason: 'ROLES_CHANGED',
    });
    await eventually(() => demoted.closed, { what: 'the admin socket to close' });
    expect(current.closed).toBeUndefined();
  });

  it('refuses a revoked token over HTTP even though it verified (and was cached) before', async () => {
    const viewer = someone();
    const token = await tokenOf(viewer);
    expect((await graphql(gateway.url, '{ me { id } }', {}, { token })).data).toEqual({
      me: { id: viewer.id },
    });
    await users.revocations.publish({
      userId: viewer.id,
      sessionId: viewer.sessionId,
      reason: 'SIGNED_OUT',
    });
    const refused = await eventually(() => graphql(gateway.url, '{ me { id } }', {}, { token }), {
      until: response => response.status === 401,
      what: 'the token to be refused',
    });
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a revoked token when a socket opens', async () => {
    const viewer = someone();
    const token = await tokenOf(viewer);
    await users.revocations.publish({ userId: viewer.id, notBefore: Date.now(), reason: 'X' });
    const state: { closed?: { code: number } } = {};
    await eventually(async () => {
      const client = createClient({
        url: gateway.url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        connectionParams: { authorization: `Bearer ${token}` },
        on: { closed: event => (state.closed = event as { code: number }) },
        onNonLazyError: () => {},
      });
      clients.push(client);
      return eventually(() => state.closed, { timeoutMs: 2000 });
    });
    expect(state.closed!.code).toBe(4403);
  });
});
