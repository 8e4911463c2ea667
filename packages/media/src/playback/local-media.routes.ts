import express, { type Request, type Response, type Router } from 'express';
import { cacheControlFor, contentTypeFor } from '../caching';
import type { LocalStorage } from '../storage/local-storage';
import type { HmacPlaybackSigner } from './hmac-signer';

export interface LocalMediaRoutesOptions {
  /** For tests: the clock tokens are checked against. */
  now?: () => number;
}

const CORS = {
  // Signed media carries its authorisation in the URL, never in cookies: any origin may read it.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};

/**
 * `GET|HEAD /media/<token>/<key>`: the embedded stand-in for CloudFront. Every request checks the
 * token (signature, expiry, key under the signed prefix) before touching the disk; files are served
 * with their content type, the caching table's Cache-Control, ETag and Range support.
 */
export function localMediaRoutes(
  storage: LocalStorage,
  signer: HmacPlaybackSigner,
  options: LocalMediaRoutesOptions = {},
): Router {
  const now = options.now ?? Date.now;
  const router = express.Router();

  router.options('/media/:token/*key', (_req, res) => {
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
    const match = /^\/media\/([^/]+)\/(.+)$/.exec(req.path);
    if (!match) {
      return refuse(res, 404, 'not_found');
    }
    const [, token, key] = match;
    const check = signer.verify(token, key, now());
    if (!check.ok) {
      return refuse(res, 403, check.reason);
    }
    const metadata = await storage.metadata(key);
    // setHeader, not res.set: Express would append a charset to text types (S3 serves what is stored).
    res.setHeader(
      'Content-Type',
      metadata.contentType ?? contentTypeFor(key) ?? 'application/octet-stream',
    );
    res.setHeader('Cache-Control', metadata.cacheControl ?? cacheControlFor(key));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await new Promise<void>(resolve => {
      res.sendFile(key, { root: storage.dir, dotfiles: 'deny', acceptRanges: true }, error => {
        if (error && !res.headersSent) {
          const status = (error as { status?: number }).status;
          if (status === 404) {
            refuse(res, 404, 'not_found');
          } else if (status === 416) {
            refuse(
              res,
              416,
              'range_not_satisfiable',
              (error as { headers?: Record<string, string> }).headers,
            );
          } else {
            refuse(res, 500, 'unavailable');
          }
        }
        resolve();
      });
    });
  };
  router.get('/media/:token/*key', serve);
  router.head('/media/:token/*key', serve);
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
