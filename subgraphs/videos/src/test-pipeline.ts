import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { EntitlementChanged, type EventContract, type EventInput, eventTopic } from '@vp/contracts';
import {
  createLogger,
  emitEvent,
  type EventOf,
  MESSAGING_ENTITIES,
  Messaging,
  openDatabase,
  ormConfig,
  runSubgraph,
  type RunningServer,
} from '@vp/kit';
import { createTestDatabase, freePort, graphql, testKeys } from '@vp/kit/testing';
import { createPlaybackSigner, createStorage } from '@vp/media';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createVideosSettings, type VideosConfig } from './config';
import { videos } from './definition';

const run = promisify(execFile);

/** A tiny test clip from ffmpeg's lavfi sources: H.264 + AAC in MP4, 2 s by default. */
export async function makeClip(
  path: string,
  options: { width?: number; height?: number; seconds?: number; format?: string } = {},
) {
  const { width = 320, height = 180, seconds = 2, format = 'mp4' } = options;
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=25:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ],
    ...['-f', format, path],
  ]);
}

/** Signs upload and playback URLs in tests (a separate worker process gets it as MEDIA_SIGNING_SECRET). */
export const TEST_MEDIA_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * The real videos subgraph on its own database, with local storage and HMAC playback in a temp
 * folder and its public URL pointing at itself (no gateway in front). `restart()` stops it and
 * starts it again on the same database, port and files, as a crashed-and-restarted process would.
 */
