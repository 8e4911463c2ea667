import { join } from 'node:path';
import { readEnv, z } from '@vp/kit';
import { mediaConfigFromEnv } from '@vp/media';
import { type LiveConfig } from './context';
import { parseLadder } from './live-hls/ladder';

/**
 * The live subgraph's own settings (main.ts): the RTMP ingest (LIVE_INGEST, LIVE_RTMP_HOST,
 * LIVE_RTMP_PORT, LIVE_RTMP_URL, LIVE_LADDER, LIVE_RECONNECT_GRACE_SECONDS, LIVE_HLS_DIR) and the
 * media adapters shared with videos (MEDIA_STORAGE, S3_*, CLOUDFRONT_*, MEDIA_SIGNING_SECRET).
 */
export function liveConfigFromEnv(source: NodeJS.ProcessEnv): LiveConfig {
  const env = readEnv(
    {
      PLATFORM_DATA_DIR: z.string().default(join(__dirname, '../../../.data')),
      PUBLIC_URL: z.string().url().default('http://localhost:4000'),
      LIVE_INGEST: z.enum(['on', 'off']).default('on'),
      LIVE_RTMP_HOST: z.string().min(1).default('127.0.0.1'),
      LIVE_RTMP_PORT: z.coerce.number().int().min(0).max(65535).default(1935),
      LIVE_RTMP_URL: z
        .string()
        .regex(/^rtmps?:\/\/\S+$/)
        .optional(),
      LIVE_LADDER: z.string().default('360:800'),
      LIVE_RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
      LIVE_HLS_DIR: z.string().optional(),
      LIVE_PLAYBACK_TTL_SECONDS: z.coerce
        .number()
        .int()
        .min(60)
        .max(7 * 24 * 3600)
        .default(6 * 3600),
    },
    source,
  );
  const dataDir = env.PLATFORM_DATA_DIR;
  return {
    rtmpUrl: env.LIVE_RTMP_URL,
    dataDir,
    publicUrl: env.PUBLIC_URL,
    media: mediaConfigFromEnv(source, { dataDir, publicUrl: env.PUBLIC_URL }),
    playbackTtlSeconds: env.LIVE_PLAYBACK_TTL_SECONDS,
    ingest:
      env.LIVE_INGEST === 'off'
        ? false
        : {
            host: env.LIVE_RTMP_HOST,
            port: env.LIVE_RTMP_PORT,
            ladder: parseLadder(env.LIVE_LADDER),
            reconnectGraceSeconds: env.LIVE_RECONNECT_GRACE_SECONDS,
            hlsDir: env.LIVE_HLS_DIR,
          },
  };
}
