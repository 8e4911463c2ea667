import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EntityManager } from '@mikro-orm/postgresql';
import { LiveRecordingReady } from '@vp/contracts';
import { createLogger, type EventOf, Messaging, openDatabase, runSubgraph } from '@vp/kit';
import { createTestDatabase, graphql, testKeys, tokenFor } from '@vp/kit/testing';
import { HmacPlaybackSigner, LocalStorage } from '@vp/media';
import { type IngestOptions, live } from '../definition';

process.env.LOG_LEVEL ??= 'error';

/** What playback URLs start with; tests swap it for the subgraph's own origin. */
export const PUBLIC_URL = 'http://public.test';
const SECRET = 'live-ingest-test-secret-0123456789abcdef';

/**
 * The live subgraph with its RTMP ingest on a free port, a fresh database, a temporary folder for
 * live HLS and media, and a consumer of LiveRecordingReady standing in for the videos subgraph.
 */
export async function startIngest(ingest: IngestOptions = {}) {
  const database = await createTestDatabase('live_ingest');
  const dataDir = await mkdtemp(join(tmpdir(), 'live-ingest-'));
  const storage = new LocalStorage({
    dir: join(dataDir, 'media'),
    publicUrl: PUBLIC_URL,
    secret: SECRET,
  });
  const signer = new HmacPlaybackSigner({ publicUrl: PUBLIC_URL, secret: SECRET });
  const hlsDir = join(dataDir, 'live');
  const server = await runSubgraph(live, {
    databaseUrl: database.url,
    jwks: (await testKeys()).jwks,
    port: 0,
    host: '127.0.0.1',
    publicUrl: PUBLIC_URL,
    storage,
    signer,
    ingest: { port: 0, hlsDir, reconnectGraceSeconds: 4, keepEndedSeconds: 600, ...ingest },
  });
  const orm = await openDatabase({
    schema: live.dbSchema,
    databaseUrl: database.url,
    entities: live.entities,
    migrations: live.migrations,
    migrate: false,
  });
  const recordingsReady: EventOf<typeof LiveRecordingReady>[] = [];
  const messaging = await Messaging.start({
    consumer: 'videos-stand-in',
    databaseUrl: database.url,
    orm,
    log: createLogger('test'),
  });
  await messaging.onEvent(LiveRecordingReady, async event => {
    recordingsReady.push(event);
  });
  const origin = new URL(server.url).origin;
  return {
    url: server.url,
    databaseUrl: database.url,
    origin,
    hlsDir,
    storage,
    signer,
    recordingsReady,
    em: () => orm.em.fork() as EntityManager,
    /** A playback URL as a browser gets it, pointed at this subgraph (the gateway's stand-in). */
    local: (url: string) => url.replace(PUBLIC_URL, origin),
    async stop() {
      await server.stop();
      await messaging.stop();
      await orm.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Ingest = Awaited<ReturnType<typeof startIngest>>;

const CREATE = `mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) {
  id ingest { rtmpUrl streamKey } } }`;

/** A stream created through GraphQL, with its one-time key and the RTMP URL the API gives. */
export async function createStream(ingest: Ingest, input: Record<string, unknown> = {}) {
  const ownerId = randomUUID();
  const token = await tokenFor(ownerId);
  const response = await graphql(
    ingest.url,
    CREATE,
    { input: { title: 'Test stream', ...input } },
    { token },
  );
  if (response.errors) {
    throw new Error(JSON.stringify(response.errors));
  }
  const { id, ingest: publish } = response.data.createLiveStream;
  return {
    id: id as string,
    ownerId,
    token,
    rtmpUrl: publish.rtmpUrl as string,
    key: publish.streamKey as string,
  };
}

/** ffmpeg publishing a generated 320x180 test pattern and tone over RTMP, in real time. */
export class Publisher {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly startedAt = Date.now();
  stderr = '';

  constructor(url: string, seconds = 60, extraVideoFilter = '') {
    this.process = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-re',
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=320x180:rate=15${extraVideoFilter}`,
        '-re',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:sample_rate=44100',
        '-t',
        String(seconds),
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-tune',
        'zerolatency',
        '-g',
        '30',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-b:a',
        '64k',
        '-f',
        'flv',
        url,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise(resolve => this.process.once('exit', code => resolve(code)));
  }

  /** Drops the connection as a crash or network cut would (no clean RTMP close). */
  async kill() {
    this.process.kill('SIGKILL');
    await this.exited;
  }
}

export const readIfExists = async (path: string) =>
  existsSync(path) ? readFile(path, 'utf8').catch(() => null) : null;

/** The segments a media playlist lists, with their durations and media sequence. */
export function parseMediaPlaylist(text: string) {
  const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  const segments: { uri: string; duration: number }[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const match = /^#EXTINF:([\d.]+)/.exec(line);
    if (match) {
      segments.push({ duration: Number(match[1]), uri: lines[index + 1].trim() });
    }
  });
  return {
    sequence,
    segments,
    ended: text.includes('#EXT-X-ENDLIST'),
    discontinuities: text.split('#EXT-X-DISCONTINUITY\n').length - 1,
  };
}
