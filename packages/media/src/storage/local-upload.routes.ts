import express, { type Request, type Response, type Router } from 'express';
import { isValidKey } from '../keys';
import type { LocalStorage } from './local-storage';

export interface LocalUploadRoutesOptions {
  /** The largest body accepted, whatever the URL says (the videos subgraph's upload limit). */
  maxBytes: number;
  /** For tests: the clock the expiry is checked against. */
  now?: () => number;
}

const PREFIX = '/uploads/';

/**
 * `PUT /uploads/<key>?expires&size&type&sig`: the embedded stand-in for a presigned S3 PUT. The body
 * is streamed to disk (never parsed or buffered: mount this before any body parser), and kept only
 * when the signature holds, the headers match what was signed and exactly the signed number of
 * bytes arrived; a key that already holds an object is refused, so an upload URL works once.
 */
export function localUploadRoutes(
  storage: LocalStorage,
  options: LocalUploadRoutesOptions,
): Router {
  const now = options.now ?? Date.now;
  const router = express.Router();

  router.options('/uploads/*key', (_req, res) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'PUT',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  });

  router.put('/uploads/*key', async (req: Request, res: Response) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    // The raw path, not Express's decoded params: keys never need escaping, so `%2e%2e` and
    // friends are simply invalid.
    const key = req.path.slice(PREFIX.length);
    if (!isValidKey(key)) {
      return refuse(res, 400, 'invalid_key');
    }
    const check = storage.checkUpload(key, req.query as Record<string, unknown>, now());
    if (!check.ok) {
      return refuse(res, 403, check.reason);
    }
    if (req.headers['content-type'] !== check.contentType) {
      return refuse(res, 400, 'content_type_mismatch');
    }
    const declared = req.headers['content-length'];
    if (
      req.headers['transfer-encoding'] ||
      declared === undefined ||
      Number(declared) !== check.sizeBytes
    ) {
      return refuse(res, 400, 'content_length_mismatch');
    }
    if (check.sizeBytes > options.maxBytes) {
      return refuse(res, 413, 'too_large');
    }
    let outcome;
    try {
      outcome = await storage.acceptUpload(key, req, check);
    } catch (error) {
      // The client went away mid-body (or the disk failed): nothing was kept.
      if (
        req.destroyed ||
        req.readableAborted ||
        (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE'
      ) {
        return refuse(res, 400, 'incomplete_body');
      }
      throw error;
    }
    if (outcome === 'exists') {
      return refuse(res, 409, 'already_uploaded');
    }
    if (outcome === 'wrong-size') {
      return refuse(res, 400, 'content_length_mismatch');
    }
    res.status(201).json({ key, sizeBytes: check.sizeBytes });
  });

  return router;
}

function refuse(res: Response, status: number, error: string): void {
  if (res.headersSent) {
    return;
  }
  // The body may be unread (refused before streaming): close rather than read gigabytes to discard.
  res.set('Connection', 'close');
  res.status(status).json({ error });
}
