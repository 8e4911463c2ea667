import 'server-only';
import { createHash } from 'node:crypto';
import { RefreshSessionDocument } from '@vp/client/src/gql/graphql';
import { webEnv } from './env';
import type { Session } from '@vp/client/src/session';
import { serverGraphql } from './server-graphql';

/**
 * The server's side of sessions. The browser holds only the refresh token, in an httpOnly
 * SameSite=Strict cookie; this keeps, per refresh token (by hash), the access token it last
 * produced, so that a page load does not rotate the refresh token while that access token is good.
 *
 * Refresh tokens work once and reuse ends the session everywhere, so two requests racing with the
 * same cookie (two tabs, a prefetch and a navigation) must not both spend it: one refresh runs per
 * token (single flight), and for a minute afterwards the old token maps to its successor, whose
 * cookie is set again on the late request. One web instance keeps this in memory; several behind a
 * load balancer need sticky sessions (or this map in Redis).
 */

const ROTATION_GRACE_MS = 60_000;
/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 60_000;
export const REFRESH_COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;

interface Entry {
  session?: Session;
  /** Set once this refresh token was exchanged: the token that replaced it. */
  successor?: string;
  /** When the entry may be forgotten. */
  until: number;
}

interface Store {
  entries: Map<string, Entry>;
  inflight: Map<string, Promise<Resolution>>;
}

export type Resolution =
  /** A usable session; `refreshToken` is the cookie the browser should hold now. */
  | { kind: 'session'; session: Session; refreshToken: string }
  /** The token is dead (expired, signed out, reused): clear the cookie. */
  | { kind: 'invalid' }
  /** The gateway could not be asked: keep the cookie, render signed out this time. */
  | { kind: 'unavailable' };

// Shared by the proxy and the route handlers, which Next bundles apart.
const KEY = Symbol.for('vp.web.sessions');
const store: Store = ((globalThis as Record<symbol, Store>)[KEY] ??= {
  entries: new Map(),
  inflight: new Map(),
});

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

function prune(now: number) {
  if (store.entries.size < 5000) {
    return;
  }
  for (const [key, entry] of store.entries) {
    if (entry.until < now) {
      store.entries.delete(key);
    }
  }
}

/** Remembers a session just made (sign-in, sign-up) so the next page load uses it as it is. */
export function rememberSession(refreshToken: string, session: Session) {
  const now = Date.now();
  prune(now);
  store.entries.set(hash(refreshToken), { session, until: now + REFRESH_COOKIE_MAX_AGE_S * 1000 });
}

export function forgetSession(refreshToken: string) {
  store.entries.delete(hash(refreshToken));
}

/** The session of a refresh-token cookie, refreshing (once) when its access token runs out. */
export async function resolveSession(
  refreshToken: string,
  clientAddress?: string | null,
  depth = 0,
): Promise<Resolution> {
  const key = hash(refreshToken);
  const now = Date.now();
  const entry = store.entries.get(key);
  if (entry?.successor) {
    if (entry.until > now && depth < 3) {
      return resolveSession(entry.successor, clientAddress, depth + 1);
    }
    store.entries.delete(key);
    return { kind: 'invalid' };
  }
  if (entry?.session && entry.session.expiresAt - now > REFRESH_MARGIN_MS) {
    return { kind: 'session', session: entry.session, refreshToken };
  }
  let pending = store.inflight.get(key);
  if (!pending) {
    pending = refresh(refreshToken, key, clientAddress).finally(() => store.inflight.delete(key));
    store.inflight.set(key, pending);
  }
  return pending;
}

async function refresh(refreshToken: string, key: string, clientAddress?: string | null): Promise<Resolution> {
  const { data, errors } = await serverGraphql(
    RefreshSessionDocument,
    { refreshToken },
    { clientAddress },
  );
  const result = data?.refreshSession;
  if (!result) {
    const code = errors[0]?.extensions?.code;
    if (code === 'UNAVAILABLE' || code === 'INTERNAL_SERVER_ERROR' || code === 'RATE_LIMITED') {
      return { kind: 'unavailable' };
    }
    store.entries.delete(key);
    return { kind: 'invalid' };
  }
  const session = sessionOf(result);
  const now = Date.now();
  rememberSession(result.refreshToken, session);
  store.entries.set(key, { successor: result.refreshToken, until: now + ROTATION_GRACE_MS });
  return { kind: 'session', session, refreshToken: result.refreshToken };
}

export function sessionOf(payload: {
  accessToken: string;
  accessTokenExpiresAt: string;
  user: Session['user'];
}): Session {
  const { id, handle, displayName, avatarUrl, roles } = payload.user;
  return {
    accessToken: payload.accessToken,
    expiresAt: new Date(payload.accessTokenExpiresAt).getTime(),
    user: { id, handle, displayName, avatarUrl, roles: [...roles] },
  };
}

/** The cookie holding the refresh token: `__Host-` prefixed when Secure (no Domain, Path=/). */
export function refreshCookieName() {
  return webEnv().secureCookies ? '__Host-vp_rt' : 'vp_rt';
}

export function refreshCookieOptions(maxAge = REFRESH_COOKIE_MAX_AGE_S) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: webEnv().secureCookies,
    path: '/',
    maxAge,
  };
}
