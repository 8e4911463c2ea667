import { type NextRequest } from 'next/server';
import { clientAddressOf, webEnv } from '@/lib/env';

/**
 * The browser's GraphQL endpoint: a same-origin pass-through to the gateway, so the gateway needs
 * no CORS for the web app. Headers go as the browser sent them (content type and the preflight
 * headers included), so the gateway's CSRF prevention judges the browser's request itself. The
 * access token is the page's own (Authorization), never taken from a cookie here.
 */
export const dynamic = 'force-dynamic';

const FORWARDED = [
  'content-type',
  'accept',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'user-agent',
];

export async function POST(request: NextRequest) {
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) {
      headers.set(name, value);
    }
  }
  const forwardedFor = clientAddressOf(request.headers);
  if (forwardedFor) {
    headers.set('x-forwarded-for', forwardedFor);
  }
  try {
    const upstream = await fetch(webEnv().gatewayUrl, {
      method: 'POST',
      headers,
      body: await request.arrayBuffer(),
      cache: 'no-store',
    });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        'cache-control': 'no-store',
      },
    });
  } catch {
    return Response.json(
      { errors: [{ message: 'The service is unavailable.', extensions: { code: 'UNAVAILABLE' } }] },
      { status: 503 },
    );
  }
}
