/**
 * Content types and Cache-Control for what playback serves. The seed's caching table keeps video
 * segments a year (they never change under a key) and playlists for a while with invalidation on
 * update; this platform does not invalidate CDN caches, so a playlist that still changes (a rung
 * growing while it is encoded, a master gaining rungs, a live playlist) is cached a second or two,
 * and one that is complete (ENDLIST, the master of a READY video) a day.
 */

const CONTENT_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/mp4',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  vtt: 'text/vtt',
  json: 'application/json',
};

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_PLAYLIST = 'public, max-age=2';
/** A VOD rung still being encoded (EVENT playlist): players and CDNs must see it grow. */
export const CACHE_GROWING_PLAYLIST = 'public, max-age=1';
/** A playlist that will not change again (ENDLIST; a READY video's master). */
export const CACHE_COMPLETE_PLAYLIST = 'public, max-age=86400';
export const CACHE_LIVE_PLAYLIST = 'public, max-age=1';
export const CACHE_NONE = 'no-store';

function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The Content-Type a player expects for a media key, or undefined for unknown extensions. */
export function contentTypeFor(key: string): string | undefined {
  return CONTENT_TYPES[extensionOf(key)];
}

/**
 * Cache-Control for a media key; live keys live under `live/`. `complete` (VOD playlists published
 * progressively): false while the playlist still changes, true once it never will.
 */
export function cacheControlFor(
  key: string,
  options: { live?: boolean; complete?: boolean } = {},
): string {
  const live = options.live ?? key.startsWith('live/');
  if (extensionOf(key) === 'm3u8') {
    if (live) {
      return CACHE_LIVE_PLAYLIST;
    }
    if (options.complete !== undefined) {
      return options.complete ? CACHE_COMPLETE_PLAYLIST : CACHE_GROWING_PLAYLIST;
    }
    return CACHE_PLAYLIST;
  }
  if (contentTypeFor(key)) {
    return CACHE_IMMUTABLE;
  }
  return CACHE_NONE;
}
