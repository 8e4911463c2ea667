import { databaseEnv, defineEnv, type EnvOf, listenEnv, mergeEnv, z } from '@vp/kit';
import { mediaConfigOf, mediaEnv } from '@vp/media';
import { GIB, type VideosConfig } from './config';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform(value => value || undefined);

const seconds = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * The videos subgraph's own variables (main.ts and worker.ts): the media adapters (@vp/media's
 * mediaEnv), limits, and whether this process runs the transcode worker (VIDEOS_WORKER=off when
 * workers run as their own service).
 */
export const videosEnv = mergeEnv(
  mediaEnv,
  defineEnv(
    {
      VIDEOS_MAX_UPLOAD_BYTES: z.coerce
        .number()
        .int()
        .min(1)
        .max(Number.MAX_SAFE_INTEGER)
        .default(10 * GIB)
        .describe('the largest upload accepted, in bytes'),
      VIDEOS_MULTIPART_THRESHOLD_BYTES: z.coerce
        .number()
        .int()
        .min(1)
        .max(Number.MAX_SAFE_INTEGER)
        .default(100 * 1024 ** 2)
        .describe(
          'uploads above this size go in parts, which an interrupted upload resumes (S3: at most 5 GiB)',
        ),
      VIDEOS_UPLOAD_TTL_SECONDS: seconds(3600, 7 * 24 * 3600).describe(
        'how long an upload URL stays valid',
      ),
      VIDEOS_PLAYBACK_TTL_SECONDS: seconds(24 * 3600, 7 * 24 * 3600).describe(
        'how long a video playback URL stays valid',
      ),
      VIDEOS_PLAYBACK_ACCESS_CHECK_SECONDS: seconds(30, 60).describe(
        'a playback URL stops working at most this long after its viewer lost access (made PRIVATE, deleted, plan ended)',
      ),
      VIDEOS_WORKER: z
        .enum(['on', 'off'])
        .default('on')
        .describe(
          'run the transcode worker inside the videos subgraph (off: it runs as its own service)',
        ),
      VIDEOS_WORK_DIR: z
        .string()
        .optional()
        .describe('scratch folder for probing and transcoding (default <data folder>/transcode)'),
      // pg-boss refuses expirations of 24 h or more.
      VIDEOS_TRANSCODE_TIMEOUT_SECONDS: seconds(2 * 3600, 23 * 3600).describe(
        'a transcode running longer than this is presumed dead and handed out again',
      ),
      VIDEOS_TRANSCODE_LEASE_SECONDS: seconds(60, 3600).describe(
        "the running transcode's lease, renewed by its worker: a try whose worker died (SIGKILL, OOM) is handed out again once it lapses",
      ),
      VIDEOS_TRANSCODE_RETRY_LIMIT: z.coerce
        .number()
        .int()
        .min(0)
        .max(10)
        .default(3)
        .describe('transcode retries after the first try'),
      VIDEOS_COMMENTS_PER_MINUTE: z.coerce
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(10)
        .describe('how many comments one user may post in a minute'),
      VIDEOS_TRANSCODER: z
        .enum(['ffmpeg', 'mediaconvert'], {
          errorMap: () => ({ message: 'must be "ffmpeg" or "mediaconvert"' }),
        })
        .default('ffmpeg')
        .describe(
          'who encodes the ladder: the embedded ffmpeg worker, or AWS Elemental MediaConvert (needs MEDIA_STORAGE=s3)',
        ),
      VIDEOS_MEDIACONVERT_ENDPOINT: optionalText.describe(
        "the account's MediaConvert endpoint (default: the SDK's regional endpoint)",
      ),
      VIDEOS_MEDIACONVERT_ROLE_ARN: optionalText.describe(
        'the IAM role MediaConvert assumes to read uploads/ and write videos/ in S3_BUCKET',
      ),
      VIDEOS_MEDIACONVERT_QUEUE_ARN: optionalText.describe(
        'the MediaConvert queue jobs go to (default: the account default queue)',
      ),
      VIDEOS_MEDIACONVERT_EVENTS_SECRET: z
        .string()
        .trim()
        .min(32, 'must be at least 32 characters')
        .optional()
        .describe(
          'the secret EventBridge sends in x-mediaconvert-events-secret to POST /aws/mediaconvert/events (unset: polling only)',
        ),
      VIDEOS_MEDIACONVERT_POLL_SECONDS: seconds(60, 3600).describe(
        'how often a waiting worker asks MediaConvert about its job (the fallback for lost events)',
      ),
    },
    (env, report) => {
      if (env.VIDEOS_TRANSCODER !== 'mediaconvert') {
        return;
      }
      // Checks see the merged environment: MEDIA_STORAGE is @vp/media's.
      if ((env as { MEDIA_STORAGE?: string }).MEDIA_STORAGE !== 's3') {
        report('VIDEOS_TRANSCODER', 'mediaconvert reads and writes S3: set MEDIA_STORAGE=s3');
      }
      if (!env.VIDEOS_MEDIACONVERT_ROLE_ARN) {
        report('VIDEOS_MEDIACONVERT_ROLE_ARN', 'is required when VIDEOS_TRANSCODER=mediaconvert');
      }
    },
  ),
);

/**
 * The transcode worker on its own (worker.ts): the videos variables, the database, and where its
 * /health and /ready endpoints listen (PORT 0 picks a free port; containers set one to probe).
 */
export const videosWorkerEnv = mergeEnv(videosEnv, databaseEnv, listenEnv(0));

export function videosConfigFromEnv(env: EnvOf<typeof videosEnv>): VideosConfig {
  return {
    dataDir: env.PLATFORM_DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    media: mediaConfigOf(env),
    maxUploadBytes: env.VIDEOS_MAX_UPLOAD_BYTES,
    multipartThresholdBytes: env.VIDEOS_MULTIPART_THRESHOLD_BYTES,
    uploadTtlSeconds: env.VIDEOS_UPLOAD_TTL_SECONDS,
    playbackTtlSeconds: env.VIDEOS_PLAYBACK_TTL_SECONDS,
    playbackAccessCheckSeconds: env.VIDEOS_PLAYBACK_ACCESS_CHECK_SECONDS,
    worker: env.VIDEOS_WORKER === 'on',
    workDir: env.VIDEOS_WORK_DIR,
    transcodeTimeoutSeconds: env.VIDEOS_TRANSCODE_TIMEOUT_SECONDS,
    transcodeLeaseSeconds: env.VIDEOS_TRANSCODE_LEASE_SECONDS,
    transcodeRetryLimit: env.VIDEOS_TRANSCODE_RETRY_LIMIT,
    commentsPerMinute: env.VIDEOS_COMMENTS_PER_MINUTE,
    transcoder:
      env.VIDEOS_TRANSCODER === 'mediaconvert'
        ? {
            kind: 'mediaconvert',
            region: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
            endpoint: env.VIDEOS_MEDIACONVERT_ENDPOINT,
            roleArn: env.VIDEOS_MEDIACONVERT_ROLE_ARN!,
            queueArn: env.VIDEOS_MEDIACONVERT_QUEUE_ARN,
            bucket: env.S3_BUCKET!,
            pollSeconds: env.VIDEOS_MEDIACONVERT_POLL_SECONDS,
            eventsSecret: env.VIDEOS_MEDIACONVERT_EVENTS_SECRET,
          }
        : { kind: 'ffmpeg' },
  };
}