export async function startPipeline(overrides: Partial<VideosConfig> & { redisUrl?: string } = {}) {
  const database = await createTestDatabase('videos_pipeline');
  const dir = await mkdtemp(join(tmpdir(), 'vp-videos-test-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const secret = TEST_MEDIA_SECRET;
  const storage = createStorage({
    kind: 'local',
    dir: join(dir, 'media'),
    publicUrl: origin,
    secret,
  });
  const signer = createPlaybackSigner({ kind: 'hmac', publicUrl: origin, secret });
  const config: VideosConfig & { redisUrl?: string } = {
    dataDir: dir,
    publicUrl: origin,
    storage,
    signer,
    workDir: join(dir, 'transcode'),
    transcodeRetryDelaySeconds: 1,
    ...overrides,
  };
  const settings = createVideosSettings(config);
  const jwks = (await testKeys()).jwks;
  const start = () =>
    runSubgraph(videos, { databaseUrl: database.url, jwks, port, host: '127.0.0.1', ...config });
  let server: RunningServer | null = await start();
  const fixtures = await openDatabase({
    schema: videos.dbSchema,
    databaseUrl: database.url,
    entities: videos.entities,
    migrations: videos.migrations,
    migrate: false,
  });

  // Plays the other subgraphs (payments emitting, search consuming): its own outbox in schema
  // peer_test, relayed to pg-boss, and its own consumer queues.
  let payments: { orm: MikroORM; messaging: Messaging } | null = null;
  async function paymentsOutbox() {
    if (!payments) {
      const orm = await MikroORM.init(
        ormConfig({
          schema: 'peer_test',
          databaseUrl: database.url,
          entities: MESSAGING_ENTITIES,
          migrations: [],
        }),
      );
      await orm.getSchemaGenerator().createSchema();
      const messaging = await Messaging.start({
        consumer: 'peer-test',
        databaseUrl: database.url,
        orm,
        log: createLogger('peer-test', 'silent'),
        relayIntervalMs: 50,
      });
      payments = { orm, messaging };
    }
    return payments;
  }

  const pipeline = {
    url: `${origin}/graphql`,
    origin,
    port,
    dir,
    config,
    settings,
    storage,
    databaseUrl: database.url,
    em: () => fixtures.em.fork(),
    query: (query: string, variables: Record<string, unknown> = {}, token?: string) =>
      graphql(`${origin}/graphql`, query, variables, { token }),
    /** Sends an event the way another subgraph would: written to an outbox, relayed by pg-boss. */
    async emitPeerEvent<C extends EventContract>(contract: C, payload: EventInput<C>) {
      const { orm } = await paymentsOutbox();
      await orm.em.fork().transactional(async em => emitEvent(em, contract, payload));
    },
    /**
     * The pg-boss states of this subgraph's deliveries of `type` whose payload contains `match`:
     * what a test waits on to know an event was handled (or refused), instead of sleeping.
     */
    async deliveries(contract: EventContract, match: Record<string, unknown>): Promise<string[]> {
      const rows: { state: string }[] = await fixtures.em
        .getConnection()
        .execute(`select state from pgboss.job where name = ? and data->'payload' @> ?::jsonb`, [
          `${videos.name}.${eventTopic(contract)}`,
          JSON.stringify(match),
        ]);
      return rows.map(row => row.state);
    },
    /**
     * True once this subgraph's outbox is relayed and the stand-in consumers have nothing left to
     * handle: after that, an event that has not arrived was never sent.
     */
    async eventsSettled(): Promise<boolean> {
      const connection = fixtures.em.getConnection();
      const [outbox] = await connection.execute(
        `select count(*)::int as n from "${videos.dbSchema}".outbox`,
      );
      const [pending] = await connection.execute(
        `select count(*)::int as n from pgboss.job where name like 'peer-test.%' and state in ('created', 'active', 'retry')`,
      );
      return outbox.n === 0 && pending.n === 0;
    },
    /** Sends EntitlementChanged the way payments does. */
    async emitEntitlementChanged(payload: EventInput<typeof EntitlementChanged>) {
      await pipeline.emitPeerEvent(EntitlementChanged, payload);
    },
    /** Consumes the events this subgraph emits, as search does. */
    async onEvent<C extends EventContract>(contract: C, handler: (event: EventOf<C>) => void) {
      const { messaging } = await paymentsOutbox();
      await messaging.onEvent(contract, async event => handler(event));
    },
    async stopServer() {
      await server?.stop();
      server = null;
    },
    async restart() {
      await pipeline.stopServer();
      server = await start();
    },
    async stop() {
      await server?.stop();
      if (payments) {
        await payments.messaging.stop();
        await payments.orm.close();
      }
      await fixtures.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return pipeline;
}

export type Pipeline = Awaited<ReturnType<typeof startPipeline>>;

/** A graphql-ws subscriber that collects what it receives. */
export function subscribe(
  pipeline: Pipeline,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const client: Client = createClient({
    url: `ws://127.0.0.1:${pipeline.port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const events: any[] = [];
  let error: unknown;
  let completed = false;
  client.subscribe(
    { query, variables },
    {
      next: value => events.push(value),
      error: err => {
        error = err;
        completed = true;
      },
      complete: () => {
        completed = true;
      },
    },
  );
  return {
    events,
    get error() {
      return error;
    },
    get completed() {
      return completed;
    },
    close: () => client.dispose(),
  };
}

export const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) {
  createUpload(input: $input) {
    video { id status }
    upload { url method headers { name value } expiresAt }
  } }`;
export const COMPLETE_UPLOAD = `mutation ($id: ID!) { completeUpload(videoId: $id) { id status durationSeconds failureReason } }`;

/** createUpload, then PUT the bytes as a browser would; returns the video id and the PUT status. */
export async function uploadFile(
  pipeline: Pipeline,
  token: string,
  body: Buffer,
  options: { contentType?: string; title?: string; filename?: string; declaredSize?: number } = {},
) {
  const contentType = options.contentType ?? 'video/mp4';
  const created = await pipeline.query(
    CREATE_UPLOAD,
    {
      input: {
        filename: options.filename ?? 'clip.mp4',
        contentType,
        sizeBytes: options.declaredSize ?? body.length,
        title: options.title ?? 'A test clip',
      },
    },
    token,
  );
  if (created.errors) {
    throw new Error(`createUpload failed: ${JSON.stringify(created.errors)}`);
  }
  const { video, upload } = created.data.createUpload;
  const headers = Object.fromEntries(
    upload.headers.map((h: { name: string; value: string }) => [h.name, h.value]),
  );
  const put = await fetch(upload.url, {
    method: upload.method,
    headers,
    body: new Uint8Array(body),
  });
  return { videoId: video.id as string, putStatus: put.status, upload };
}
