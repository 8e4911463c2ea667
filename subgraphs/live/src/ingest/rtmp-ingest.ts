import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { type EntityManager } from '@mikro-orm/postgresql';
import { createLogger, type Logger, type MikroORM } from '@vp/kit';
import { type LiveSettings } from '../context';
import { liveStreamDir, recordingDir } from '../live-hls/live-paths';
import {
  endPlaylists,
  FfmpegRun,
  liveTranscodeArgs,
  prepareStreamDir,
  writeMasterPlaylist,
} from '../live-hls/live-transcoder';
import { handOffRecording, nextPartName, recordingOf } from '../recordings/recording.service';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import {
  beatHeart,
  endSession,
  startSession,
  verifyStreamKey,
} from '../streams/live-stream.service';
import { hashStreamKey, isWellFormedStreamKey } from '../streams/stream-key';
import {
  BroadcastServer,
  NmsContext as Context,
  nmsLogger,
  type NmsRtmpSession,
  RtmpSession,
} from './node-media-server';

type IngestSettings = NonNullable<LiveSettings['ingest']>;

/** Media a publisher sends between "publish" and the end of the (async) key check, held back. */
const MAX_PENDING_PACKETS = 2000;

const isLoopback = (address = '') =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/** A key never appears in logs: its hash's first characters tell attempts apart. */
const keyTag = (key: string) => hashStreamKey(key).slice(0, 8);

/**
 * One stream's session on this instance: at most one publisher at a time, the ffmpeg of the
 * current publish, and the reconnect window after a publisher drops. Its steps run one at a time.
 */
class LiveSession {
  publisher: NmsRtmpSession | null = null;
  /** The hash of the key the current publisher used: a rotation away from it disconnects them. */
  publisherKeyHash: string | null = null;
  ffmpeg: FfmpegRun | null = null;
  graceTimer: NodeJS.Timeout | null = null;
  ended = false;
  private steps: Promise<unknown> = Promise.resolve();

  constructor(
    readonly stream: LiveStream,
    readonly internalPath: string,
  ) {}

  /** Runs `step` after the previous ones (publish, drop and end never interleave). */
  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.steps.then(step, step);
    this.steps = next.catch(() => undefined);
    return next;
  }
}

export interface IngestEvents {
  /** Tests and the benchmark: a publish was refused (why: bad-key, busy, not-live-app). */
  refused?: (reason: string) => void;
}

/**
 * The embedded RTMP ingest: node-media-server 4.4's RTMP protocol sessions on a server of our
 * own (so it can listen on port 0, report errors instead of exiting, and stop cleanly), with
 * the publish authorised here rather than in its synchronous `prePublish` hook:
 *
 * - RTMP answers "publish" with Publish.Start before any hook runs, so the publisher's media is
 *   held back (not broadcast) until the key is checked; a wrong key destroys the connection and
 *   nothing ever reaches a broadcast or ffmpeg.
 * - One publisher per stream (whatever key path, e.g. before and after a rotation): a second one
 *   is refused while the first is connected.
 * - The accepted publish is re-homed from `/live/<key>` to `/live/<streamId>_<random>` and only
 *   loopback clients may play that path: ffmpeg reads it, and the key never appears on a command
 *   line (`ps`) or in a log.
 * - node-media-server's own 30 s resume window is turned off (it would splice the next publish
 *   into the same timeline); this class keeps the window itself and restarts ffmpeg on reconnect.
 */
export class RtmpIngest {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Map<string, LiveSession>();
  private readonly cleanups = new Set<NodeJS.Timeout>();
  private readonly work = new Set<Promise<unknown>>();
  private readonly log: Logger;
  private stopping = false;
  private heartbeat: NodeJS.Timeout | null = null;
  port = 0;

  constructor(
    private readonly settings: LiveSettings & { ingest: IngestSettings },
    private readonly orm: MikroORM,
    private readonly events: IngestEvents = {},
  ) {
    this.log = createLogger('live-ingest');
    // Its console logger would print every connection; ours logs what matters.
    nmsLogger.level = 'error';
  }

