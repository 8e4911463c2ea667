import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { createPubSub } from '@graphql-yoga/subscription';
import { startGateway } from '@vp/gateway';
import { BENCH_BUDGET } from '../gateway/targets';
import { runSubgraph } from '@vp/kit';
import { graphql, testKeys } from '@vp/kit/testing';
import { live } from '@vp/live';
import { LocalMailbox, users } from '@vp/users';
import { buildSchema, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/**
 * One server per child process, so that its RSS is its own: `platform` (users + live subgraphs +
 * our gateway, as `npm start` runs them) or `bare` (graphql-ws `useServer` over a tiny schema and
 * an in-process pub/sub). Reports ready over IPC, then answers `rss` and `publish` requests.
 */
type Request = { role: 'platform'; databaseUrl: string; senders: number } | { role: 'bare' };

const gc = () => (global as { gc?: () => void }).gc?.();

async function platform(databaseUrl: string, senders: number) {
  const { jwks, privateJwk } = await testKeys();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-chat-'));
  const common = { databaseUrl, jwks, port: 0, host: '127.0.0.1' };
  const usersServer = await runSubgraph(users, {
    ...common,
    signingKey: privateJwk,
    dataDir,
    mailer: new LocalMailbox(join(dataDir, 'mailbox')),
  });
  const liveServer = await runSubgraph(live, common);
  const sdl = async (url: string) =>
    parse((await graphql(url, '{ _service { sdl } }')).data._service.sdl);
  const composed = composeServices([
    { name: 'users', url: usersServer.url, typeDefs: await sdl(usersServer.url) },
    { name: 'live', url: liveServer.url, typeDefs: await sdl(liveServer.url) },
  ]);
  if (!composed.supergraphSdl) {
    throw new Error(composed.errors?.map(error => error.message).join('; '));
  }
  const gateway = await startGateway({
    supergraphSdl: composed.supergraphSdl,
    jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 0 },
    // thousands of subscribers from one address: budgets that never refuse (the cost is still charged)
    cost: { key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
    // every bench client comes from 127.0.0.1: lift the per-IP WebSocket limit for it
    connectionsPerIp: 10_000,
    subgraphUrls: { users: usersServer.url, live: liveServer.url },
  });
  // Several senders: one user may say 5 messages per 10 s, and the bench says one a second.
  const tokens: string[] = [];
  for (let i = 0; i < senders; i++) {
    const handle = `bench_${Date.now().toString(36)}_${i}`;
    const response = await graphql(
      gateway.url,
      'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      {
        input: {
          email: `${handle}@example.com`,
          password: 'correct horse battery staple',
          handle,
          displayName: 'Bench',
          birthDate: '1990-01-01',
        },
      },
    );
    tokens.push(response.data.signUp.accessToken);
  }
  const created = await graphql(
    gateway.url,
    'mutation { createLiveStream(input: { title: "Bench" }) { id } }',
    {},
    { token: tokens[0] },
  );
  return { url: gateway.url, streamId: created.data.createLiveStream.id as string, tokens };
}

async function bare() {
  const schema = buildSchema(`
    type Author { handle: String! }
    type ChatMessage { id: ID! body: String! createdAt: String! author: Author! }
    type Query { ok: Boolean }
    type Subscription { chatMessageAdded(streamId: ID!): ChatMessage! }
  `);
  const pubSub = createPubSub<{ chat: [string, unknown] }>();
  const roots = {
    chatMessageAdded: ({ streamId }: { streamId: string }) => {
      const events = pubSub.subscribe('chat', streamId);
      return (async function* () {
        for await (const message of events) {
          yield { chatMessageAdded: message };
        }
      })();
    },
  };
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  useServer({ schema, roots: { subscription: roots } }, wss);
  await new Promise<void>(resolve => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    streamId: 'bench',
    publish: (streamId: string, message: unknown) => pubSub.publish('chat', streamId, message),
  };
}

process.once('message', async (request: Request) => {
  const server =
    request.role === 'platform'
      ? await platform(request.databaseUrl, request.senders)
      : await bare();
  process.on('message', (message: { type: string; streamId?: string; payload?: unknown }) => {
    if (message.type === 'rss') {
      gc();
      process.send!({ type: 'rss', rss: process.memoryUsage().rss });
    } else if (message.type === 'publish' && 'publish' in server) {
      server.publish(message.streamId!, message.payload);
    }
  });
  const { url, streamId } = server;
  process.send!({ type: 'ready', url, streamId, tokens: 'tokens' in server ? server.tokens : [] });
});
