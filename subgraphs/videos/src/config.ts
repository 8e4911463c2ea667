import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MikroORM } from '@mikro-orm/postgresql';
import { type BaseContext } from '@vp/kit';
import type express from 'express';
import {
  mediaAdapters,
  HmacPlaybackSigner,
  LocalStorage,
  localMediaRoutes,
  localUploadRoutes,
  type MediaConfig,
  type ObjectStorage,
  type PlaybackSigner,
} from '@vp/media';
import { playbackAdmission } from './playback/playback-access';
import {
  createMediaConvertClient,
  type MediaConvertTranscoderConfig,
} from './transcoding/mediaconvert';
import { type MediaConvertClient } from '@aws-sdk/client-mediaconvert';

/** What the videos subgraph needs beyond every subgraph's config (the launcher and main.ts pass it). */
export interface VideosConfig {
  /** The platform's data folder: local media in `<dataDir>/media`, transcoding scratch in `<dataDir>/transcode`. */
  dataDir?: string;
  /** The gateway's origin (SubgraphConfig.publicUrl): the base of upload and playback URLs. */
  publicUrl?: string;
  /** Storage and signing (S3/CloudFront: `mediaConfigFromEnv`); the default is local and HMAC under dataDir. */
  media?: MediaConfig;
  /** Ready-made adapters (tests); override `media`. */
  storage?: ObjectStorage;
  signer?: PlaybackSigner;
  /** The largest upload accepted, in bytes (default 10 GiB). */
  maxUploadBytes?: number;
  /** Above this size uploads go in parts, which can be resumed (default 100 MiB; S3 needs parts over 5 GiB). */
  multipartThresholdBytes?: number;
  /** How long an upload URL stays valid (default 1 h). */
  uploadTtlSeconds?: number;
  /** How long playback URLs stay valid (default 24 h). */
  playbackTtlSeconds?: number;
  /**
   * How long the embedded media route trusts its last look at a video and a viewer's plan (default
   * 30 s, at most 60): a URL issued before the video went PRIVATE, was deleted or the plan ended
   * stops working within this.
   */
  playbackAccessCheckSeconds?: number;
  /** Run the transcode worker in this process (default on; VIDEOS_WORKER=off turns it off). */
  worker?: boolean;
  /** Scratch folder for probing and transcoding (default `<dataDir>/transcode`). */
  workDir?: string;
  /** A try running longer than this is presumed dead and handed out again (default 2 h). */
  transcodeTimeoutSeconds?: number;
  /**
   * The running try's lease, renewed by its worker every third of it: a try whose worker died is
   * handed out again once it lapses, instead of after the whole timeout (default 60 s).
   */
  transcodeLeaseSeconds?: number;
  /** Retries after the first try (default 3). */
  transcodeRetryLimit?: number;
  /** Seconds before the first retry, doubled each time (default 30). */
  transcodeRetryDelaySeconds?: number;
  /** Comments and replies one user may post per minute (default 10). */
  commentsPerMinute?: number;
  /** Who transcodes: the embedded ffmpeg worker (default) or AWS Elemental MediaConvert. */
  transcoder?: { kind: 'ffmpeg' } | MediaConvertTranscoderConfig;
}

export const GIB = 1024 ** 3;

export interface VideosSettings {
  storage: ObjectStorage;
  signer: PlaybackSigner;
  maxUploadBytes: number;
  multipartThresholdBytes: number;
  uploadTtlSeconds: number;
  playbackTtlSeconds: number;
  playbackAccessCheckSeconds: number;
  worker: boolean;
  workDir: string;
  transcodeTimeoutSeconds: number;
  transcodeLeaseSeconds: number;
  transcodeRetryLimit: number;
  transcodeRetryDelaySeconds: number;
  commentsPerMinute: number;
  /** Set when jobs go to MediaConvert (VIDEOS_TRANSCODER=mediaconvert). */
  mediaConvert: (MediaConvertTranscoderConfig & { client: MediaConvertClient }) | null;
}

export interface VideosContext extends BaseContext {
  videos: VideosSettings;
}

const DEFAULT_DATA_DIR = join(tmpdir(), 'video-platform');

/**
 * The subgraph's adapters and limits, built once at start-up (SubgraphDefinition.adapters): the
 * routes, the request context and the transcode worker share them.
 */
export function createVideosSettings(config: VideosConfig): VideosSettings {
  const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
  const { storage, signer } = mediaAdapters({ ...config, dataDir });
  return {
    storage,
    signer,
    maxUploadBytes: config.maxUploadBytes ?? 10 * GIB,
    multipartThresholdBytes: config.multipartThresholdBytes ?? 100 * 1024 ** 2,
    uploadTtlSeconds: config.uploadTtlSeconds ?? 3600,
    playbackTtlSeconds: config.playbackTtlSeconds ?? 24 * 3600,
    playbackAccessCheckSeconds: Math.min(config.playbackAccessCheckSeconds ?? 30, 60),
    worker: config.worker ?? true,
    workDir: config.workDir ?? join(dataDir, 'transcode'),
    transcodeTimeoutSeconds: config.transcodeTimeoutSeconds ?? 2 * 3600,
    transcodeLeaseSeconds: config.transcodeLeaseSeconds ?? 60,
    transcodeRetryLimit: config.transcodeRetryLimit ?? 3,
    transcodeRetryDelaySeconds: config.transcodeRetryDelaySeconds ?? 30,
    commentsPerMinute: config.commentsPerMinute ?? 10,
    mediaConvert:
      config.transcoder?.kind === 'mediaconvert'
        ? { ...config.transcoder, client: createMediaConvertClient(config.transcoder) }
        : null,
  };
}

export function createVideosContext(
  base: BaseContext,
  _config: VideosConfig,
  settings: VideosSettings,
): VideosContext {
  return { ...base, videos: settings };
}

/**
 * The embedded stand-ins for S3 and CloudFront: `PUT /uploads/…` and `GET /media/…`, mounted only
 * when the adapters are the local ones (the gateway forwards both paths here). Every media request
 * asks again whether its URL's holder may still play the video (playback-access.ts).
 */
export function mountMediaRoutes(
  app: express.Express,
  { storage, signer, maxUploadBytes, playbackAccessCheckSeconds }: VideosSettings,
  orm: MikroORM,
) {
  if (storage instanceof LocalStorage) {
    app.use(localUploadRoutes(storage, { maxBytes: maxUploadBytes }));
    if (signer instanceof HmacPlaybackSigner) {
      const admit = playbackAdmission(orm, { ttlSeconds: playbackAccessCheckSeconds });
      app.use(localMediaRoutes(storage, signer, { admit }));
    }
  }
}
