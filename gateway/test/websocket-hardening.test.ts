import { signAccessToken } from '@vp/kit';
import { eventually, testKeys } from '@vp/kit/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

let graph: FixtureGraph;
let gateway: RunningGateway;
const sockets: WebSocket[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  graph = await startFixtureGraph();
  gateway = await gatewayOver(graph, {
    rateLimit: { limit: 0 },
    allowedOrigins: ['https://app.example.com'],
    subscriptionsPerConnection: 3,
    connectionsPerIp: 4,
  });
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) {
    socket.on('error', () => {});
    socket.terminate();
  }
  await Promise.all(clients.splice(0).map(client => client.dispose()));
  // wait for the gateway to see those sockets closed, so each test starts with none open
  await new Promise(resolve => setTimeout(resolve, 100));
});
afterAll(async () => {
  await gateway.stop();
  await graph.stop();
});

const wsUrl = () => gateway.url.replace('http', 'ws');

/** Opens a raw graphql-ws socket: 'open', or the HTTP status the handshake was refused with. */
function handshake(headers: { origin?: string } = {}): Promise<'open' | number> {
  const socket = new WebSocket(
    wsUrl(),
    'graphql-transport-ws',
    headers.origin ? { origin: headers.origin } : {},
  );
  sockets.push(socket);
  return new Promise(resolve => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

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

function subscribe(client: Client, room: string) {
  const outcome: { errors?: any[]; completed?: boolean } = {};
  const dispose = client.subscribe(
    {
      query: 'subscription ($room: ID!) { messageAdded(room: $room) { id } }',
      variables: { room },
    },
    {
      next: () => {},
      error: error => (outcome.errors = error as any[]),
      complete: () => (outcome.completed = true),
    },
  );
  return { outcome, dispose };
}

const waitFor = (check: () => boolean) => eventually(check);

describe('WebSocket handshake origin (C2)', () => {
  it('accepts clients without an Origin (servers, mobile apps)', async () => {
    expect(await handshake()).toBe('open');
  });

  it("accepts the gateway's own origin and the allowed ones, and nothing merely alike", async () => {
    expect(await handshake({ origin: `http://localhost:${gateway.port}` })).toBe('open');
    expect(await handshake({ origin: 'https://app.example.com' })).toBe('open');
    // the same server under another name is another origin to a browser
    expect(await handshake({ origin: `http://127.0.0.1:${gateway.port}` })).toBe(403);
  });

  it.each([
    'https://evil.example',
    'https://app.example.com.evil.example',
    'http://app.example.com',
    'null',
  ])('refuses a browser on %s with 403 before any graphql-ws message', async origin => {
    expect(await handshake({ origin })).toBe(403);
  });

  it('refuses a foreign origin even when the gateway allows no other origin', async () => {
    const strict = await gatewayOver(graph, { rateLimit: { limit: 0 } });
    try {
      const socket = new WebSocket(strict.url.replace('http', 'ws'), 'graphql-transport-ws', {
        origin: 'https://evil.example',
      });
      sockets.push(socket);
      const status = await new Promise(resolve =>
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
      );
      expect(status).toBe(403);
    } finally {
      await strict.stop();
    }
  });
});

describe('per-connection and per-IP caps', () => {
  it('refuses a subscription beyond the per-connection cap with RATE_LIMITED, and accepts one after another ends', async () => {
    const client = connect();
    const first = [subscribe(client, 'cap1'), subscribe(client, 'cap2'), subscribe(client, 'cap3')];
    await waitFor(() => gateway.subscriptions.upstreamCount >= 3);
    const fourth = subscribe(client, 'cap4');
    await waitFor(() => fourth.outcome.errors !== undefined);
    expect(fourth.outcome.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(fourth.outcome.errors![0].message).toMatch(/At most 3 subscriptions/);
    expect(first.every(({ outcome }) => outcome.errors === undefined)).toBe(true);
    first[0].dispose();
    await waitFor(() => gateway.subscriptions.upstreamCount === 2);
    const fifth = subscribe(client, 'cap5');
    await waitFor(
      () => gateway.subscriptions.upstreamCount === 3 || fifth.outcome.errors !== undefined,
    );
    expect(fifth.outcome.errors).toBeUndefined();
  });

  it('refuses a connection beyond the per-IP cap with 429, and accepts one once another closes', async () => {
    const opened = await Promise.all([handshake(), handshake(), handshake(), handshake()]);
    expect(opened).toEqual(['open', 'open', 'open', 'open']);
    expect(await handshake()).toBe(429);
    sockets[0].close();
    // Refused (429) until the gateway has seen the close.
    expect(await eventually(handshake, { until: outcome => outcome === 'open' })).toBe('open');
  });
});

describe('token expiry (C4)', () => {
  it('closes the connection with 4403 when its access token expires', async () => {
    const { privateJwk } = await testKeys();
    const { token, expiresAt } = await signAccessToken(
      privateJwk,
      { id: 'u1', roles: [], sessionId: 's-expiring' },
      2,
    );
    let closed: { code: number; reason: string; at: number } | undefined;
    const client = connect(
      token,
      event => (closed = { code: event.code, reason: event.reason, at: Date.now() }),
    );
    const whoAmI: unknown[] = [];
    client.subscribe(
      { query: 'subscription { whoAmI }' },
      { next: value => whoAmI.push(value), error: () => {}, complete: () => {} },
    );
    await waitFor(() => whoAmI.length > 0);
    expect(closed).toBeUndefined();
    await waitFor(() => closed !== undefined);
    expect(closed!.code).toBe(4403);
    expect(closed!.reason).toMatch(/expired/);
    expect(closed!.at).toBeGreaterThanOrEqual(expiresAt.getTime() - 50);
  });

  it('keeps an anonymous connection open (there is no token to expire)', async () => {
    let closed = false;
    const client = connect(undefined, () => (closed = true));
    const sub = subscribe(client, 'anon');
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(closed).toBe(false);
    expect(sub.outcome.errors).toBeUndefined();
  });
});
