/**
 * Content types and Cache-Control for what playback serves. The seed's caching table keeps video
 * segments a year (they never change under a key) and playlists for a while with invalidation on
 * update; this platform does not invalidate CDN caches and rewrites a VOD master playlist as rungs
 * finish, so playlists stay short, and live playlists (rewritten every segment) shorter still.
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

/** Cache-Control for a media key; live keys live under `live/`. */
export function cacheControlFor(key: string, options: { live?: boolean } = {}): string {
  const live = options.live ?? key.startsWith('live/');
  if (extensionOf(key) === 'm3u8') {
    return live ? CACHE_LIVE_PLAYLIST : CACHE_PLAYLIST;
  }
  if (contentTypeFor(key)) {
    return CACHE_IMMUTABLE;
  }
  return CACHE_NONE;
}
