import type express from 'express';
import {
  embeddedMediaConfig,
  HmacPlaybackSigner,
  LocalStorage,
  localMediaRoutes,
  localUploadRoutes,
  mediaAdapters,
  type MediaConfig,
  type ObjectStorage,
  type PlaybackSigner,
} from '@vp/media';
import { AVATAR_MAX_BYTES } from './avatar.types';

/**
 * The gateway forwards this prefix to the users subgraph; the embedded storage's upload and image
 * URLs live under it (`/avatars/uploads/…`, `/avatars/media/…`) so they never reach videos' routes.
 */
export const AVATAR_ROUTE_PREFIX = '/avatars';

export interface AvatarStorageConfig {
  dataDir: string;
  /** The gateway's origin (SubgraphConfig.publicUrl). */
  publicUrl?: string;
  /** S3/CloudFront (mediaConfigOf); the default is the embedded store under dataDir. */
  media?: MediaConfig;
  /** Ready-made adapters (tests). */
  storage?: ObjectStorage;
  signer?: PlaybackSigner;
}

export interface AvatarStorage {
  storage: ObjectStorage;
  signer: PlaybackSigner;
}

/** The embedded adapters' URLs moved under the avatar prefix; S3 and CloudFront keep theirs. */
function underAvatarPrefix(media: MediaConfig): MediaConfig {
  const moved = (url: string) => `${url.replace(/\/+$/, '')}${AVATAR_ROUTE_PREFIX}`;
  return {
    storage:
      media.storage.kind === 'local'
        ? { ...media.storage, publicUrl: moved(media.storage.publicUrl) }
        : media.storage,
    playback:
      media.playback.kind === 'hmac'
        ? { ...media.playback, publicUrl: moved(media.playback.publicUrl) }
        : media.playback,
  };
}

export function createAvatarStorage(config: AvatarStorageConfig): AvatarStorage {
  const media =
    config.media ??
    embeddedMediaConfig(config.dataDir, config.publicUrl ?? 'http://localhost:4000');
  return mediaAdapters({
    storage: config.storage,
    signer: config.signer,
    media: underAvatarPrefix(media),
    dataDir: config.dataDir,
  });
}

/** The embedded stand-ins for S3 and CloudFront, mounted only when the adapters are the local ones. */
export function mountAvatarRoutes(app: express.Express, { storage, signer }: AvatarStorage) {
  if (storage instanceof LocalStorage) {
    app.use(AVATAR_ROUTE_PREFIX, localUploadRoutes(storage, { maxBytes: AVATAR_MAX_BYTES }));
    if (signer instanceof HmacPlaybackSigner) {
      app.use(AVATAR_ROUTE_PREFIX, localMediaRoutes(storage, signer));
    }
  }
}
