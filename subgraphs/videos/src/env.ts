import { join } from 'node:path';
import { readEnv, z } from '@vp/kit';
import { mediaConfigFromEnv } from '@vp/media';
import { GIB, type VideosConfig } from './config';

const seconds = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * The videos subgraph's own settings (main.ts and worker.ts): media adapters (MEDIA_STORAGE,
 * S3_*, CLOUDFRONT_*, MEDIA_SIGNING_SECRET: see @vp/media), limits, and whether this process runs
 * the transcode worker (VIDEOS_WORKER=off when workers run as their own service).
 */
export function videosConfigFromEnv(source: NodeJS.ProcessEnv): VideosConfig {
  const env = readEnv(
    {
      PLATFORM_DATA_DIR: z.string().default(join(__dirname, '../../../.data')),
      PUBLIC_URL: z.string().url().default('http://localhost:4000'),
      VIDEOS_MAX_UPLOAD_BYTES: z.coerce
        .number()
        .int()
        .min(1)
        .max(Number.MAX_SAFE_INTEGER)
        .default(10 * GIB),
      VIDEOS_UPLOAD_TTL_SECONDS: seconds(3600, 7 * 24 * 3600),
      VIDEOS_PLAYBACK_TTL_SECONDS: seconds(24 * 3600, 7 * 24 * 3600),
      VIDEOS_WORKER: z.enum(['on', 'off']).default('on'),
      VIDEOS_WORK_DIR: z.string().optional(),
      // pg-boss refuses expirations of 24 h or more.
      VIDEOS_TRANSCODE_TIMEOUT_SECONDS: seconds(2 * 3600, 23 * 3600),
      VIDEOS_TRANSCODE_RETRY_LIMIT: z.coerce.number().int().min(0).max(10).default(3),
      VIDEOS_COMMENTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    },
    source,
  );
  const dataDir = env.PLATFORM_DATA_DIR;
  return {
    dataDir,
    publicUrl: env.PUBLIC_URL,
    media: mediaConfigFromEnv(source, { dataDir, publicUrl: env.PUBLIC_URL }),
    maxUploadBytes: env.VIDEOS_MAX_UPLOAD_BYTES,
    uploadTtlSeconds: env.VIDEOS_UPLOAD_TTL_SECONDS,
    playbackTtlSeconds: env.VIDEOS_PLAYBACK_TTL_SECONDS,
    worker: env.VIDEOS_WORKER === 'on',
    workDir: env.VIDEOS_WORK_DIR,
    transcodeTimeoutSeconds: env.VIDEOS_TRANSCODE_TIMEOUT_SECONDS,
    transcodeRetryLimit: env.VIDEOS_TRANSCODE_RETRY_LIMIT,
    commentsPerMinute: env.VIDEOS_COMMENTS_PER_MINUTE,
  };
}
