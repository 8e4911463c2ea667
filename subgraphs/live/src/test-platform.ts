import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type RunningGateway, startGateway } from '@vp/gateway';
import { type RunningServer, runSubgraph } from '@vp/kit';
import { createTestDatabase, graphql, TEST_REDIS_URL, testKeys } from '@vp/kit/testing';
import { LocalMailbox, users } from '@vp/users';
import { parse } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { live } from './definition';

process.env.LOG_LEVEL ??= 'error';

export const REDIS_URL = TEST_REDIS_URL ?? '';

export interface PlatformOptions {
  /** Live subgraph instances (all on one database); gateway i talks to live i modulo their number. */
  liveInstances?: number;
  gateways?: number;
  redisUrl?: string;
}

/**
 * The pieces of the platform chat needs, for real: the users subgraph (sign-up, and the handles
 * of chat authors), one or more live subgraph instances on one database, and one or more of our
 * gateways over a supergraph composed here from the running subgraphs' SDL.
 */
export async function startPlatform(options: PlatformOptions = {}) {
  const database = await createTestDatabase('live_platform');
  const dataDir = await mkdtemp(join(tmpdir(), 'live-platform-'));
  const { jwks, privateJwk } = await testKeys();
  const common = {
    databaseUrl: database.url,
    jwks,
    port: 0,
    host: '127.0.0.1',
    redisUrl: options.redisUrl,
  };
  const servers: RunningServer[] = [];
  const gateways: RunningGateway[] = [];
  const stop = async () => {
    await Promise.allSettled(gateways.map(gateway => gateway.stop()));
    await Promise.allSettled(servers.map(server => server.stop()));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // One at a time: each runs migrations (and pg-boss its own) on the shared database.
    const usersServer = await runSubgraph(users, {
      ...common,
      signingKey: privateJwk,
      dataDir,
      mailer: new LocalMailbox(join(dataDir, 'mailbox')),
    });
    servers.push(usersServer);
    const lives: RunningServer[] = [];
    for (let i = 0; i < (options.liveInstances ?? 1); i++) {
      lives.push(await runSubgraph(live, { ...common }));
    }
    servers.push(...lives);
    const sdl = async (url: string) =>
      parse((await graphql(url, '{ _service { sdl } }')).data._service.sdl as string);
    const composed = composeServices([
      { name: 'users', url: usersServer.url, typeDefs: await sdl(usersServer.url) },
      { name: 'live', url: lives[0].url, typeDefs: await sdl(lives[0].url) },
    ]);
    if (!composed.supergraphSdl) {
      throw new Error(composed.errors?.map(error => error.message).join('; '));
    }
    for (let i = 0; i < (options.gateways ?? 1); i++) {
      gateways.push(
        await startGateway({
          supergraphSdl: composed.supergraphSdl,
          jwks,
          port: 0,
          host: '127.0.0.1',
          redisUrl: options.redisUrl,
          subgraphUrls: { users: usersServer.url, live: lives[i % lives.length].url },
          rateLimit: { limit: 0 },
        }),
      );
    }
    return { database, users: usersServer, lives, gateways, gateway: gateways[0], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

let people = 0;
/** A real account, signed up through the gateway. */
export async function signUp(gatewayUrl: string, name = 'chatter') {
  people += 1;
  const handle = `${name}_${Date.now().toString(36)}${people}`.slice(0, 30);
  const response = await graphql(
    gatewayUrl,
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          accessToken
          user {
            id
            handle
          }
        }
      }
    `,
    {
      input: {
        email: `${handle}@example.com`,
        password: 'correct horse battery staple',
        handle,
        displayName: name,
        birthDate: '1990-04-21',
      },
    },
  );
  if (response.errors) {
    throw new Error(JSON.stringify(response.errors));
  }
  const { accessToken, user } = response.data.signUp;
  return { id: user.id as string, handle: user.handle as string, token: accessToken as string };
}

export type Person = Awaited<ReturnType<typeof signUp>>;

export interface Subscription<T = any> {
  /** Every `next` payload so far. */
  events: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }[];
  failures: unknown[];
  completed: boolean;
  /** Waits until `count` events have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Subscription<T>['events']>;
  /** Waits until `predicate` holds for the events so far. */
  waitUntil(
    predicate: (events: Subscription<T>['events']) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

/** A graphql-ws client of the gateway (one socket per subscription, as separate tabs would be). */
export function subscribe<T = any>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Subscription<T> {
  const client: Client = createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  const subscription: Subscription<T> = {
    events: [],
    failures: [],
    completed: false,
    async waitUntil(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(subscription.events)) {
        if (subscription.failures.length) {
          throw new Error(`subscription failed: ${JSON.stringify(subscription.failures)}`);
        }
        if (Date.now() > deadline) {
          throw new Error(`timed out; events so far: ${JSON.stringify(subscription.events)}`);
        }
        await new Promise(resolve => setTimeout(resolve, 10));
      }
    },
    async waitFor(count, timeoutMs) {
      await subscription.waitUntil(events => events.length >= count, timeoutMs);
      return subscription.events;
    },
    close: () => client.dispose() as Promise<void>,
  };
  client.subscribe<T>(
    { query, variables },
    {
      next: event => void subscription.events.push(event as never),
      error: error => void subscription.failures.push(error),
      complete: () => {
        subscription.completed = true;
      },
    },
  );
  return subscription;
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
