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
import { type JSONWebKeySet } from 'jose';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/**
 * One server per child process, so that each RSS is its own: `subgraphs` (the users and live
 * subgraphs, answering the supergraph composed from them), `gateway` (our gateway in front of
 * them) or `bare` (graphql-ws `useServer` over a tiny schema and an in-process pub/sub). Reports
 * ready over IPC, then answers `rss`, `publish` and `exit` requests.
 */
type Request =
  | { role: 'subgraphs'; databaseUrl: string }
  | {
      role: 'gateway';
      supergraphSdl: string;
      jwks: JSONWebKeySet;
      subgraphUrls: Record<string, string>;
      connections: number;
    }
  | { role: 'bare' };

const gc = () => (global as { gc?: () => void }).gc?.();

async function subgraphs(databaseUrl: string) {
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
  return {
    supergraphSdl: composed.supergraphSdl,
    jwks,
    subgraphUrls: { users: usersServer.url, live: liveServer.url },
  };
}

async function gateway(request: Extract<Request, { role: 'gateway' }>) {
  const running = await startGateway({
    supergraphSdl: request.supergraphSdl,
    jwks: request.jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 0 },
    // thousands of subscribers from one address: budgets that never refuse (the cost is still charged)
    cost: { key: BENCH_BUDGET, user: BENCH_BUDGET, anonymous: BENCH_BUDGET },
    // every bench client comes from 127.0.0.1: lift the per-IP WebSocket limit for it
    connectionsPerIp: request.connections,
    subgraphUrls: request.subgraphUrls,
  });
  return { url: running.url };
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
  // the gateway's accept backlog (gateway/src/app.ts), so that both meet a crowd alike
  await new Promise<void>(resolve =>
    httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
  );
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    streamId: 'bench',
    publish: (streamId: string, message: unknown) => pubSub.publish('chat', streamId, message),
  };
}

process.once('message', async (request: Request) => {
  const server =
    request.role === 'subgraphs'
      ? await subgraphs(request.databaseUrl)
      : request.role === 'gateway'
        ? await gateway(request)
        : await bare();
  process.on('message', (message: { type: string; streamId?: string; payload?: unknown }) => {
    if (message.type === 'rss') {
      gc();
      process.send!({ type: 'rss', rss: process.memoryUsage().rss });
    } else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ type: 'cpu', micros: user + system });
    } else if (message.type === 'exit') {
      process.exit(0); // with --cpu-prof, the profile is written on the way out
    } else if (message.type === 'publish' && 'publish' in server) {
      (server as Awaited<ReturnType<typeof bare>>).publish(message.streamId!, message.payload);
    }
  });
  const { publish: _, ...ready } = server as typeof server & { publish?: unknown };
  process.send!({ type: 'ready', ...ready });
});
