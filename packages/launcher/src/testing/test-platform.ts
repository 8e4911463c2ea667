import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type GatewayConfig, type RunningGateway, startGateway } from '@vp/gateway';
import {
  type LocalGraphql,
  openDatabase,
  type Role,
  runSubgraph,
  type RunningServer,
} from '@vp/kit';
import { changeRoleOf, users } from '@vp/users';
import {
  createTestDatabase,
  eventually,
  freePort,
  graphql,
  reservePort,
  testKeys,
} from '@vp/kit/testing';
import { makeClip as makeVideoClip } from '@vp/videos/src/test-pipeline';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../subgraphs';

process.env.LOG_LEVEL ??= 'error';

export type SubgraphName = 'users' | 'videos' | 'live' | 'payments' | 'catalog' | 'search';

export interface TestPlatformOptions {
  /** The subgraphs to run (every one by default), in the launcher's start order. */
  subgraphs?: SubgraphName[];
  /** Instances of a subgraph on the one database, as replicas would be (1 by default). */
  instances?: Partial<Record<SubgraphName, number>>;
  /** Gateways in front (1 by default); gateway i talks to instance i (modulo their number). */
  gateways?: number;
  redisUrl?: string;
  /** Browser origins besides the gateway's that may open its WebSocket (a web app's). */
  allowedOrigins?: string[];
  /** Settings of gateway `index` (its TRUST_PROXY, the CDN's territory header…). */
  gatewayConfig?: (index: number) => Partial<GatewayConfig>;
  /** Settings of a subgraph's config beyond the embedded defaults (e.g. videos' multipartThresholdBytes). */
  config?: Partial<Record<SubgraphName, Record<string, unknown>>>;
  /**
   * Whether the gateways call the platform's own subgraphs in process, without a socket, as `npm
   * start` does (true by default); false sends every operation over loopback HTTP, as separate
   * processes would.
   */
  local?: boolean;
  /**
   * Subgraphs the test runs itself (a child process it can SIGKILL) instead of the platform: called
   * in start order with what the platform's own subgraphs get; the supergraph is composed from, and
   * the gateway routes to, the URL it returns.
   */
  external?: Partial<
    Record<SubgraphName, (setup: ExternalSubgraphSetup) => Promise<ExternalSubgraph>>
  >;
}

/** What an externally run subgraph needs to join the platform. */
export interface ExternalSubgraphSetup {
  databaseUrl: string;
  redisUrl?: string;
  jwks: Awaited<ReturnType<typeof testKeys>>['jwks'];
  /** The private key access tokens are signed with (the users subgraph's AUTH_SIGNING_KEY). */
  signingKey: Awaited<ReturnType<typeof testKeys>>['privateJwk'];
  dataDir: string;
  /** The gateway's origin (signed URLs). */
  publicUrl: string;
}

export interface ExternalSubgraph {
  url: string;
  stop(): Promise<void>;
}

