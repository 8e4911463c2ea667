import 'server-only';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * hls.js's standalone light build (the same package and version the player bundles), served by
 * this app at a versioned path so /watch can start loading it from its HTML, in parallel with the
 * app's own code, where the browser has no HLS of its own (`early-start.ts`). Read and compressed
 * once; immutable for browsers and caches (a new hls.js version is a new path).
 */
const requireHere = createRequire(join(process.cwd(), 'package.json'));

let loaded: { path: string; body: Buffer } | undefined;
function load() {
  if (!loaded) {
    const version = (requireHere('hls.js/package.json') as { version: string }).version;
    const body = readFileSync(requireHere.resolve('hls.js/dist/hls.light.min.js'));
    loaded = { path: `/vendor/hls.light-${version}.min.js`, body };
  }
  return loaded;
}

/** The path the page loads hls.js from. */
export const hlsScriptPath = () => load().path;

/** The response for `path`, or null when it is not hls.js's current path. */
export function hlsScriptResponse(path: string) {
  const script = load();
  if (path !== script.path) {
    return null;
  }
  return new Response(new Uint8Array(script.body), {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    },
  });
}
