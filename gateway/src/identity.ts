import {
  type BucketLimits,
  createLogger,
  createTokenVerifier,
  refuseRevoked,
  requestIdOf,
  type Revocations,
  viewerFromAuthorization,
  type TokenVerifier,
  type Viewer,
} from '@vp/kit';
import type express from 'express';
import { GraphQLError } from 'graphql';
import { type JSONWebKeySet } from 'jose';

/** A key the caller presented, as users described it. */
export interface ApiKeyIdentity {
  id: string;
  scopes: string[];
  allowedOrigins: string[];
  /** The key's own budget; null: the default for keys. */
  limits: BucketLimits | null;
}

/** Per-request identity, set by `identityMiddleware` and read by the Apollo context and the limits. */
export interface RequestIdentity {
  requestId: string;
  viewer: Viewer | null;
  /**
   * The Authorization header forwarded to subgraphs, only once verified: the caller's own access
   * token, or for an API key the short-lived token users signed for the key's owner.
   */
  authorization?: string;
  apiKey?: ApiKeyIdentity;
}

export const isApiKey = (token: string) => token.startsWith('vp_');

/** What users answers about a key (subgraphs/users/src/api-keys/api-key.service.ts VerifiedKey). */
interface VerifiedKey {
  accessToken: string;
  keyId: string;
  scopes: string[];
  allowedOrigins: string[];
  budget: BucketLimits | null;
}

export type ApiKeyVerifier = (
  key: string,
) => Promise<{ viewer: Viewer; authorization: string; apiKey: ApiKeyIdentity } | null>;

/**
 * Asks users about a key on every request (one indexed look-up there, keep-alive here), so that a
 * revoked key is refused from the next request on; users signs a short-lived access token for the
 * key's owner, limited to the key's scopes, which is what subgraphs see. Null: unknown or revoked.
 */
export function createApiKeyVerifier(
  verifyUrl: () => string,
  fetcher: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
  ) => Promise<{ status: number; json(): Promise<unknown> }>,
  verifyToken: TokenVerifier,
): ApiKeyVerifier {
  return async key => {
    const response = await fetcher(verifyUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    if (response.status === 401) {
      return null;
    }
    if (response.status !== 200) {
      throw new Error(`users answered ${response.status} to a key check`);
    }
    const verified = (await response.json()) as VerifiedKey;
    return {
      viewer: await verifyToken(verified.accessToken),
      authorization: `Bearer ${verified.accessToken}`,
      apiKey: {
        id: verified.keyId,
        scopes: verified.scopes,
        allowedOrigins: verified.allowedOrigins,
        limits: verified.budget,
      },
    };
  };
}

export const identityOf = (res: express.Response) => res.locals.identity as RequestIdentity;

/**
 * Verifies access tokens, remembering a verified token until it expires so that a busy client does
 * not pay a signature check per request. Failures are never cached. The cache is bounded.
 */
export function createCachedVerifier(
  jwks: JSONWebKeySet,
  revocations?: Pick<Revocations, 'isRevoked'>,
  maxEntries = 10_000,
): TokenVerifier {
  const verify = createTokenVerifier(jwks, revocations);
  const cache = new Map<string, { viewer: Viewer; expiresAt: number }>();
  return async token => {
    const hit = cache.get(token);
    if (hit && hit.expiresAt > Date.now()) {
      // a cached token may have been revoked since (sign-out, password, roles, suspension)
      refuseRevoked(hit.viewer, revocations);
      return hit.viewer;
    }
    const viewer = await verify(token);
    const exp = expiryOf(token);
    if (exp) {
      if (cache.size >= maxEntries) {
        cache.clear();
      }
      cache.set(token, { viewer, expiresAt: exp * 1000 });
    }
    return viewer;
  };
}

/** The `exp` claim (epoch seconds) of a token already verified, or undefined. */
export function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/** A coded GraphQL error body, for answers given before Apollo sees the request. */
export const errorBody = (
  message: string,
  code: string,
  extensions: Record<string, unknown> = {},
) => ({
  errors: [{ message, extensions: { code, ...extensions } }],
});

const log = createLogger('gateway');

/**
 * Runs before Apollo: a request with a bad, expired or forged token, or an unknown or revoked API
 * key (`Bearer vp_…`), gets 401 UNAUTHENTICATED and never reaches planning or a subgraph. No
 * Authorization header means an anonymous viewer.
 */
export function identityMiddleware(
  verifyToken: TokenVerifier,
  verifyKey?: ApiKeyVerifier,
): express.RequestHandler {
  return async (req, res, next) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const authorization = req.headers.authorization;
    const key = /^Bearer (vp_\S*)$/.exec(authorization?.trim() ?? '')?.[1];
    if (key && verifyKey) {
      try {
        const verified = await verifyKey(key);
        if (!verified) {
          res.status(401).json(
            errorBody('The API key is unknown or has been revoked.', 'UNAUTHENTICATED', {
              requestId,
            }),
          );
          return;
        }
        res.locals.identity = { requestId, ...verified } satisfies RequestIdentity;
        next();
      } catch (error) {
        log.error({ requestId, err: error }, 'API key check failed');
        res.status(503).json(
          errorBody('The service is unavailable. Try again later.', 'INTERNAL_SERVER_ERROR', {
            requestId,
          }),
        );
      }
      return;
    }
    try {
      const viewer = await viewerFromAuthorization(authorization, verifyToken);
      res.locals.identity = {
        requestId,
        viewer,
        authorization: viewer ? authorization : undefined,
      };
      next();
    } catch (error) {
      const message =
        error instanceof GraphQLError ? error.message : 'The access token is invalid or expired.';
      res.status(401).json(errorBody(message, 'UNAUTHENTICATED', { requestId }));
    }
  };
}