/**
 * The platform end to end for tests and benchmarks: the chosen subgraphs, configured as `npm start`
 * configures them, on a fresh test database, behind our gateway(s) over a supergraph composed
 * from the running subgraphs' SDL. Only what assembles subgraphs may use it (the launcher, bench):
 * a subgraph's own tests use `startTestSubgraph` from `@vp/kit/testing`.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}) {
  const chosen = SUBGRAPHS.filter(
    ({ definition }) =>
      !options.subgraphs || options.subgraphs.includes(definition.name as SubgraphName),
  );
  const database = await createTestDatabase('platform');
  const dataDir = mkdtempSync(join(tmpdir(), 'vp-platform-test-'));
  chmodSync(dataDir, 0o755);
  const { jwks, privateJwk } = await testKeys();
  // held until each gateway starts: a subgraph started meanwhile on port 0 could be given one
  const reserved = await Promise.all(
    Array.from({ length: options.gateways ?? 1 }, () => reservePort()),
  );
  const gatewayPorts = reserved.map(({ port }) => port);
  const servers: Record<string, Pick<RunningServer, 'url' | 'stop'>[]> = {};
  const gateways: RunningGateway[] = [];
  const stop = async () => {
    await Promise.allSettled(reserved.map(({ release }) => release()));
    await Promise.allSettled(gateways.map(gateway => gateway.stop()));
    await Promise.allSettled(
      Object.values(servers)
        .flat()
        .map(server => server.stop()),
    );
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Each instance's in-process /graphql, by URL, for the gateways (see `local`).
  const localSubgraphs = new Map<string, LocalGraphql>();
  // The RTMP port of each instance (live's ingest), kept when it restarts like its HTTP port.
  const ingestPorts = new Map<Pick<RunningServer, 'url' | 'stop'>, number>();
  const startInstance = async (
    definition: (typeof SUBGRAPHS)[number]['definition'],
    port = 0,
    ingestPort?: number,
  ) => {
    const rtmpPort = ingestPort ?? (await freePort());
    const server = await runSubgraph(definition, {
      databaseUrl: database.url,
      redisUrl: options.redisUrl,
      jwks,
      signingKey: privateJwk,
      dataDir,
      port,
      host: '127.0.0.1',
      publicUrl: `http://localhost:${gatewayPorts[0]}`,
      ingest: { port: rtmpPort },
      ...options.config?.[definition.name as SubgraphName],
    });
    ingestPorts.set(server, rtmpPort);
    if (server.local && options.local !== false) {
      // a restarted instance takes its predecessor's place on the same URL
      localSubgraphs.set(server.url, server.local);
    }
    return server;
  };
  try {
    // One at a time: each runs its migrations (and pg-boss its own) on the shared database.
    for (const { definition } of chosen) {
      servers[definition.name] = [];
      const external = options.external?.[definition.name as SubgraphName];
      if (external) {
        servers[definition.name].push(
          await external({
            databaseUrl: database.url,
            redisUrl: options.redisUrl,
            jwks,
            signingKey: privateJwk,
            dataDir,
            publicUrl: `http://localhost:${gatewayPorts[0]}`,
          }),
        );
        continue;
      }
      const count = options.instances?.[definition.name as SubgraphName] ?? 1;
      for (let i = 0; i < count; i++) {
        servers[definition.name].push(await startInstance(definition));
      }
    }
    const composed = composeServices(
      await Promise.all(
        Object.entries(servers).map(async ([name, [first]]) => ({
          name,
          url: first.url,
          typeDefs: parse(
            (await graphql(first.url, '{ _service { sdl } }')).data._service.sdl as string,
          ),
        })),
      ),
    );
    if (!composed.supergraphSdl) {
      throw new Error(composed.errors?.map(error => error.message).join('; '));
    }
    for (const [i, port] of gatewayPorts.entries()) {
      await reserved[i].release();
      gateways.push(
        await startGateway({
          supergraphSdl: composed.supergraphSdl,
          jwks,
          port,
          host: '127.0.0.1',
          redisUrl: options.redisUrl,
          subgraphUrls: Object.fromEntries(
            Object.entries(servers).map(([name, instances]) => [
              name,
              instances[i % instances.length].url,
            ]),
          ),
          rateLimit: { limit: 0 },
          allowedOrigins: options.allowedOrigins,
          localSubgraphs,
          ...options.gatewayConfig?.(i),
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const url = gateways[0].url.replace('localhost', '127.0.0.1');
  let sequence = 0;
  return {
    /** The first gateway's /graphql. */
    url,
    origin: new URL(url).origin,
    gateways,
    /** The running instances of each subgraph. */
    subgraphs: servers,
    /**
     * Stops a subgraph's first instance and starts a new one on its ports, as a deploy or a crash
     * and restart would: the gateway ends the subscriptions it served (SERVICE_UNAVAILABLE).
     */
    async restart(name: SubgraphName) {
      const [old] = servers[name];
      const port = Number(new URL(old.url).port);
      await old.stop();
      servers[name][0] = await startInstance(
        chosen.find(c => c.definition.name === name)!.definition,
        port,
        ingestPorts.get(old),
      );
    },
    database,
    dataDir,
    query: <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
      graphql<T>(url, query, variables, { token }),
    /** A real account, signed up through the gateway. */
    async signUp(options: { name?: string; birthDate?: string } = {}) {
      sequence += 1;
      const handle =
        `${options.name ?? 'person'}_${sequence}${Math.random().toString(36).slice(2, 8)}`.slice(
          0,
          30,
        );
      const response = await graphql(
        url,
        `
          mutation ($input: SignUpInput!) {
            signUp(input: $input) {
              accessToken
              refreshToken
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
            displayName: options.name ?? 'Person',
            birthDate: options.birthDate ?? '1990-04-21',
          },
        },
      );
      if (!response.data) {
        throw new Error(JSON.stringify(response.errors));
      }
      const { accessToken, refreshToken, user } = response.data.signUp;
      return {
        id: user.id as string,
        handle: user.handle as string,
        email: `${handle}@example.com`,
        token: accessToken as string,
        refreshToken: refreshToken as string,
      };
    },
    /**
     * Grants a role the way `npm run admin -- grant-role` does (the users service, on the
     * platform's database), then refreshes the person's session so their token carries it.
     */
    async grantRole(person: { email: string; refreshToken: string }, role: Role) {
      const orm = await openDatabase({
        schema: users.dbSchema,
        databaseUrl: database.url,
        entities: users.entities,
        migrations: users.migrations,
        migrate: false,
      });
      try {
        await changeRoleOf(orm.em.fork() as EntityManager, person.email, role, 'grant', {
          operator: 'test-platform',
        });
      } finally {
        await orm.close();
      }
      const refreshed = await graphql(
        url,
        `
          mutation ($token: String!) {
            refreshSession(refreshToken: $token) {
              accessToken
              refreshToken
            }
          }
        `,
        { token: person.refreshToken },
      );
      if (!refreshed.data) {
        throw new Error(JSON.stringify(refreshed.errors));
      }
      person.refreshToken = refreshed.data.refreshSession.refreshToken;
      return refreshed.data.refreshSession.accessToken as string;
    },
    stop,
  };
}

export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;
export type Person = Awaited<ReturnType<TestPlatform['signUp']>>;

/** A tiny real video: 3 s of test pattern and tone, 320x180 (videos' test clip). */
export async function makeClip(dir: string): Promise<Buffer> {
  const file = join(dir, 'clip.mp4');
  await makeVideoClip(file, { seconds: 3 });
  return readFileSync(file);
}

/**
 * A creator's video end to end through the gateway: createUpload, the bytes PUT to the signed
 * target, completeUpload, transcoding until READY, then `updateVideo` with `details` (PUBLIC unless
 * said otherwise) and publishVideo. Returns the video's id; throws with the step that failed.
 */
export async function uploadAndPublish(
  platform: TestPlatform,
  owner: Person,
  clip: Buffer,
  details: { title: string } & Record<string, unknown>,
): Promise<string> {
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await platform.query(query, variables, owner.token);
    if (response.errors || !response.data) {
      throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  };
  const { title, ...changes } = details;
  const { video, upload } = (
    await ask(
      `mutation ($input: CreateUploadInput!) {
         createUpload(input: $input) { video { id } upload { url method headers { name value } } } }`,
      { input: { filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: clip.length, title } },
    )
  ).createUpload;
  const put = await fetch(upload.url.replace('localhost', '127.0.0.1'), {
    method: upload.method,
    headers: Object.fromEntries(
      upload.headers.map((h: { name: string; value: string }) => [h.name, h.value]),
    ),
    body: new Uint8Array(clip),
  });
  if (put.status >= 300) {
    throw new Error(`the upload PUT answered ${put.status}`);
  }
  await ask(`mutation ($id: ID!) { completeUpload(videoId: $id) { id } }`, { id: video.id });
  const status = await eventually(
    async () =>
      (await ask(`query ($id: ID!) { video(id: $id) { status } }`, { id: video.id })).video.status,
    {
      until: found => found === 'READY' || found === 'FAILED',
      timeoutMs: 120_000,
      what: `video ${video.id} to be processed`,
    },
  );
  if (status !== 'READY') {
    throw new Error(`video ${video.id} is ${status}`);
  }
  await ask(
    `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id } }`,
    {
      id: video.id,
      input: { visibility: 'PUBLIC', ...changes },
    },
  );
  await ask(`mutation ($id: ID!) { publishVideo(id: $id) { id } }`, { id: video.id });
  return video.id as string;
}
