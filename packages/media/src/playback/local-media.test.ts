import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { cacheControlFor, contentTypeFor } from '../caching';
import { InvalidKeyError } from '../keys';
import { LocalStorage } from '../storage/local-storage';
import { HmacPlaybackSigner } from './hmac-signer';
import { localMediaRoutes } from './local-media.routes';

const SECRET = 'p'.repeat(48);
const SEGMENT = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 256));

let dir: string;
let server: Server;
let origin: string;
let storage: LocalStorage;
let signer: HmacPlaybackSigner;
let clockSkewMs = 0;
const inADay = () => new Date(Date.now() + 24 * 3600_000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-media-playback-'));
  const app = express();
  server = await new Promise(resolve => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  storage = new LocalStorage({ dir: join(dir, 'media'), publicUrl: origin, secret: SECRET });
  signer = new HmacPlaybackSigner({ publicUrl: origin, secret: SECRET });
  app.use(localMediaRoutes(storage, signer, { now: () => Date.now() + clockSkewMs }));

  // What the transcoder stores (through putFile, with the caching helpers)…
  const store = async (key: string, content: Buffer | string) => {
    const file = join(dir, 'source-file');
    writeFileSync(file, content);
    await storage.putFile(key, file, {
      contentType: contentTypeFor(key)!,
      cacheControl: cacheControlFor(key),
    });
  };
  await store(
    'videos/v1/master.m3u8',
    '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n360p/index.m3u8\n',
  );
  await store('videos/v1/360p/index.m3u8', '#EXTM3U\n#EXTINF:4.0,\nseg_000.ts\n#EXT-X-ENDLIST\n');
  await store('videos/v1/360p/seg_000.ts', SEGMENT);
  await store('videos/v1/poster.jpg', 'jpeg bytes');
  await store('videos/v1/storyboard.vtt', 'WEBVTT\n');
  await store('videos/v2/master.m3u8', '#EXTM3U\n# the other video\n');
  await store('videos/v10/master.m3u8', '#EXTM3U\n# a video whose id starts like v1\n');
  await store('live/l1/index.m3u8', '#EXTM3U\n# live\n');
  // …and files that arrived without metadata (the route falls back on the extension).
  mkdirSync(join(dir, 'media/videos/v1/720p'), { recursive: true });
  writeFileSync(join(dir, 'media/videos/v1/720p/init.m4s'), 'fmp4 init');
  writeFileSync(join(dir, 'media/videos/v1/720p/index.m3u8'), '#EXTM3U\n');
});
afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  clockSkewMs = 0;
});

