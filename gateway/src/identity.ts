import {
  createTokenVerifier,
  requestIdOf,
  viewerFromAuthorization,
  type TokenVerifier,
  type Viewer,
} from '@vp/kit';
import type express from 'express';
import { GraphQLError } from 'graphql';
import { type JSONWebKeySet } from 'jose';

/** Per-request identity, set by `identityMiddleware` and read by the Apollo context and the limits. */
export interface RequestIdentity {
  requestId: string;
  viewer: Viewer | null;
  /** The caller's Authorization header, forwarded to subgraphs only once verified. */
  authorization?: string;
}

export const identityOf = (res: express.Response) => res.locals.identity as RequestIdentity;

/**
 * Verifies access tokens, remembering a verified token until it expires so that a busy client does
 * not pay a signature check per request. Failures are never cached. The cache is bounded.
 */
export function createCachedVerifier(jwks: JSONWebKeySet, maxEntries = 10_000): TokenVerifier {
  const verify = createTokenVerifier(jwks);
  const cache = new Map<string, { viewer: Viewer; expiresAt: number }>();
  return async token => {
    const hit = cache.get(token);
    if (hit && hit.expiresAt > Date.now()) {
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

/**
 * Runs before Apollo: a request with a bad, expired or forged token gets 401 UNAUTHENTICATED and
 * never reaches planning or a subgraph. No Authorization header means an anonymous viewer.
 */
export function identityMiddleware(verifyToken: TokenVerifier): express.RequestHandler {
  return async (req, res, next) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const authorization = req.headers.authorization;
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
