import { defineEnv, type EnvOf, mergeEnv, z } from '@vp/kit';
import { mediaConfigOf, mediaEnv } from '@vp/media';
import { type CatalogConfig } from './config';

/**
 * The catalog's own variables: the media adapters shared with videos (@vp/media's mediaEnv: the
 * catalog signs its episodes' playback with the same signer) and the playback lifetime.
 */
export const catalogEnv = mergeEnv(
  mediaEnv,
  defineEnv({
    CATALOG_PLAYBACK_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .default(4 * 3600)
      .describe(
        "how long an episode's playback URL stays valid at most (never past its licence window's end)",
      ),
  }),
);

export function catalogConfigFromEnv(env: EnvOf<typeof catalogEnv>): CatalogConfig {
  return {
    dataDir: env.PLATFORM_DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    media: mediaConfigOf(env),
    playbackTtlSeconds: env.CATALOG_PLAYBACK_TTL_SECONDS,
  };
}
