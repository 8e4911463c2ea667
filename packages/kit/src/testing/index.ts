import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { generateSigningKeys, type Role, signAccessToken, type SigningKeys } from '../auth';

export const TEST_DATABASE_SERVER =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A new, empty database for one test file on the server of DATABASE_URL, so test files never see
 * each other's rows; `drop()` removes it.
 */
export async function createTestDatabase(prefix: string) {
  const name = `${prefix}_${process.env.JEST_WORKER_ID ?? 0}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_SERVER });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(TEST_DATABASE_SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_DATABASE_SERVER });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

let keys: Promise<SigningKeys> | undefined;
/** One key pair per test process. */
export const testKeys = () => (keys ??= generateSigningKeys());

export async function tokenFor(id: string, roles: Role[] = [], sessionId = 'test-session') {
  const { privateJwk } = await testKeys();
  return (await signAccessToken(privateJwk, { id, roles, sessionId })).token;
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  headers: Headers;
}

/** POSTs one operation as a browser or partner would. */
export async function graphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as Omit<
    GraphQLResponse<T>,
    'status' | 'headers'
  >;
  return { status: response.status, headers: response.headers, ...body };
}

export const errorCodes = (response: GraphQLResponse) =>
  (response.errors ?? []).map(error => error.extensions?.code);
export { startTestSubgraph, type TestSubgraph } from './subgraph';
export { eventually, type EventuallyOptions } from './eventually';
export {
  chromiumPath,
  describeIfChromium,
  describeIfFfmpeg,
  describeIfFfmpegAndChromium,
  describeIfFfmpegAndRedis,
  describeIfRedis,
  describeInProcessAndRedis,
  describeOrSkip,
  HAS_FFMPEG,
  itIfChromium,
  itIfRedis,
  TEST_REDIS_URL,
} from './prerequisites';
export { subscribe, type Subscription } from './subscriptions';
export { freePort, reservePort } from './free-port';
export { handmadePng } from './png';
export { startPeerEvents, type PeerEvents } from './peer-events';
