import type { Router } from 'express';
import { cacheControlFor, contentTypeFor } from '../caching';
import type { LocalStorage } from '../storage/local-storage';
import type { HmacPlaybackSigner } from './hmac-signer';
import { signedFileRoutes, type SignedFileRoutesOptions } from './signed-file.routes';

export interface LocalMediaRoutesOptions {
  /** For tests: the clock tokens are checked against. */
  now?: () => number;
  /** Re-checks access per request (the videos subgraph: still visible, still entitled). */
  admit?: SignedFileRoutesOptions['admit'];
}

/**
 * `GET|HEAD /media/<token>/<key>`: the local storage's objects, with the content type and
 * Cache-Control stored with them (or the caching table's).
 */
export function localMediaRoutes(
  storage: LocalStorage,
  signer: HmacPlaybackSigner,
  options: LocalMediaRoutesOptions = {},
): Router {
  return signedFileRoutes({
    mount: 'media',
    signer,
    root: storage.dir,
    now: options.now,
    admit: options.admit,
    async headersFor(key) {
      const metadata = await storage.metadata(key);
      return {
        contentType: metadata.contentType ?? contentTypeFor(key) ?? 'application/octet-stream',
        cacheControl: metadata.cacheControl ?? cacheControlFor(key),
      };
    },
  });
}
