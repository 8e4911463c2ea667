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
      /** The longest a signed policy lives (default 60 s; see CloudFrontPlaybackSigner). */
      maxLifetimeSeconds?: number;
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

/** The embedded default: objects in `<dataDir>/media`, URLs signed with the data folder's secret. */
export function embeddedMediaConfig(
  dataDir: string,
  publicUrl: string,
  secret?: string,
): MediaConfig {
  const key = secret ?? loadOrCreateMediaSecret(dataDir);
  return {
    storage: { kind: 'local', dir: join(dataDir, 'media'), publicUrl, secret: key },
    playback: { kind: 'hmac', publicUrl, secret: key },
  };
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
        embeddedMediaConfig(options.dataDir, options.publicUrl ?? 'http://localhost:4000'));
  return {
    storage: options.storage ?? createStorage(media!.storage),
    signer: options.signer ?? createPlaybackSigner(media!.playback),
  };
}
