import express, { type Request, type Response, type Router } from 'express';
import type { HmacPlaybackSigner, TokenCheck } from './hmac-signer';

const CORS = {
  // Signed media carries its authorisation in the URL, never in cookies: any origin may read it.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};

export interface SignedFileRoutesOptions {
  /** The path segment the routes answer under: `/<mount>/<token>/<key>`. */
  mount: string;
  signer: HmacPlaybackSigner;
  /** The folder keys are files in. */
  root: string;
  /** The Content-Type and Cache-Control of a key, or null when it is not to be served (404). */
  headersFor(key: string): Promise<{ contentType: string; cacheControl: string } | null>;
  /**
   * Asked before each file is served, after the token checked out: whether its holder may still
   * read `key` (access can end before the token does). False answers 403 `access_ended`.
   */
  admit?(key: string, check: Extract<TokenCheck, { ok: true }>): Promise<boolean>;
  /** Told of each file served whole or in part (live playlists count players). */
  onServed?(request: Request, token: string, key: string): void;
  /** For tests: the clock tokens are checked against. */
  now?: () => number;
}

/**
 * `GET|HEAD /<mount>/<token>/<key>`: files under a folder, each request checked against an HMAC
 * token (signature, expiry, key under the signed prefix) before the disk is touched; served with
 * their headers, ETag, Range support and CORS. The embedded stand-in for CloudFront, used by the
 * media of videos (`/media`) and by live HLS (`/live`).
 */
export function signedFileRoutes(options: SignedFileRoutesOptions): Router {
  const now = options.now ?? Date.now;
  const router = express.Router();
  const path = new RegExp(`^/${options.mount}/([^/]+)/(.+)$`);

  router.options(`/${options.mount}/:token/*key`, (_req, res) => {
    res.set({
      ...CORS,
      'Access-Control-Allow-Methods': 'GET, HEAD',
      'Access-Control-Allow-Headers': 'Range',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  });

  const serve = async (req: Request, res: Response) => {
    res.set(CORS);
    // The raw path: Express's params are URL-decoded, and a key never needs escaping anyway.
    const match = path.exec(req.path);
    if (!match) {
      return refuse(res, 404, 'not_found');
    }
    const [, token, key] = match;
    const check = options.signer.verify(token, key, now());
    if (!check.ok) {
      return refuse(res, 403, check.reason);
    }
    if (options.admit) {
      let admitted: boolean;
      try {
        admitted = await options.admit(key, check);
      } catch {
        // fail closed: a check that cannot run never serves
        return refuse(res, 503, 'unavailable');
      }
      if (!admitted) {
        return refuse(res, 403, 'access_ended');
      }
    }
    const headers = await options.headersFor(key);
    if (!headers) {
      return refuse(res, 404, 'not_found');
    }
    // setHeader, not res.set: Express would append a charset to text types (S3 serves what is stored).
    res.setHeader('Content-Type', headers.contentType);
    res.setHeader('Cache-Control', headers.cacheControl);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const served = await new Promise<boolean>(resolve => {
      res.sendFile(
        key,
        { root: options.root, dotfiles: 'deny', acceptRanges: true, lastModified: true },
        error => {
          if (error && !res.headersSent) {
            const status = (error as { status?: number }).status;
            if (status === 404) {
              refuse(res, 404, 'not_found');
            } else if (status === 416) {
              const rangeHeaders = (error as { headers?: Record<string, string> }).headers;
              refuse(res, 416, 'range_not_satisfiable', rangeHeaders);
            } else {
              refuse(res, 500, 'unavailable');
            }
          }
          resolve(!error);
        },
      );
    });
    if (served) {
      options.onServed?.(req, token, key);
    }
  };
  router.get(`/${options.mount}/:token/*key`, serve);
  router.head(`/${options.mount}/:token/*key`, serve);
  return router;
}

function refuse(
  res: Response,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): void {
  res.removeHeader('Content-Type');
  res.removeHeader('Content-Range');
  res.set({ ...headers, 'Cache-Control': 'no-store' });
  res.status(status).json({ error });
}
