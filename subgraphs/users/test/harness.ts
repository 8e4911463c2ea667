import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventContract, type EventInput } from '@vp/contracts';
import { createLogger, InboxEntry, Messaging, openDatabase } from '@vp/kit';
import { eventually, freePort, graphql, startTestSubgraph, testKeys } from '@vp/kit/testing';
import { Client } from 'pg';
import { users } from '../src/definition';
import { LocalMailbox } from '../src/mail';
import { LocalPushOutbox, type PushSender } from '../src/push';
import { type WebhookSettings } from '../src/webhooks/webhook.service';

process.env.LOG_LEVEL ??= 'error';

export const PUBLIC_WEB_URL = 'https://web.example.test';
export const GOOD_PASSWORD = 'correct horse battery staple';

export type UsersHarness = Awaited<ReturnType<typeof startUsers>>;

/** The real users subgraph on a fresh database (kit's test subgraph), with a mailbox the test can read. */
export async function startUsers(
  options: {
    redisUrl?: string;
    uploads?: boolean;
    webhooks?: Partial<WebhookSettings>;
    /** Where pushes go (an ExpoPushSender on a stand-in); the local push outbox by default. */
    pushSender?: PushSender;
  } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), 'users-test-'));
  const mailbox = new LocalMailbox(join(dataDir, 'mailbox'));
  const pushOutbox = new LocalPushOutbox(join(dataDir, 'push-outbox'));
  // With uploads, avatar upload and image URLs point at the subgraph itself (no gateway in front);
  // the port is then fixed, so no second instance can start.
  const port = options.uploads ? await freePort() : 0;
  const app = await startTestSubgraph(users, {
    port,
    publicUrl: options.uploads ? `http://127.0.0.1:${port}` : undefined,
    redisUrl: options.redisUrl,
    signingKey: (await testKeys()).privateJwk,
    dataDir,
    publicWebUrl: PUBLIC_WEB_URL,
    mailer: mailbox,
    pushSender: options.pushSender ?? pushOutbox,
    webhooks: options.webhooks,
  });
  const sql = new Client({ connectionString: app.databaseUrl });
  await sql.connect();
  let sequence = 0;

  const harness = {
    url: app.url,
    port: app.port,
    mailbox,
    /** The pushes sent, unless the test passed its own pushSender. */
    pushOutbox,
    databaseUrl: app.databaseUrl,
    dataDir,
    sql,
    /** The SQL run since the last call. */
    takeSql: app.takeSql,
    /** Rows in one of the users schema's tables. */
    async count(table: string, where = 'true', values: unknown[] = []) {
      const result = await sql.query(
        `select count(*)::int as n from "users"."${table}" where ${where}`,
        values,
      );
      return result.rows[0].n as number;
    },
    query: <T = any>(
      query: string,
      variables: Record<string, unknown> = {},
      token?: string,
      headers?: Record<string, string>,
    ) => graphql<T>(app.url, query, variables, { token, headers }),
    /** Distinct, valid sign-up input; override any field. */
    newAccount(overrides: AccountOverrides = {}) {
      sequence += 1;
      const tag = `${process.env.JEST_WORKER_ID ?? 0}${sequence}${Math.random().toString(36).slice(2, 7)}`;
      return {
        email: `person${tag}@example.com`,
        password: GOOD_PASSWORD,
        handle: `person_${tag}`,
        displayName: `Person ${sequence}`,
        birthDate: '1990-04-21',
        ...overrides,
      };
    },
    async signUp(overrides: AccountOverrides = {}, headers?: Record<string, string>) {
      const input = harness.newAccount(overrides);
      const response = await harness.query(SIGN_UP, { input }, undefined, headers);
      if (!response.data?.signUp) {
        throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
      }
      return { input, ...(response.data.signUp as AuthPayloadData) };
    },
    signIn(email: string, password: string, headers?: Record<string, string>) {
      return harness.query(SIGN_IN, { input: { email, password } }, undefined, headers);
    },
    /** Waits for message number `count` to `to` (some are sent after the mutation answers). */
    async mailTo(to: string, count = 1) {
      const messages = await eventually(() => mailbox.messages(to), {
        until: found => found.length >= count,
        what: `mail #${count} to ${to}`,
      });
      return messages[count - 1];
    },
    /** Another instance on the same database (and Redis, if any), as a second replica would be. */
    async startAnotherInstance() {
      return (await app.startAnotherInstance()).url;
    },
    async stop() {
      await sql.end();
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * Another subgraph's producer on the same message bus, publishing straight to pg-boss: `publish`
 * fills the contract's example with the fields given, and `occurredAt` dates the envelope (the
 * version consumers compare), as the producer's outbox would have.
 */
export async function joinMessageBus(databaseUrl: string) {
  const orm = await openDatabase({
    schema: 'users',
    databaseUrl,
    entities: [InboxEntry],
    migrations: [],
    migrate: false,
  });
  const messaging = await Messaging.start({
    consumer: 'producer-test',
    databaseUrl,
    orm,
    log: createLogger('producer-test', 'warn'),
  });
  return {
    messaging,
    publish: <C extends EventContract>(
      contract: C,
      fields: Partial<EventInput<C>>,
      envelope: { id?: string; occurredAt?: Date } = {},
    ) => messaging.publish(contract, { ...contract.example, ...fields } as EventInput<C>, envelope),
    async stop() {
      await messaging.stop();
      await orm.close();
    },
  };
}

export type MessageBus = Awaited<ReturnType<typeof joinMessageBus>>;

type AccountOverrides = Partial<
  Record<'email' | 'password' | 'handle' | 'displayName' | 'birthDate', string>
>;

export interface AuthPayloadData {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: { id: string; handle: string };
}

const PAYLOAD = 'accessToken refreshToken accessTokenExpiresAt user { id handle }';
export const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`;
export const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { ${PAYLOAD} } }`;
export const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { ${PAYLOAD} } }`;
export const SIGN_OUT = `mutation SignOut($token: String!) { signOut(refreshToken: $token) }`;
export const ME = `{ me { id handle email birthDate emailVerified roles displayName } }`;

/** The token in the first link of a message. */
export function tokenInLink(text: string, path: string) {
  const match = new RegExp(
    `${PUBLIC_WEB_URL.replace(/[.]/g, '\\.')}/${path}\\?token=([A-Za-z0-9_-]+)`,
  ).exec(text);
  if (!match) {
    throw new Error(`no ${path} link in: ${text}`);
  }
  return match[1];
}
