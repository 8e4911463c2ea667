import { hlsScriptResponse } from '@/lib/hls-script';

/** hls.js's standalone build for /watch's early start (see `src/lib/hls-script.ts`). */
export function GET(request: Request) {
  return (
    hlsScriptResponse(new URL(request.url).pathname) ?? new Response('Not found', { status: 404 })
  );
}
