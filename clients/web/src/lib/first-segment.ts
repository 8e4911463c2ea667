import 'server-only';
import { webEnv } from './env';
import { parseFirstFiles, resolveAgainst, type FirstFiles } from './playlist-files';

/**
 * The files a player reads before its first frame, after the master playlist: the lowest rung's
 * playlist, its init section (fMP4 only) and its first segment. /watch preloads them from its HTML
 * so the browser fetches all of them at once while it reads the page, instead of one after the
 * other once the player has started (master → rung → segment were three round trips in a row).
 * The lowest rung is where playback starts: the browser's own HLS takes the master's first variant
 * (the ladder is written lowest first) and hls.js is told to start at its lowest level.
 *
 * The names come from the playlists themselves, read here once per video and kept (a finished
 * video's playlists never change); each page resolves them against its own signed master URL, so
 * every preloaded URL carries the viewer's signature and is one the player itself would request.
 */
const known = new Map<string, FirstFiles>();
const pending = new Map<string, Promise<FirstFiles | null>>();
const MAX_KNOWN = 2000;

/** The media URL as this server reaches it: through GATEWAY_URL when it is the public gateway's. */
function reachable(url: string) {
  const { publicGatewayUrl, gatewayUrl } = webEnv();
  if (url.startsWith(`${publicGatewayUrl}/`)) {
    return new URL(gatewayUrl).origin + url.slice(publicGatewayUrl.length);
  }
  return url;
}

async function text(url: string, signal: AbortSignal) {
  const response = await fetch(reachable(url), { signal, cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${response.status} for a playlist`);
  }
  return response.text();
}

async function lookUp(videoId: string, masterUrl: string): Promise<FirstFiles | null> {
  const signal = AbortSignal.timeout(5000);
  const found = await parseFirstFiles(await text(masterUrl, signal), rung =>
    text(resolveAgainst(rung, masterUrl), signal),
  );
  if (found) {
    if (known.size >= MAX_KNOWN) {
      known.delete(known.keys().next().value!);
    }
    known.set(videoId, found);
  }
  return found;
}

/**
 * The signed URLs to preload after `masterUrl` for a finished video: its lowest rung's playlist,
 * init section and first segment. Waits at most `waitMs` for a video not read yet (the lookup goes
 * on in the background for the next viewer); nothing when the playlists cannot be read.
 */
export async function firstFilesToPreload(videoId: string, masterUrl: string, waitMs = 250) {
  let found = known.get(videoId);
  if (!found) {
    let lookup = pending.get(videoId);
    if (!lookup) {
      lookup = lookUp(videoId, masterUrl)
        .catch(() => null)
        .finally(() => pending.delete(videoId));
      pending.set(videoId, lookup);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>(resolve => (timer = setTimeout(() => resolve(null), waitMs)));
    found = (await Promise.race([lookup, late])) ?? undefined;
    clearTimeout(timer);
  }
  if (!found) {
    return [];
  }
  const rungUrl = resolveAgainst(found.rung, masterUrl);
  return [rungUrl, ...found.files.map(file => resolveAgainst(file, rungUrl))];
}
