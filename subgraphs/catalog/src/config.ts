import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaseContext } from '@vp/kit';
import { type MediaConfig, mediaAdapters, type PlaybackSigner } from '@vp/media';

/** What the catalog needs beyond every subgraph's config (the launcher and main.ts pass it). */
export interface CatalogConfig {
  /** The platform's data folder (the embedded signing secret is in `<dataDir>/keys`). */
  dataDir?: string;
  /** The gateway's origin: the base of playback URLs (it forwards /media to videos). */
  publicUrl?: string;
  /** Playback signing (CloudFront: `mediaConfigFromEnv`); the default is HMAC under dataDir. */
  media?: MediaConfig;
  /** A ready-made signer (tests); overrides `media`. */
  signer?: PlaybackSigner;
  /** How long an episode's playback URL stays valid at most (default 4 h); never past its window. */
  playbackTtlSeconds?: number;
  /** What time it is (tests move it; default the system clock). */
  clock?: () => Date;
}

export interface CatalogAdapters {
  signer: PlaybackSigner;
  playbackTtlSeconds: number;
  clock: () => Date;
}

export interface CatalogContext extends BaseContext {
  catalog: CatalogAdapters;
  /** The request's one instant: every licence window of the request is judged against it. */
  now: Date;
}

export function createCatalogAdapters(config: CatalogConfig): CatalogAdapters {
  const dataDir = config.dataDir ?? join(tmpdir(), 'video-platform');
  // Only the signer: media files are stored and served by the videos subgraph.
  const { signer } = config.signer
    ? { signer: config.signer }
    : mediaAdapters({ media: config.media, dataDir, publicUrl: config.publicUrl });
  return {
    signer,
    playbackTtlSeconds: config.playbackTtlSeconds ?? 4 * 3600,
    clock: config.clock ?? (() => new Date()),
  };
}

export function createCatalogContext(
  base: BaseContext,
  _config: CatalogConfig,
  adapters: CatalogAdapters,
): CatalogContext {
  return { ...base, catalog: adapters, now: adapters.clock() };
}
