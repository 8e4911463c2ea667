import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaseContext, type MikroORM } from '@vp/kit';
import {
  mediaAdapters,
  type MediaConfig,
  type ObjectStorage,
  type PlaybackSigner,
} from '@vp/media';
import { MediaLiveChannels } from './ingest/medialive';
import { RtmpIngest } from './ingest/rtmp-ingest';
import { DEFAULT_LADDER, type LiveRung } from './live-hls/ladder';

/** What the live subgraph needs beyond every subgraph's config (main.ts reads it from the environment). */
export interface LiveConfig {
  /** Where OBS or ffmpeg publishes (the stream key is appended): LIVE_RTMP_URL; default: the ingest's own address. */
  rtmpUrl?: string;
  /** The platform's data folder (the launcher passes it): live HLS in `<dataDir>/live`, media under `<dataDir>/media`. */
  dataDir?: string;
  /** The gateway's origin (SubgraphConfig.publicUrl): the base of playback URLs. */
  publicUrl?: string;
  /** Storage and signing (`mediaConfigFromEnv`); the default is local and HMAC under dataDir. */
  media?: MediaConfig;
  /** Ready-made adapters (tests); override `media`. */
  storage?: ObjectStorage;
  signer?: PlaybackSigner;
  /** How long live playback URLs stay valid (default 6 h). */
  playbackTtlSeconds?: number;
  /**
   * The RTMP ingest in this process. On by default when `dataDir` is given (the embedded platform),
   * off otherwise (chat-only instances and tests); `false` turns it off.
   */
  ingest?: IngestOptions | false;
  /**
   * A LIVE stream whose ingest heartbeat is older than this (default 60 s) lost its instance and
   * is ended by housekeeping (LIVE_HEARTBEAT_LAPSE_SECONDS).
   */
  heartbeatLapseSeconds?: number;
  /** LIVE_INGEST=medialive: AWS Elemental MediaLive instead of the embedded ingest (which is then off). */
  mediaLive?: MediaLiveConfig;
}

export interface MediaLiveConfig {
  region: string;
  /** A local stand-in in tests; unset: the SDK's regional endpoint. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The IAM role MediaLive assumes to write live HLS and the archive to the bucket. */
  roleArn: string;
  /** The input security group: the CIDRs allowed to push RTMP. */
  inputSecurityGroupId: string;
  /** The media bucket (S3Storage's). */
  bucket: string;
  /** A channel not RUNNING this long after it was started is given up (default 300 s). */
  startTimeoutSeconds?: number;
  /**
   * A LIVE stream whose channel wrote no new segment for this long lost its publisher and ends, as
   * the embedded ingest's reconnect window (LIVE_RECONNECT_GRACE_SECONDS, default 30 s).
   */
  publisherGoneSeconds?: number;
  /** How often channel states and the first playlist are looked at (default 5 s). */
  pollSeconds?: number;
  /** The rungs under the top one (LIVE_LADDER). */
  ladder?: LiveRung[];
  /** Joins the archive's files into the recording (default `ffmpeg` on PATH). */
  ffmpegPath?: string;
}

export interface IngestOptions {
  /** LIVE_RTMP_HOST: 127.0.0.1 by default (only this machine can publish). */
  host?: string;
  /** LIVE_RTMP_PORT: 1935 by default; 0 picks a free port (tests). */
  port?: number;
  /** LIVE_HLS_DIR: where ffmpeg writes live HLS and the session recording (default `<dataDir>/live`). */
  hlsDir?: string;
  /** LIVE_LADDER: the rungs under the source passthrough (default one 360p rung). */
  ladder?: LiveRung[];
  /** LIVE_RECONNECT_GRACE_SECONDS: how long a dropped publisher may come back (default 30). */
  reconnectGraceSeconds?: number;
  /** How long an ended stream's last playlist and segments stay served (default 120 s). */
  keepEndedSeconds?: number;
  /**
   * How often the ingest marks its sessions alive and checks its publishers' keys (default 5 s):
   * a rotated key's publisher is disconnected within this.
   */
  heartbeatSeconds?: number;
  /** The ffmpeg binary (default `ffmpeg` on PATH). */
  ffmpegPath?: string;
}

export const DEFAULT_RTMP_URL = 'rtmp://localhost:1935/live';
export const DEFAULT_RTMP_PORT = 1935;
const DEFAULT_DATA_DIR = join(tmpdir(), 'video-platform');

