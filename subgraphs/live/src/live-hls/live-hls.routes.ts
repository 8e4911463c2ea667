import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { type EntityManager } from '@mikro-orm/postgresql';
import { createLogger, type MikroORM, type SharedState } from '@vp/kit';
import { cacheControlFor, contentTypeFor, HmacPlaybackSigner } from '@vp/media';
import express, { type Request, type Response, type Router } from 'express';
import { type LiveSettings } from '../context';
import { recordPlaylistFetch } from '../viewers/viewer-counts';

const CORS = {
  // The URL is the credential (no cookies): any origin may read it, like /media.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};

const LIVE_KEY = /^live\/([0-9a-f-]{36})\/(.+)$/;

const isLocal = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * The player's address: the gateway (on this host or network) appends the client's address to
 * X-Forwarded-For; a direct caller is its own socket address. It only tells players apart.
 */
function clientAddress(req: Request): string {
  const peer = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .pop()
    ?.trim();
  return isLocal(peer) && last && isIP(last) ? last : peer;
}

/** An opaque per-player key: the same signed URL from the same address is one player. */
export const playerKey = (token: string, address: string) =>
  createHash('sha256').update(`${token}\n${address}`).digest('base64url').slice(0, 22);

/**
 * `GET|HEAD /live/<token>/live/<streamId>/…`: the live HLS ffmpeg writes, served while it is
 * written, with the same HMAC tokens as /media (signature, expiry, key under the signed
 * `live/<streamId>/` prefix, checked before the disk is touched). Playlists are `max-age=1`,
 * segments immutable; each playlist fetch counts the player as a viewer for 30 s.
 */
export function liveHlsRoutes(settings: LiveSettings, orm: MikroORM, shared: SharedState): Router {
  const router = express.Router();
  const log = createLogger('live-hls');
  const signer = settings.signer;
  if (!(signer instanceof HmacPlaybackSigner)) {
    return router; // CloudFront serves live HLS from S3 (MediaLive's output) in production
  }

  router.options('/live/:token/*key', (_req, res) => {
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
    // The raw path: Express's params are URL-decoded, and a key never needs escaping.
    const match = /^\/live\/([^/]+)\/(.+)$/.exec(req.path);
    if (!match) {
      return refuse(res, 404, 'not_found');
    }
    const [, token, key] = match;
    const check = signer.verify(token, key);
    if (!check.ok) {
      return refuse(res, 403, check.reason);
    }
    const live = LIVE_KEY.exec(key);
    // ffmpeg's files in the making (`*.tmp`) are not served: a listed file is a whole one.
    if (!live || key.endsWith('.tmp')) {
      return refuse(res, 404, 'not_found');
    }
    res.setHeader('Content-Type', contentTypeFor(key) ?? 'application/octet-stream');
    res.setHeader('Cache-Control', cacheControlFor(key, { live: true }));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const served = await new Promise<boolean>(resolve => {
      res.sendFile(
        key,
        { root: settings.hlsDir, dotfiles: 'deny', acceptRanges: true, lastModified: true },
        error => {
          if (error && !res.headersSent) {
            const status = (error as { status?: number }).status;
            refuse(res, status === 404 ? 404 : status === 416 ? 416 : 500, 'unavailable');
          }
          resolve(!error);
        },
      );
    });
    if (served && key.endsWith('.m3u8')) {
      const em = orm.em.fork() as EntityManager;
      recordPlaylistFetch({ shared, em }, live[1], playerKey(token, clientAddress(req))).catch(
        (err: unknown) => log.warn({ err }, 'could not count a player'),
      );
    }
  };
  router.get('/live/:token/*key', serve);
  router.head('/live/:token/*key', serve);
  return router;
}

function refuse(res: Response, status: number, error: string): void {
  res.removeHeader('Content-Type');
  res.set({ 'Cache-Control': 'no-store' });
  res.status(status).json({ error });
}
