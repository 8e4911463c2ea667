import { defineEnv, type EnvOf, mergeEnv, z } from '@vp/kit';
import { mediaConfigOf, mediaEnv } from '@vp/media';
import { type LiveConfig } from './context';
import { parseLadder } from './live-hls/ladder';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform(value => value || undefined);

/**
 * The live subgraph's own variables (main.ts): the RTMP ingest and the media adapters shared with
 * videos (@vp/media's mediaEnv).
 */
export const liveEnv = mergeEnv(
  mediaEnv,
  defineEnv(
    {
      LIVE_INGEST: z
        .enum(['on', 'off', 'medialive'], {
          errorMap: () => ({ message: 'must be "on", "off" or "medialive"' }),
        })
        .default('on')
        .describe(
          'on: the embedded RTMP ingest; medialive: an AWS Elemental MediaLive input and channel per stream (needs MEDIA_STORAGE=s3); off: chat and playback only',
        ),
      LIVE_MEDIALIVE_ENDPOINT: optionalText.describe(
        "MediaLive's API endpoint (default: the SDK's regional endpoint)",
      ),
      LIVE_MEDIALIVE_ROLE_ARN: optionalText.describe(
        'the IAM role MediaLive assumes to write live/ and recordings/ in S3_BUCKET',
      ),
      LIVE_MEDIALIVE_INPUT_SECURITY_GROUP_ID: optionalText.describe(
        'the MediaLive input security group (the CIDRs allowed to push RTMP)',
      ),
      LIVE_MEDIALIVE_START_TIMEOUT_SECONDS: z.coerce
        .number()
        .int()
        .min(30)
        .max(3600)
        .default(300)
        .describe('a MediaLive channel not RUNNING this long after its start is given up'),
      LIVE_RTMP_HOST: z
        .string()
        .min(1)
        .default('127.0.0.1')
        .describe(
          'the address the RTMP ingest listens on (127.0.0.1: only this machine can publish)',
        ),
      LIVE_RTMP_PORT: z.coerce
        .number()
        .int()
        .min(0)
        .max(65535)
        .default(1935)
        .describe('the RTMP ingest port (0 picks a free one)'),
      LIVE_RTMP_URL: z
        .string()
        .regex(/^rtmps?:\/\/\S+$/, 'must be an rtmp:// or rtmps:// URL')
        .optional()
        .describe(
          'where OBS or ffmpeg publishes (the stream key is appended); default: the ingest itself',
        ),
      LIVE_LADDER: z
        .string()
        .default('360:800')
        .superRefine((ladder, ctx) => {
          try {
            parseLadder(ladder);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
          }
        })
        .describe('the live renditions under the source, height:kbps comma-separated'),
      LIVE_RECONNECT_GRACE_SECONDS: z.coerce
        .number()
        .int()
        .min(0)
        .max(600)
        .default(30)
        .describe('how long a dropped publisher may come back before the stream ends'),
      LIVE_HEARTBEAT_LAPSE_SECONDS: z.coerce
        .number()
        .int()
        .min(15)
        .max(3600)
        .default(60)
        .describe(
          'a LIVE stream whose ingest has not said it is alive for this long (its instance died) is ended',
        ),
      LIVE_HLS_DIR: z
        .string()
        .optional()
        .describe('where live HLS and recordings are written (default <data folder>/live)'),
      LIVE_PLAYBACK_TTL_SECONDS: z.coerce
        .number()
        .int()
        .min(60)
        .max(7 * 24 * 3600)
        .default(6 * 3600)
        .describe('how long a live playback URL stays valid'),
    },
    (env, report) => {
      if (env.LIVE_INGEST !== 'medialive') {
        return;
      }
      // Checks see the merged environment: MEDIA_STORAGE is @vp/media's.
      if ((env as { MEDIA_STORAGE?: string }).MEDIA_STORAGE !== 's3') {
        report(
          'LIVE_INGEST',
          'medialive writes live HLS and recordings to S3: set MEDIA_STORAGE=s3',
        );
      }
      for (const name of [
        'LIVE_MEDIALIVE_ROLE_ARN',
        'LIVE_MEDIALIVE_INPUT_SECURITY_GROUP_ID',
      ] as const) {
        if (!env[name]) {
          report(name, 'is required when LIVE_INGEST=medialive');
        }
      }
    },
  ),
);

export function liveConfigFromEnv(env: EnvOf<typeof liveEnv>): LiveConfig {
  return {
    rtmpUrl: env.LIVE_RTMP_URL,
    dataDir: env.PLATFORM_DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    media: mediaConfigOf(env),
    playbackTtlSeconds: env.LIVE_PLAYBACK_TTL_SECONDS,
    heartbeatLapseSeconds: env.LIVE_HEARTBEAT_LAPSE_SECONDS,
    mediaLive:
      env.LIVE_INGEST === 'medialive'
        ? {
            region: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
            endpoint: env.LIVE_MEDIALIVE_ENDPOINT,
            roleArn: env.LIVE_MEDIALIVE_ROLE_ARN!,
            inputSecurityGroupId: env.LIVE_MEDIALIVE_INPUT_SECURITY_GROUP_ID!,
            bucket: env.S3_BUCKET!,
            startTimeoutSeconds: env.LIVE_MEDIALIVE_START_TIMEOUT_SECONDS,
            publisherGoneSeconds: env.LIVE_RECONNECT_GRACE_SECONDS,
            ladder: parseLadder(env.LIVE_LADDER),
          }
        : undefined,
    ingest:
      env.LIVE_INGEST !== 'on'
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
