import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { type EntityManager } from '@mikro-orm/postgresql';
import { createLogger, type MikroORM, type SharedState } from '@vp/kit';
import { cacheControlFor, contentTypeFor, HmacPlaybackSigner, signedFileRoutes } from '@vp/media';
import express, { type Request, type Router } from 'express';
import { type LiveSettings } from '../context';
import { recordPlaylistFetch } from '../viewers/viewer-counts';

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
 * written, with the same HMAC tokens as /media. Playlists are `max-age=1`, segments immutable;
 * each playlist fetch counts the player as a viewer for 30 s.
 */
export function liveHlsRoutes(settings: LiveSettings, orm: MikroORM, shared: SharedState): Router {
  const signer = settings.signer;
  if (!(signer instanceof HmacPlaybackSigner)) {
    return express.Router(); // CloudFront serves live HLS from S3 (MediaLive's output) in production
  }
  const log = createLogger('live-hls');
  return signedFileRoutes({
    mount: 'live',
    signer,
    root: settings.hlsDir,
    async headersFor(key) {
      // ffmpeg's files in the making (`*.tmp`) are not served: a listed file is a whole one.
      if (!LIVE_KEY.test(key) || key.endsWith('.tmp')) {
        return null;
      }
      return {
        contentType: contentTypeFor(key) ?? 'application/octet-stream',
        cacheControl: cacheControlFor(key, { live: true }),
      };
    },
    onServed(req, token, key) {
      const streamId = LIVE_KEY.exec(key)?.[1];
      if (!streamId || !key.endsWith('.m3u8')) {
        return;
      }
      const em = orm.em.fork() as EntityManager;
      recordPlaylistFetch({ shared, em }, streamId, playerKey(token, clientAddress(req))).catch(
        (err: unknown) => log.warn({ err }, 'could not count a player'),
      );
    },
  });
}
