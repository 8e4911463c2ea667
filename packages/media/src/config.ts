import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CloudFrontPlaybackSigner } from './playback/cloudfront-signer';
import { HmacPlaybackSigner } from './playback/hmac-signer';
import { assertUsableSecret } from './signing';
import { LocalStorage } from './storage/local-storage';
import { S3Storage, type S3StorageOptions } from './storage/s3-storage';
import { type ObjectStorage, type PlaybackSigner } from './contracts';

export type StorageConfig =
  | { kind: 'local'; dir: string; publicUrl: string; secret: string }
  | ({ kind: 's3' } & S3StorageOptions);

export type PlaybackConfig =
  | { kind: 'hmac'; publicUrl: string; secret: string }
  | {
      kind: 'cloudfront';
      domain: string;
      keyPairId: string;
      privateKey: string;
      algorithm?: 'SHA1' | 'SHA256';
    };

export interface MediaConfig {
  storage: StorageConfig;
  playback: PlaybackConfig;
}

export function createStorage(config: { kind: 'local' } & StorageConfig): LocalStorage;
export function createStorage(config: { kind: 's3' } & StorageConfig): S3Storage;
export function createStorage(config: StorageConfig): LocalStorage | S3Storage;
export function createStorage(config: StorageConfig): LocalStorage | S3Storage {
  switch (config.kind) {
    case 'local':
      return new LocalStorage(config);
    case 's3': {
      const { kind: _kind, ...options } = config;
      return new S3Storage(options);
    }
  }
}

export function createPlaybackSigner(config: { kind: 'hmac' } & PlaybackConfig): HmacPlaybackSigner;
export function createPlaybackSigner(
  config: { kind: 'cloudfront' } & PlaybackConfig,
): CloudFrontPlaybackSigner;
export function createPlaybackSigner(
  config: PlaybackConfig,
): HmacPlaybackSigner | CloudFrontPlaybackSigner;
export function createPlaybackSigner(
  config: PlaybackConfig,
): HmacPlaybackSigner | CloudFrontPlaybackSigner {
  switch (config.kind) {
    case 'hmac':
      return new HmacPlaybackSigner(config);
    case 'cloudfront': {
      const { kind: _kind, ...options } = config;
      return new CloudFrontPlaybackSigner(options);
    }
  }
}

/**
 * The embedded default's signing secret: made once, kept in `<dataDir>/keys/media-secret` (0600,
 * in a 0700 folder) so upload and playback URLs survive restarts, like the launcher's auth keys.
 */
export function loadOrCreateMediaSecret(dataDir: string): string {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'media-secret');
  if (existsSync(file)) {
    return assertUsableSecret(readFileSync(file, 'utf8').trim());
  }
  // Only the keys folder is private: other users (PostgreSQL's) may need the data folder beside it.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  // `wx`: two processes starting at once must not each write (and then use) a different secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return assertUsableSecret(readFileSync(file, 'utf8').trim());
    }
    throw error;
  }
  return secret;
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new Error(`${name} is required ${why}`);
  }
  return value;
}

function flag(value: string | undefined): boolean {
  return ['1', 'true', 'yes', 'on'].includes((value ?? '').trim().toLowerCase());
}

/**
 * Media configuration from the environment. Unset, everything is embedded: objects in
 * `<dataDir>/media`, URLs signed with MEDIA_SIGNING_SECRET or a secret kept in the data folder.
 * MEDIA_STORAGE=s3 selects S3 (S3_BUCKET, S3_REGION, S3_ENDPOINT, S3_FORCE_PATH_STYLE; credentials
 * from the SDK's default chain, e.g. AWS_ACCESS_KEY_ID) and then requires CloudFront for playback
 * (CLOUDFRONT_DOMAIN, CLOUDFRONT_KEY_PAIR_ID, CLOUDFRONT_PRIVATE_KEY), since the embedded media
 * server only reads the local folder.
 */
export function mediaConfigFromEnv(
  env: NodeJS.ProcessEnv,
  options: { dataDir: string; publicUrl: string },
): MediaConfig {
  const storageKind = (env.MEDIA_STORAGE ?? 'local').trim().toLowerCase() || 'local';
  if (storageKind !== 'local' && storageKind !== 's3') {
    throw new Error(
      `MEDIA_STORAGE must be "local" or "s3", not ${JSON.stringify(env.MEDIA_STORAGE)}`,
    );
  }
  const cloudFront = Boolean(env.CLOUDFRONT_DOMAIN?.trim());
  if (storageKind === 's3' && !cloudFront) {
    throw new Error(
      'MEDIA_STORAGE=s3 needs CloudFront for playback: set CLOUDFRONT_DOMAIN, CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY',
    );
  }
  if (storageKind === 'local' && cloudFront) {
    throw new Error(
      'CLOUDFRONT_DOMAIN is set but MEDIA_STORAGE is not s3: CloudFront cannot serve the local media folder',
    );
  }
  let secret: string | undefined;
  const signingSecret = () =>
    (secret ??= env.MEDIA_SIGNING_SECRET?.trim()
      ? assertUsableSecret(env.MEDIA_SIGNING_SECRET.trim())
      : loadOrCreateMediaSecret(options.dataDir));

  const storage: StorageConfig =
    storageKind === 's3'
      ? {
          kind: 's3',
          bucket: required(env, 'S3_BUCKET', 'when MEDIA_STORAGE=s3'),
          region: env.S3_REGION?.trim() || env.AWS_REGION?.trim() || 'us-east-1',
          endpoint: env.S3_ENDPOINT?.trim() || undefined,
          forcePathStyle: flag(env.S3_FORCE_PATH_STYLE),
        }
      : {
          kind: 'local',
          dir: join(options.dataDir, 'media'),
          publicUrl: options.publicUrl,
          secret: signingSecret(),
        };

  const playback: PlaybackConfig = cloudFront
    ? {
        kind: 'cloudfront',
        domain: required(env, 'CLOUDFRONT_DOMAIN', 'for CloudFront playback'),
        keyPairId: required(env, 'CLOUDFRONT_KEY_PAIR_ID', 'with CLOUDFRONT_DOMAIN'),
        // Secret stores and .env files often carry a PEM on one line with literal `\n`s.
        privateKey: required(env, 'CLOUDFRONT_PRIVATE_KEY', 'with CLOUDFRONT_DOMAIN').replace(
          /\\n/g,
          '\n',
        ),
      }
    : { kind: 'hmac', publicUrl: options.publicUrl, secret: signingSecret() };

  return { storage, playback };
}

/**
 * The storage and signer a media-serving subgraph (videos, live) runs with: the ones it was given
 * (tests), else those of its media config, else the embedded default under `dataDir`.
 */
export function mediaAdapters(options: {
  storage?: ObjectStorage;
  signer?: PlaybackSigner;
  media?: MediaConfig;
  dataDir: string;
  publicUrl?: string;
}): { storage: ObjectStorage; signer: PlaybackSigner } {
  const media =
    options.storage && options.signer
      ? null
      : (options.media ??
        mediaConfigFromEnv(
          {},
          { dataDir: options.dataDir, publicUrl: options.publicUrl ?? 'http://localhost:4000' },
        ));
  return {
    storage: options.storage ?? createStorage(media!.storage),
    signer: options.signer ?? createPlaybackSigner(media!.playback),
  };
}
