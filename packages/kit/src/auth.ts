import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { unauthenticated } from './errors';
import { type Revocations } from './revocation';

export enum Role {
  VIEWER = 'VIEWER',
  CREATOR = 'CREATOR',
  ADMIN = 'ADMIN',
  ANALYST = 'ANALYST',
  PARTNER = 'PARTNER',
  MODERATOR = 'MODERATOR',
  CATALOG_MANAGER = 'CATALOG_MANAGER',
}

/** Who is asking, as proven by a verified access token. */
export interface Viewer {
  id: string;
  roles: Role[];
  sessionId: string;
  /** When the token was signed (epoch ms): a revocation refuses a user's tokens issued before it. */
  issuedAtMs?: number;
  /**
   * Set when the request came with an API key: the key's id and scopes. The gateway verifies the
   * key with users, which signs a short-lived access token for the key's owner carrying both
   * (claims `akid`, `scp`), so every subgraph knows the request is limited to those scopes.
   */
  apiKeyId?: string;
  scopes?: string[];
}

/** Pinned: a token signed with anything else (none, HS256 with the public key…) is refused. */
export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const TOKEN_ISSUER = 'video-platform/users';
export const TOKEN_AUDIENCE = 'video-platform';
export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;

export interface SigningKeys {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

/** A fresh Ed25519 key pair with a key id: the embedded default's development keys, and tests'. */
export async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, {
    crv: 'Ed25519',
    extractable: true,
  });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ACCESS_TOKEN_ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  return { privateJwk, jwks: { keys: [publicJwk] } };
}

export type TokenVerifier = (token: string) => Promise<Viewer>;

/** How many verified tokens a verifier remembers (about 1 KiB each); the oldest go first. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Verifies access tokens against a fixed key set: algorithm, type, issuer, audience and expiry are
 * all checked, and keys named in the token header (jku, x5u, jwk) are never fetched or trusted.
 *
 * A token that verified is remembered (by its exact text) until it would stop verifying — its
 * `exp`, or `iat` + the maximum age — so the signature is checked once per token, not once per
 * request (it was a tenth of a `me` request's CPU). The revocation check is not cached: it runs on
 * every call, so a revoked token is refused at once whether it was cached or not.
 */
export function createTokenVerifier(
  jwks: JSONWebKeySet,
  revocations?: Pick<Revocations, 'isRevoked'>,
  now: () => number = Date.now,
): TokenVerifier {
  const keySet = createLocalJWKSet(jwks);
  const verified = new Map<string, { viewer: Readonly<Viewer>; validUntilMs: number }>();
  const maxAgeSeconds = ACCESS_TOKEN_TTL_SECONDS + 60;
  return async token => {
    let viewer: Viewer;
    const cached = verified.get(token);
    if (cached && now() < cached.validUntilMs) {
      // a copy: a request that changes its viewer changes nobody else's
      viewer = { ...cached.viewer, roles: [...cached.viewer.roles] };
      if (cached.viewer.scopes) {
        viewer.scopes = [...cached.viewer.scopes];
      }
    } else {
      if (cached) {
        verified.delete(token);
      }
      let validUntilMs: number;
      try {
        const { payload } = await jwtVerify(token, keySet, {
          algorithms: [ACCESS_TOKEN_ALG],
          typ: ACCESS_TOKEN_TYPE,
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          maxTokenAge: `${maxAgeSeconds}s`,
          requiredClaims: ['sub', 'sid', 'exp', 'iat'],
          currentDate: new Date(now()),
        });
        const roles = Array.isArray(payload.roles) ? (payload.roles as Role[]) : [];
        viewer = { id: payload.sub!, roles, sessionId: String(payload.sid) };
        viewer.issuedAtMs =
          typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat ?? 0) * 1000;
        if (typeof payload.akid === 'string') {
          viewer.apiKeyId = payload.akid;
          viewer.scopes = Array.isArray(payload.scp) ? payload.scp.map(String) : [];
        }
        // jose refuses at exp and after iat + maxTokenAge (both whole seconds): so does the cache
        validUntilMs = Math.min(payload.exp!, payload.iat! + maxAgeSeconds) * 1000;
      } catch {
        throw unauthenticated('The access token is invalid or expired.');
      }
      if (verified.size >= VERIFIED_TOKEN_CACHE_SIZE) {
        verified.delete(verified.keys().next().value!);
      }
      verified.set(token, {
        viewer: Object.freeze({ ...viewer, roles: [...viewer.roles] }),
        validUntilMs,
      });
    }
    refuseRevoked(viewer, revocations);
    return viewer;
  };
}

export const REVOKED_TOKEN_MESSAGE =
  'The access token was revoked (signed out, password or roles changed, or suspended). ' +
  'Refresh the session or sign in again.';

/** Throws UNAUTHENTICATED when a verified token has since been revoked. */
export function refuseRevoked(viewer: Viewer, revocations?: Pick<Revocations, 'isRevoked'>) {
  if (revocations?.isRevoked(viewer)) {
    throw unauthenticated(REVOKED_TOKEN_MESSAGE);
  }
}

/** Null when there is no Authorization header; a coded error when there is one that fails. */
export async function viewerFromAuthorization(
  header: string | undefined,
  verify: TokenVerifier,
): Promise<Viewer | null> {
  if (!header) {
    return null;
  }
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  if (!match) {
    throw unauthenticated('The Authorization header must be "Bearer <access token>".');
  }
  return verify(match[1]);
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) {
    throw unauthenticated();
  }
  return viewer;
}

export const hasRole = (viewer: Viewer | null, role: Role) => !!viewer?.roles.includes(role);

/** Signs an access token for a session; only the users subgraph holds the private key. */
export async function signAccessToken(
  privateJwk: JWK,
  viewer: Viewer,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date }> {
  const key = await importJWK(privateJwk, ACCESS_TOKEN_ALG);
  const nowMs = Date.now();
  const now = Math.floor(nowMs / 1000);
  // iat has whole seconds; a revocation made within the same second needs the finer time
  const claims: Record<string, unknown> = {
    roles: viewer.roles,
    sid: viewer.sessionId,
    iat_ms: nowMs,
  };
  if (viewer.apiKeyId) {
    claims.akid = viewer.apiKeyId;
    claims.scp = viewer.scopes ?? [];
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYPE, kid: privateJwk.kid })
    .setSubject(viewer.id)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setJti(randomUUID())
    .sign(key);
  return { token, expiresAt: new Date((now + ttlSeconds) * 1000) };
}
