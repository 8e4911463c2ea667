import { join } from 'node:path';
import {
  awsRegionVariable,
  defineEnv,
  inProduction,
  mergeEnv,
  platformEnv,
  readEnv,
  z,
} from '@vp/kit';
import { loadOrCreateMediaSecret, type MediaConfig } from './config';
import { MIN_SECRET_LENGTH } from './signing';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform(value => value || undefined);

/**
 * The media adapters' variables (videos, its worker, live). Unset, everything is embedded: objects
 * in `<dataDir>/media`, URLs signed with MEDIA_SIGNING_SECRET or a secret kept in the data folder.
 * MEDIA_STORAGE=s3 selects S3 (credentials from the SDK's default chain, e.g. AWS_ACCESS_KEY_ID) and
 * then requires CloudFront for playback, since the embedded media server only reads the local folder.
 */
export const mediaEnv = mergeEnv(
  platformEnv,
  defineEnv(
    {
      MEDIA_STORAGE: z
        .enum(['local', 's3'], {
          errorMap: () => ({ message: 'must be "local" or "s3"' }),
        })
        .default('local')
        .describe('where uploads and renditions are kept: local (the data folder) or s3'),
      MEDIA_SIGNING_SECRET: z
        .string()
        .trim()
        .min(
          MIN_SECRET_LENGTH,
          `media signing secret must be at least ${MIN_SECRET_LENGTH} characters`,
        )
        .optional()
        .describe(
          'the HMAC secret of local upload and playback URLs (made once in .data/keys/ when unset, development only)',
        ),
      S3_BUCKET: optionalText.describe('the S3 bucket of media objects (MEDIA_STORAGE=s3)'),
      S3_REGION: optionalText.describe("the S3 bucket's region (else AWS_REGION, else us-east-1)"),
      S3_ENDPOINT: optionalText.describe('an S3-compatible endpoint (MinIO), instead of AWS'),
      S3_FORCE_PATH_STYLE: z
        .string()
        .optional()
        .transform(value => ['1', 'true', 'yes', 'on'].includes((value ?? '').trim().toLowerCase()))
        .describe('path-style S3 URLs (true for MinIO)'),
      AWS_REGION: awsRegionVariable,
      CLOUDFRONT_DOMAIN: optionalText.describe('CloudFront domain of signed playback (with S3)'),
      CLOUDFRONT_KEY_PAIR_ID: optionalText.describe(
        'the CloudFront key pair id URLs are signed with',
      ),
      CLOUDFRONT_PRIVATE_KEY: optionalText
        // Secret stores and .env files often carry a PEM on one line with literal `\n`s.
        .transform(value => value?.replace(/\\n/g, '\n'))
        .describe('the PEM private key of that key pair (one line with \\n is fine)'),
      CLOUDFRONT_MAX_LIFETIME_SECONDS: z.coerce
        .number()
        .int()
        .min(10)
        .max(3600)
        .default(60)
        .describe(
          'the longest a CloudFront playback policy lives: a URL issued before access ended works this long (players refresh before expiresAt)',
        ),
    },
    (env, report) => {
      if (env.MEDIA_STORAGE === 's3') {
        if (!env.CLOUDFRONT_DOMAIN) {
          report(
            'CLOUDFRONT_DOMAIN',
            'MEDIA_STORAGE=s3 needs CloudFront for playback: set CLOUDFRONT_DOMAIN, CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY',
          );
        }
        if (!env.S3_BUCKET) {
          report('S3_BUCKET', 'is required when MEDIA_STORAGE=s3');
        }
      } else if (env.MEDIA_STORAGE === 'local' && env.CLOUDFRONT_DOMAIN) {
        report(
          'CLOUDFRONT_DOMAIN',
          'is set but MEDIA_STORAGE is not s3: CloudFront cannot serve the local media folder',
        );
      }
      if (env.CLOUDFRONT_DOMAIN) {
        for (const name of ['CLOUDFRONT_KEY_PAIR_ID', 'CLOUDFRONT_PRIVATE_KEY'] as const) {
          if (!env[name]) {
            report(name, 'is required with CLOUDFRONT_DOMAIN');
          }
        }
      }
    },
    inProduction((env, report) => {
      const signsLocally = env.MEDIA_STORAGE === 'local' || !env.CLOUDFRONT_DOMAIN;
      if (signsLocally && !env.MEDIA_SIGNING_SECRET) {
        report(
          'MEDIA_SIGNING_SECRET',
          'is required in production: the secret made in .data/keys/ is for development',
        );
      }
    }),
  ),
);

export type MediaEnv = z.infer<z.ZodObject<typeof mediaEnv.shape>>;

/** The media adapters' configuration from the parsed environment (PUBLIC_URL, PLATFORM_DATA_DIR). */
export function mediaConfigOf(env: MediaEnv): MediaConfig {
  const dataDir = env.PLATFORM_DATA_DIR;
  let secret: string | undefined;
  const signingSecret = () =>
    (secret ??= env.MEDIA_SIGNING_SECRET ?? loadOrCreateMediaSecret(dataDir));
  return {
    storage:
      env.MEDIA_STORAGE === 's3'
        ? {
            kind: 's3',
            bucket: env.S3_BUCKET!,
            region: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
          }
        : {
            kind: 'local',
            dir: join(dataDir, 'media'),
            publicUrl: env.PUBLIC_URL,
            secret: signingSecret(),
          },
    playback: env.CLOUDFRONT_DOMAIN
      ? {
          kind: 'cloudfront',
          domain: env.CLOUDFRONT_DOMAIN,
          keyPairId: env.CLOUDFRONT_KEY_PAIR_ID!,
          privateKey: env.CLOUDFRONT_PRIVATE_KEY!,
          maxLifetimeSeconds: env.CLOUDFRONT_MAX_LIFETIME_SECONDS,
        }
      : { kind: 'hmac', publicUrl: env.PUBLIC_URL, secret: signingSecret() },
  };
}

/** Media configuration from raw variables, with the data folder and public origin given. */
export function mediaConfigFromEnv(
  source: NodeJS.ProcessEnv,
  options: { dataDir: string; publicUrl: string },
): MediaConfig {
  return mediaConfigOf(
    readEnv(mediaEnv, {
      ...source,
      PLATFORM_DATA_DIR: options.dataDir,
      PUBLIC_URL: options.publicUrl,
    }),
  );
}