function rawGet(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      socket.end(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', chunk => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function tokenOf(url: string): string {
  return new URL(url).pathname.split('/')[2];
}

describe('HmacPlaybackSigner', () => {
  it('puts the token in the path, before the key, and rounds the expiry down to a second', () => {
    const expiresAt = new Date(Date.UTC(2031, 0, 2, 3, 4, 5, 678));
    const signed = signer.sign('videos/v1/', 'master.m3u8', expiresAt);
    expect(signed.hlsUrl).toMatch(
      new RegExp(`^${origin}/media/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+/videos/v1/master\\.m3u8$`),
    );
    expect(signed.expiresAt.toISOString()).toBe('2031-01-02T03:04:05.000Z');
    expect(
      JSON.parse(Buffer.from(tokenOf(signed.hlsUrl).split('.')[0], 'base64url').toString()),
    ).toEqual({
      p: 'videos/v1/',
      e: Math.floor(expiresAt.getTime() / 1000),
    });
    expect(signer.signFile('videos/v1/', 'poster.jpg', expiresAt)).toBe(
      signed.hlsUrl.replace('master.m3u8', 'poster.jpg'),
    );
  });

  it('refuses to sign a prefix that is not a folder, or a file outside it', () => {
    expect(() => signer.sign('videos/v1', 'master.m3u8', inADay())).toThrow(InvalidKeyError);
    expect(() => signer.sign('', 'master.m3u8', inADay())).toThrow(InvalidKeyError);
    expect(() => signer.sign('videos/v1/', '../v2/master.m3u8', inADay())).toThrow(InvalidKeyError);
    expect(() => signer.signFile('/videos/v1/', 'poster.jpg', inADay())).toThrow(InvalidKeyError);
  });

  it('verifies its own tokens, with reasons for the others', () => {
    const token = signer.token('videos/v1/', inADay());
    expect(signer.verify(token, 'videos/v1/360p/seg_000.ts')).toMatchObject({
      ok: true,
      prefix: 'videos/v1/',
    });
    expect(signer.verify(token, 'videos/v2/master.m3u8')).toEqual({
      ok: false,
      reason: 'outside-prefix',
    });
    expect(signer.verify(token, 'videos/v10/master.m3u8')).toEqual({
      ok: false,
      reason: 'outside-prefix',
    });
    expect(signer.verify(token, 'videos/v1/../v2/master.m3u8')).toEqual({
      ok: false,
      reason: 'outside-prefix',
    });
    expect(signer.verify(token, 'videos/v1/x', Date.now() + 25 * 3600_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    const other = new HmacPlaybackSigner({ publicUrl: origin, secret: 'q'.repeat(48) });
    expect(other.verify(token, 'videos/v1/x')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify('garbage', 'videos/v1/x')).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify(`${token}.extra`, 'videos/v1/x')).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('GET /media/<token>/<key> (local media server)', () => {
  it('serves the master playlist with its type, a short Cache-Control and CORS', async () => {
    const { hlsUrl } = signer.sign('videos/v1/', 'master.m3u8', inADay());
    const response = await fetch(hlsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(response.headers.get('cache-control')).toBe('public, max-age=2');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('360p/index.m3u8');
  });

  it('lets the player follow the relative URIs inside playlists: they keep the token', async () => {
    const { hlsUrl } = signer.sign('videos/v1/', 'master.m3u8', inADay());
    const variant = new URL('360p/index.m3u8', hlsUrl);
    expect((await fetch(variant)).status).toBe(200);
    const segment = await fetch(new URL('seg_000.ts', variant));
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
    expect(segment.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await segment.arrayBuffer()).equals(SEGMENT)).toBe(true);
  });

  it.each([
    ['poster.jpg', 'image/jpeg', 'public, max-age=31536000, immutable'],
    ['storyboard.vtt', 'text/vtt', 'public, max-age=31536000, immutable'],
    ['720p/init.m4s', 'video/mp4', 'public, max-age=31536000, immutable'],
    ['720p/index.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=2'],
  ])('serves %s as %s with %s', async (file, type, cacheControl) => {
    const response = await fetch(signer.signFile('videos/v1/', file, inADay()));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
  });

  it('gives live playlists an even shorter Cache-Control', async () => {
    const response = await fetch(signer.sign('live/l1/', 'index.m3u8', inADay()).hlsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=1');
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const url = signer.signFile('videos/v1/', '360p/seg_000.ts', inADay());
    const response = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    expect(response.headers.get('content-type')).toBe('video/mp2t');
    expect(Buffer.from(await response.arrayBuffer()).equals(SEGMENT.subarray(100, 200))).toBe(true);

    const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(SEGMENT.subarray(990))).toBe(true);

    const beyond = await fetch(url, { headers: { Range: 'bytes=5000-6000' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(signer.signFile('videos/v1/', '360p/seg_000.ts', inADay()), {
      method: 'HEAD',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('content-type')).toBe('video/mp2t');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await response.text()).toBe('');
  });

  it('answers the CORS preflight of a player sending Range', async () => {
    const response = await fetch(signer.signFile('videos/v1/', '360p/seg_000.ts', inADay()), {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'range',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('Range');
  });

  it('answers 404 (not cached) for a missing file under a valid token', async () => {
    const response = await fetch(signer.signFile('videos/v1/', 'missing.ts', inADay()));
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  describe('refusals (403, never cached)', () => {
    const expectRefused = async (url: string | URL, reason: string) => {
      const response = await fetch(url);
      expect(response.status).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: reason });
    };

    it('refuses an expired URL', async () => {
      const url = signer.sign('videos/v1/', 'master.m3u8', new Date(Date.now() + 60_000)).hlsUrl;
      clockSkewMs = 61_000;
      await expectRefused(url, 'expired');
    });

    it('refuses a token whose signature was altered', async () => {
      const url = signer.sign('videos/v1/', 'master.m3u8', inADay()).hlsUrl;
      const token = tokenOf(url);
      const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      await expectRefused(url.replace(token, altered), 'bad-signature');
    });

    it('refuses a token whose payload was rewritten to another prefix or a later expiry', async () => {
      const url = signer.sign('videos/v1/', 'master.m3u8', inADay()).hlsUrl;
      const token = tokenOf(url);
      const [payload, mac] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forge = (changes: object) =>
        `${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${mac}`;
      await expectRefused(
        url.replace(token, forge({ p: 'videos/v2/' })).replace('/v1/', '/v2/'),
        'bad-signature',
      );
      await expectRefused(
        url.replace(token, forge({ e: claims.e + 86400 * 365 })),
        'bad-signature',
      );
    });

    it("refuses another video's files with this video's token", async () => {
      const url = signer.sign('videos/v1/', 'master.m3u8', inADay()).hlsUrl;
      await expectRefused(url.replace('/videos/v1/', '/videos/v2/'), 'outside-prefix');
      await expectRefused(url.replace('/videos/v1/', '/videos/v10/'), 'outside-prefix');
      // A relative URI climbing out of the prefix, as a crafted playlist could contain.
      await expectRefused(new URL('../v2/master.m3u8', url), 'outside-prefix');
    });

    it.each([
      ['a raw `..`', '/videos/v1/../v2/master.m3u8'],
      ['an encoded `..`', '/videos/v1/%2e%2e/v2/master.m3u8'],
      ['an encoded slash', '/videos/v1/..%2fv2/master.m3u8'],
      ['a hidden metadata file', '/videos/v1/.master.m3u8.meta.json'],
    ])('refuses a path with %s that a browser would not send', async (_what, suffix) => {
      const token = signer.token('videos/v1/', inADay());
      const answer = await rawGet(`/media/${token}${suffix}`);
      expect(answer).toMatch(/^HTTP\/1\.1 403/);
      expect(answer).not.toContain('other video');
    });

    it('refuses an upload-style or made-up token', async () => {
      await expectRefused(`${origin}/media/not-a-token/videos/v1/master.m3u8`, 'malformed');
      await expectRefused(`${origin}/media/a.b/videos/v1/master.m3u8`, 'bad-signature');
    });
  });
});