/** The resolved settings of one running subgraph, shared by the routes, the context and the ingest. */
export interface LiveSettings {
  storage: ObjectStorage;
  signer: PlaybackSigner;
  playbackTtlSeconds: number;
  /** The gateway's origin: embedded playback URLs start with `<publicUrl>/live/`. */
  publicUrl: string;
  /** The folder live HLS is written to and served from (`<hlsDir>/live/<streamId>/…` = key `live/<streamId>/…`). */
  hlsDir: string;
  heartbeatLapseSeconds: number;
  ingest: Required<Omit<IngestOptions, 'hlsDir'>> | null;
  mediaLive: MediaLiveSettings | null;
}

export interface MediaLiveSettings {
  channels: MediaLiveChannels;
  bucket: string;
  startTimeoutSeconds: number;
  publisherGoneSeconds: number;
  pollSeconds: number;
  ffmpegPath: string;
}

/** What the live subgraph builds once at start-up (SubgraphDefinition.adapters). */
export interface LiveAdapters {
  settings: LiveSettings;
  /** The embedded RTMP ingest (started by the subgraph's services), when on. */
  ingest: RtmpIngest | null;
  /** Where publishers send: LIVE_RTMP_URL, else the running ingest's own address (its real port when 0 was asked). */
  rtmpUrl(): string;
}

export function liveSettingsOf(config: LiveConfig): LiveSettings {
  const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
  const { storage, signer } = mediaAdapters({ ...config, dataDir });
  const ingestOn =
    !config.mediaLive &&
    config.ingest !== false &&
    (config.ingest !== undefined || !!config.dataDir);
  const mediaLive = config.mediaLive;
  const ingest = ingestOn ? ((config.ingest as IngestOptions | undefined) ?? {}) : null;
  return {
    storage,
    signer,
    playbackTtlSeconds: config.playbackTtlSeconds ?? 6 * 3600,
    publicUrl: (config.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, ''),
    hlsDir: ingest?.hlsDir ?? join(dataDir, 'live'),
    heartbeatLapseSeconds: config.heartbeatLapseSeconds ?? 60,
    ingest: ingest && {
      host: ingest.host ?? '127.0.0.1',
      port: ingest.port ?? DEFAULT_RTMP_PORT,
      ladder: ingest.ladder ?? DEFAULT_LADDER,
      reconnectGraceSeconds: ingest.reconnectGraceSeconds ?? 30,
      keepEndedSeconds: ingest.keepEndedSeconds ?? 120,
      heartbeatSeconds: ingest.heartbeatSeconds ?? 5,
      ffmpegPath: ingest.ffmpegPath ?? 'ffmpeg',
    },
    mediaLive: mediaLive
      ? {
          channels: new MediaLiveChannels({
            client: MediaLiveChannels.client(
              mediaLive.region,
              mediaLive.endpoint,
              mediaLive.credentials,
            ),
            roleArn: mediaLive.roleArn,
            inputSecurityGroupId: mediaLive.inputSecurityGroupId,
            bucket: mediaLive.bucket,
            ladder: mediaLive.ladder ?? DEFAULT_LADDER,
          }),
          bucket: mediaLive.bucket,
          startTimeoutSeconds: mediaLive.startTimeoutSeconds ?? 300,
          publisherGoneSeconds: mediaLive.publisherGoneSeconds ?? 30,
          pollSeconds: mediaLive.pollSeconds ?? 5,
          ffmpegPath: mediaLive.ffmpegPath ?? 'ffmpeg',
        }
      : null,
  };
}

export function createLiveAdapters(config: LiveConfig, { orm }: { orm: MikroORM }): LiveAdapters {
  const settings = liveSettingsOf(config);
  const ingest = settings.ingest
    ? new RtmpIngest({ ...settings, ingest: settings.ingest }, orm)
    : null;
  return {
    settings,
    ingest,
    rtmpUrl: () => config.rtmpUrl ?? ingest?.url ?? DEFAULT_RTMP_URL,
  };
}

export interface LiveContext extends BaseContext {
  rtmpUrl: string;
  live: LiveSettings;
  /** The RTMP ingest of this process, when on (others notice an ended stream within a beat). */
  ingest: RtmpIngest | null;
}

export const createLiveContext = (
  base: BaseContext,
  _config: LiveConfig,
  adapters: LiveAdapters,
): LiveContext => ({
  ...base,
  rtmpUrl: adapters.rtmpUrl(),
  live: adapters.settings,
  ingest: adapters.ingest,
});