  private em = () => this.orm.em.fork() as EntityManager;

  private get ingest() {
    return this.settings.ingest;
  }

  async start(): Promise<void> {
    const server = createServer(socket => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.ingest.port, this.ingest.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', error => this.log.error({ err: error }, 'rtmp server error'));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.heartbeat = setInterval(
      () => void this.track(this.beat()),
      this.ingest.heartbeatSeconds * 1000,
    );
    this.heartbeat.unref();
    this.log.info({ host: this.ingest.host, port: this.port }, 'rtmp ingest listening');
  }

  /** The URL publishers use (the stream key is appended). */
  get url() {
    const host = ['0.0.0.0', '::'].includes(this.ingest.host) ? 'localhost' : this.ingest.host;
    return `rtmp://${host.includes(':') ? `[${host}]` : host}:${this.port}/live`;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise)).catch(() => undefined);
    return promise;
  }

  private accept(socket: Socket) {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const session = new RtmpSession(socket);
    session.run();
    Context.sessions.set(session.id, session);
    let state: 'connected' | 'checking' | 'publishing' | 'refused' = 'connected';
    const pending: unknown[] = [];
    session.rtmp.onPacketCallback = packet => {
      if (state === 'publishing') {
        session.onPacket(packet);
      } else if (state === 'checking' && pending.length < MAX_PENDING_PACKETS) {
        pending.push(packet);
      }
    };
    session.rtmp.onPlayCallback = () => {
      // Only this process's ffmpeg plays, over loopback, on a path it was given.
      const internal = [...this.sessions.values()].some(s => s.internalPath === session.streamPath);
      if (!isLoopback(socket.remoteAddress) || !internal) {
        socket.destroy();
        return;
      }
      session.onPlay();
    };
    session.rtmp.onPushCallback = () => {
      if (state !== 'connected') {
        socket.destroy();
        return;
      }
      state = 'checking';
      void this.track(
        this.admit(session, socket).then(
          live => {
            if (!live) {
              state = 'refused';
              pending.length = 0;
              socket.destroy();
              return;
            }
            state = 'publishing';
            for (const packet of pending.splice(0)) {
              session.onPacket(packet);
            }
            void this.track(live.run(() => this.publishStarted(live, session)));
          },
          error => {
            this.log.error({ err: error }, 'publish check failed');
            state = 'refused';
            socket.destroy();
          },
        ),
      );
    };
    socket.on('close', () => {
      this.sockets.delete(socket);
      const live = [...this.sessions.values()].find(s => s.publisher === session);
      if (live && state === 'publishing') {
        live.publisher = null;
        void this.track(live.run(() => this.publisherGone(live)));
      }
    });
  }

  private refuse(reason: string, key: string) {
    this.log.warn({ reason, key: keyTag(key) }, 'publish refused');
    this.events.refused?.(reason);
    return null;
  }

  /** The key check: the stream's session with this publisher claimed, or null (refused). */
  private async admit(session: NmsRtmpSession, socket: Socket): Promise<LiveSession | null> {
    const key = session.streamName;
    if (session.streamApp !== 'live' || !isWellFormedStreamKey(key)) {
      return this.refuse('bad-key', String(key));
    }
    const stream = await verifyStreamKey(this.em(), key);
    if (!stream) {
      return this.refuse('bad-key', key);
    }
    if (socket.destroyed || this.stopping) {
      return null;
    }
    let live = this.sessions.get(stream.id);
    if (live?.publisher || live?.ended) {
      return this.refuse('busy', key);
    }
    if (!live) {
      live = new LiveSession(stream, `/live/${stream.id}_${randomBytes(12).toString('hex')}`);
      this.sessions.set(stream.id, live);
    }
    // Claimed synchronously after the check: of two racing publishers, the first one wins.
    live.publisher = session;
    live.publisherKeyHash = hashStreamKey(key);
    this.rehome(session, live.internalPath);
    session.onPush();
    return live;
  }

  /**
   * Every `heartbeatSeconds`: tells the database this instance still holds its sessions (a LIVE
   * stream whose heartbeat lapses is ended by housekeeping, as when this process dies), and drops
   * each publisher whose key was rotated away, or whose stream was ended elsewhere, since it
   * connected (new publishes with an old key are refused at once by the key check).
   */
  private async beat() {
    const held = [...this.sessions.values()].filter(live => !live.ended);
    if (!held.length || this.stopping) {
      return;
    }
    try {
      const em = this.em();
      await beatHeart(
        em,
        held.map(live => live.stream.id),
      );
      const publishing = held.filter(live => live.publisher);
      if (!publishing.length) {
        return;
      }
      const rows = await em.find(
        LiveStream,
        { id: { $in: publishing.map(live => live.stream.id) } },
        { fields: ['id', 'streamKeyHash', 'status'] },
      );
      const byId = new Map(rows.map(row => [row.id, row]));
      for (const live of publishing) {
        const row = byId.get(live.stream.id);
        if (
          !row ||
          row.status === LiveStreamStatus.ENDED ||
          row.streamKeyHash !== live.publisherKeyHash
        ) {
          this.log.warn(
            { streamId: live.stream.id, ended: row?.status === LiveStreamStatus.ENDED },
            'publisher disconnected: its stream key was rotated or the stream ended',
          );
          live.publisher?.close();
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, 'ingest heartbeat failed');
    }
  }

  /** Moves an accepted publish from its key path to the stream's internal path. */
  private rehome(session: NmsRtmpSession, internalPath: string) {
    const keyed = session.broadcast;
    if (Context.broadcasts.get(keyed.streamPath) === keyed && keyed.subscribers.size === 0) {
      Context.broadcasts.delete(keyed.streamPath);
    }
    const broadcast = Context.broadcasts.get(internalPath) ?? new BroadcastServer(internalPath);
    broadcast.publishGraceMs = 0;
    Context.broadcasts.set(internalPath, broadcast);
    session.broadcast = broadcast;
    session.streamPath = internalPath;
  }

  private async publishStarted(live: LiveSession, session: NmsRtmpSession) {
    if (live.publisher !== session || this.stopping) {
      return; // gone again before we got here
    }
    if (live.graceTimer) {
      clearTimeout(live.graceTimer);
      live.graceTimer = null;
    }
    const em = this.em();
    const key = session.streamName;
    const stream = await startSession(em, key);
    if (!stream) {
      this.refuse('bad-key', key); // rotated or ended while checking
      session.close();
      return;
    }
    await recordingOf(em, stream.id);
    const streamDir = liveStreamDir(this.settings.hlsDir, stream.id);
    const recordDir = recordingDir(this.settings.hlsDir, stream.id);
    await prepareStreamDir(streamDir, this.ingest.ladder);
    await mkdir(recordDir, { recursive: true });
    const append = existsSync(`${streamDir}/source/index.m3u8`);
    // The publisher's onMetaData (its size and bitrate) comes right after "publish": wait for it
    // briefly, so the master playlist can name the source's size and skip rungs not below it.
    for (let waited = 0; !session.videoHeight && waited < 1500; waited += 100) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const ladder = this.ingest.ladder.filter(
      rung => !session.videoHeight || rung.height < session.videoHeight,
    );
    await writeMasterPlaylist(streamDir, ladder, {
      width: session.videoWidth || undefined,
      height: session.videoHeight || undefined,
      kbps: (session.videoDatarate || 0) + (session.audioDatarate || 0),
    });
    const args = liveTranscodeArgs({
      inputUrl: `rtmp://127.0.0.1:${this.port}${live.internalPath}`,
      streamDir,
      recordingFile: await nextPartName(recordDir),
      ladder,
      append,
    });
    live.ffmpeg = new FfmpegRun(this.ingest.ffmpegPath, args);
    const ffmpeg = live.ffmpeg;
    this.log.info({ streamId: stream.id, reconnect: append }, 'publish started');
    void ffmpeg.exited.then(({ code }) => {
      if (live.ffmpeg === ffmpeg && live.publisher === session && !this.stopping) {
        // ffmpeg died under a live publisher: drop the publisher, which may reconnect.
        this.log.error({ streamId: stream.id, code, stderr: ffmpeg.stderrTail }, 'ffmpeg exited');
        session.close();
      }
    });
  }

  /**
   * Disconnects a stream's publisher on this instance now (a takedown, a suspension). The stream is
   * already ENDED, so its key no longer verifies and no reconnect is admitted.
   */
  drop(streamId: string) {
    this.sessions.get(streamId)?.publisher?.close();
  }

  /** The publisher dropped: ffmpeg finishes what it has, and the reconnect window opens. */
  private async publisherGone(live: LiveSession) {
    await this.stopFfmpeg(live);
    if (live.publisher || live.ended || this.stopping) {
      return;
    }
    this.log.info({ streamId: live.stream.id }, 'publisher gone; waiting for a reconnect');
    live.graceTimer = setTimeout(() => {
      live.graceTimer = null;
      if (!live.publisher) {
        void this.track(live.run(() => this.end(live)));
      }
    }, this.ingest.reconnectGraceSeconds * 1000);
  }

  private async stopFfmpeg(live: LiveSession) {
    const ffmpeg = live.ffmpeg;
    if (!ffmpeg) {
      return;
    }
    // Closing its RTMP connection ends ffmpeg's input: it writes the last segment and exits.
    const broadcast = Context.broadcasts.get(live.internalPath);
    for (const subscriber of broadcast?.subscribers.values() ?? []) {
      subscriber.close();
    }
    await ffmpeg.finish(3000);
    live.ffmpeg = null;
  }

  /** The reconnect window passed: ENDED, #EXT-X-ENDLIST, the recording handed to the video pipeline. */
  private async end(live: LiveSession) {
    if (live.publisher || live.ended) {
      return;
    }
    live.ended = true;
    const streamId = live.stream.id;
    const em = this.em();
    const stream = (await endSession(em, streamId)) ?? live.stream;
    const streamDir = liveStreamDir(this.settings.hlsDir, streamId);
    await endPlaylists(streamDir, this.ingest.ladder);
    this.log.info({ streamId }, 'stream ended');
    // a stream a moderator took down leaves no recording to publish again
    if (!stream.takenDownAt) {
      await handOffRecording({
        em,
        stream,
        dir: recordingDir(this.settings.hlsDir, streamId),
        storage: this.settings.storage,
        ffmpeg: this.ingest.ffmpegPath,
        log: this.log,
      });
    }
    this.sessions.delete(streamId);
    Context.broadcasts.delete(live.internalPath);
    // Players still polling see the end; then the folder goes.
    const cleanup = setTimeout(() => {
      this.cleanups.delete(cleanup);
      void rm(streamDir, { recursive: true, force: true });
    }, this.ingest.keepEndedSeconds * 1000);
    cleanup.unref();
    this.cleanups.add(cleanup);
  }

  /**
   * Stops listening, drops every connection and stops every ffmpeg (awaited). Streams on air stay
   * LIVE: a publisher reconnecting to the restarted instance within the window continues them.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
    }
    const closed = new Promise<void>(resolve =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    for (const socket of this.sockets) {
      socket.destroy();
    }
    for (const live of this.sessions.values()) {
      if (live.graceTimer) {
        clearTimeout(live.graceTimer);
      }
      await live.ffmpeg?.stop();
    }
    for (const timer of this.cleanups) {
      clearTimeout(timer);
    }
    await Promise.allSettled([...this.work]);
    for (const live of this.sessions.values()) {
      await live.ffmpeg?.stop();
      Context.broadcasts.delete(live.internalPath);
    }
    await closed;
  }
}
