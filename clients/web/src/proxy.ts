import { NextResponse, type NextRequest } from 'next/server';
import { clientAddressOf } from './lib/env';
import { refreshCookieName, refreshCookieOptions, resolveSession } from './lib/session-store';
import { SESSION_HEADER } from './lib/session-types';

/**
 * Every page request: the refresh-token cookie becomes the viewer's session for the server
 * components (a request header they read), rotating the cookie when the access token ran out. A
 * session header sent by the browser itself is always dropped.
 */
export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete(SESSION_HEADER);
  const cookieName = refreshCookieName();
  const refreshToken = request.cookies.get(cookieName)?.value;
  const resolution = refreshToken
    ? await resolveSession(refreshToken, clientAddressOf(request.headers))
    : undefined;
  if (resolution?.kind === 'session') {
    headers.set(SESSION_HEADER, encodeURIComponent(JSON.stringify(resolution.session)));
  }
  const response = NextResponse.next({ request: { headers } });
  if (resolution?.kind === 'session' && resolution.refreshToken !== refreshToken) {
    response.cookies.set(cookieName, resolution.refreshToken, refreshCookieOptions());
  } else if (resolution?.kind === 'invalid') {
    response.cookies.set(cookieName, '', refreshCookieOptions(0));
  }
  return response;
}

export const config = {
  // pages only: not the static files (hls.js's under /vendor too), the GraphQL pass-through or the
  // session routes
  matcher: ['/((?!_next/static|_next/image|vendor/|favicon|icon|robots.txt|graphql|api/).*)'],
};
