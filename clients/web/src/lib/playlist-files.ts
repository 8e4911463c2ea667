import { parseMaster } from '@vp/client/src/hls-source';

/** What a player reads first after the master playlist (see first-segment.ts). */
export interface FirstFiles {
  /** The lowest rung's playlist, relative to the master playlist. */
  rung: string;
  /** Its init section (fMP4 only) and first segment, relative to the rung's playlist. */
  files: string[];
}

/** Resolves like a player would, keeping the master's query (CloudFront's signature) on each file. */
export function resolveAgainst(uri: string, base: string) {
  const resolved = new URL(uri, base);
  const signature = new URL(base).search;
  if (!resolved.search && signature) {
    resolved.search = signature;
  }
  return resolved.href;
}

/** The lowest rung's playlist name and its first media files, read from the playlists. */
export function parseFirstFiles(
  master: string,
  rungPlaylist: (uri: string) => Promise<string>,
): Promise<FirstFiles | null> {
  const base = 'http://playlist.invalid/';
  const variants = parseMaster(master, base);
  const lowest = variants.at(-1);
  if (!lowest) {
    return Promise.resolve(null);
  }
  const rung = lowest.uri.startsWith(base) ? lowest.uri.slice(base.length) : lowest.uri;
  return rungPlaylist(rung).then(playlist => {
    const files: string[] = [];
    const map = /#EXT-X-MAP:.*URI="([^"]+)"/.exec(playlist)?.[1];
    if (map) {
      files.push(map);
    }
    const first = playlist
      .split(/\r?\n/)
      .map(line => line.trim())
      .find(line => line && !line.startsWith('#'));
    if (first) {
      files.push(first);
    }
    return { rung, files };
  });
}
