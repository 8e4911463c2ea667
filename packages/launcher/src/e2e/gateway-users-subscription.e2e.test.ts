import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { runSubgraph, type RunningServer } from '@vp/kit';
import { createTestDatabase, eventually, graphql, subscribe, testKeys } from '@vp/kit/testing';
import { type RunningGateway, startGateway } from '@vp/gateway';
import { startMedia, VIDEOS } from '@vp/gateway/test/fixtures/subgraphs';
import { LocalMailbox, users } from '@vp/users';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

process.env.LOG_LEVEL ??= 'error';

/**
 * The gateway forwarding a subscription to a real subgraph: the users subgraph (its `securityAlerts`
 * subscription, on a scratch database) composed with the gateway's media fixture, which adds
 * `User.videos`: an alert's `user { videos }` must come from media.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let usersServer: RunningServer;
let media: Awaited<ReturnType<typeof startMedia>>;
let gateway: RunningGateway;
let client: Client | undefined;

beforeAll(async () => {
  db = await createTestDatabase('gateway_users');
  dataDir = await mkdtemp(join(tmpdir(), 'gateway-users-'));
  const { jwks, privateJwk } = await testKeys();
  usersServer = await runSubgraph(users, {
    databaseUrl: db.url,
    jwks,
    signingKey: privateJwk,
    dataDir,
    mailer: new LocalMailbox(join(dataDir, 'mailbox')),
    port: 0,
    host: '127.0.0.1',
  });
  media = await startMedia();
  // the SDL as rover would read it: from the running subgraph's _service
  const usersSdl = (await graphql(usersServer.url, '{ _service { sdl } }')).data._service
    .sdl as string;
  const composed = composeServices([
    { name: 'users', url: usersServer.url, typeDefs: parse(usersSdl) },
    { name: 'media', url: media.url, typeDefs: media.typeDefs },
  ]);
  if (!composed.supergraphSdl) {
    throw new Error(composed.errors?.map(e => e.message).join('; '));
  }
  gateway = await startGateway({
    supergraphSdl: composed.supergraphSdl,
    jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 0 },
  });
}, 60_000);

afterAll(async () => {
  await client?.dispose();
  await gateway?.stop();
  await media?.stop();
  await usersServer?.stop();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const PAYLOAD = 'accessToken user { id handle }';

it('forwards securityAlerts to the users subgraph and resolves user.videos through media', async () => {
  const input = {
    email: `alerts${Date.now()}@example.com`,
    password: 'correct horse battery staple',
    handle: `alerts_${Date.now().toString(36)}`,
    displayName: 'Alerts',
    birthDate: '1990-04-21',
  };
  const signUp = await graphql(
    gateway.url,
    `mutation ($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`,
    {
      input,
    },
  );
  expect(signUp.errors).toBeUndefined();
  const { accessToken, user } = signUp.data.signUp;
  VIDEOS.alerted = { title: 'My first upload', owner: user.id };

  client = createClient({
    url: gateway.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${accessToken}` },
  });
  const events: any[] = [];
  const failures: unknown[] = [];
  client.subscribe(
    {
      query:
        'subscription { securityAlerts { kind user { handle videos(first: 3) { edges { node { title } } } } } }',
    },
    { next: event => events.push(event), error: error => failures.push(error), complete: () => {} },
  );
  // Nothing shows that the subscription has reached users but an alert: sign in until one comes.
  await eventually(
    async () => {
      const signIn = await graphql(
        gateway.url,
        `mutation ($input: SignInInput!) { signIn(input: $input) { ${PAYLOAD} } }`,
        { input: { email: input.email, password: input.password } },
        { headers: { 'user-agent': 'GatewayTest/1.0' } },
      );
      expect(signIn.errors).toBeUndefined();
      return events.length > 0 || failures.length > 0;
    },
    { what: 'a security alert', intervalMs: 300 },
  );
  expect(failures).toEqual([]);
  expect(events[0]).toEqual({
    data: {
      securityAlerts: {
        kind: 'NEW_SIGN_IN',
        user: { handle: input.handle, videos: { edges: [{ node: { title: 'My first upload' } }] } },
      },
    },
  });
  expect(media.recorder.requests.some(r => /_entities/.test(r.query))).toBe(true);
}, 30_000);

it('refuses a securityAlerts subscription without a token with the subgraph’s UNAUTHENTICATED', async () => {
  const anonymous = createClient({
    url: gateway.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    const outcome = await new Promise<any>(resolve => {
      anonymous.subscribe(
        { query: 'subscription { securityAlerts { kind } }' },
        { next: resolve, error: resolve, complete: () => resolve('completed') },
      );
    });
    const errors = Array.isArray(outcome) ? outcome : outcome.errors;
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  } finally {
    await anonymous.dispose();
  }
});

it('forwards notificationAdded to the users subgraph, each viewer getting only their own', async () => {
  const signUp = async (name: string) => {
    const tag = `${name}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const response = await graphql(
      gateway.url,
      `mutation ($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`,
      {
        input: {
          email: `${tag}@example.com`,
          password: 'correct horse battery staple',
          handle: tag,
          displayName: name,
          birthDate: '1990-04-21',
        },
      },
    );
    expect(response.errors).toBeUndefined();
    return response.data.signUp as { accessToken: string; user: { id: string; handle: string } };
  };
  const [creator, bystander] = [await signUp('creator'), await signUp('bystander')];
  const query = 'subscription { notificationAdded { id kind actor { handle } } }';
  const mine = subscribe(gateway.url, query, {}, creator.accessToken);
  const theirs = subscribe(gateway.url, query, {}, bystander.accessToken);
  try {
    // Nothing shows that the subscription has reached users but a notification: new followers
    // follow the creator until one is delivered.
    const fans: string[] = [];
    await eventually(
      async () => {
        const fan = await signUp('fan');
        fans.push(fan.user.handle);
        const followed = await graphql(
          gateway.url,
          'mutation ($id: ID!) { followUser(userId: $id) { id } }',
          { id: creator.user.id },
          { token: fan.accessToken },
        );
        expect(followed.errors).toBeUndefined();
        return mine.events.length > 0 || mine.failures.length > 0;
      },
      { what: 'a notification through the gateway', intervalMs: 1_000 },
    );
    expect(mine.failures).toEqual([]);
    expect(mine.events[0].errors).toBeUndefined();
    expect(mine.events[0].data.notificationAdded).toMatchObject({ kind: 'NEW_FOLLOWER' });
    expect(fans).toContain(mine.events[0].data.notificationAdded.actor.handle);
    expect(theirs.events).toEqual([]);
  } finally {
    await Promise.all([mine.close(), theirs.close()]);
  }
}, 60_000);
