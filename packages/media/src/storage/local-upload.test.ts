import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { eventually } from '@vp/kit/testing';
import { LocalStorage } from './local-storage';
import { localUploadRoutes } from './local-upload.routes';

const SECRET = 's'.repeat(40);
const MAX_BYTES = 16 * 1024 ** 2;

let dir: string;
let server: Server;
let origin: string;
let storage: LocalStorage;
let clockSkewMs = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-media-upload-'));
  const app = express();
  server = await new Promise(resolve => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  storage = new LocalStorage({ dir, publicUrl: origin, secret: SECRET });
  app.use(localUploadRoutes(storage, { maxBytes: MAX_BYTES, now: () => Date.now() + clockSkewMs }));
});
afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  clockSkewMs = 0;
});

let counter = 0;
const newKey = () => `uploads/u${++counter}/source`;

async function targetFor(
  key: string,
  sizeBytes: number,
  contentType = 'video/mp4',
  expiresInSeconds = 600,
) {
  return storage.createUploadTarget(key, { contentType, sizeBytes, expiresInSeconds });
}

async function put(url: string, body: Buffer, contentType = 'video/mp4') {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

/** Every file under the key's folder, hidden ones (temp files, metadata) included. */
function filesBeside(key: string): string[] {
  const folder = join(dir, key, '..');
  return existsSync(folder) ? readdirSync(folder) : [];
}

/** A raw HTTP exchange, for what fetch will not send (lying Content-Length, odd paths). */
function rawRequest(raw: string | Buffer, endAfterWrite = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(raw);
      if (endAfterWrite) {
        socket.end();
      }
    });
    let answer = '';
    socket.on('data', chunk => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('PUT /uploads/<key> (local upload target)', () => {
  it('stores the body under the key with its content type', async () => {
    const key = newKey();
    const body = randomBytes(1000);
    const target = await targetFor(key, body.length);
    expect(target.url.startsWith(`${origin}/uploads/${key}?`)).toBe(true);
    expect(await put(target.url, body)).toEqual({ status: 201, body: { key, sizeBytes: 1000 } });
    expect(readFileSync(join(dir, key)).equals(body)).toBe(true);
    expect(await storage.head(key)).toEqual({ sizeBytes: 1000, contentType: 'video/mp4' });
  });

  it('refuses a second PUT of the same URL with 409 and keeps the first body (single use, F4)', async () => {
    const key = newKey();
    const first = randomBytes(100);
    const target = await targetFor(key, 100);
    expect((await put(target.url, first)).status).toBe(201);
    expect(await put(target.url, randomBytes(100))).toEqual({
      status: 409,
      body: { error: 'already_uploaded' },
    });
    expect(readFileSync(join(dir, key)).equals(first)).toBe(true);
  });

  it('lets exactly one of two racing PUTs win', async () => {
    const key = newKey();
    const target = await targetFor(key, 200_000);
    const [a, b] = await Promise.all([
      put(target.url, randomBytes(200_000)),
      put(target.url, randomBytes(200_000)),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(statSync(join(dir, key)).size).toBe(200_000);
    expect(filesBeside(key).filter(name => name.endsWith('.part'))).toEqual([]);
  });

  it.each([
    [
      'the signature',
      (url: URL) => url.searchParams.set('sig', flipLastChar(url.searchParams.get('sig')!)),
    ],
    [
      'the signature, with a character appended',
      (url: URL) => url.searchParams.set('sig', `${url.searchParams.get('sig')}A`),
    ],
    ['the declared size', (url: URL) => url.searchParams.set('size', '101')],
    ['the content type', (url: URL) => url.searchParams.set('type', 'video/webm')],
    [
      'the expiry',
      (url: URL) =>
        url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600)),
    ],
    ['the key', (url: URL) => (url.pathname = url.pathname.replace('/source', '/other'))],
    ['nothing but drops the signature', (url: URL) => url.searchParams.delete('sig')],
  ])('refuses a URL whose %s was tampered with (403) and keeps nothing', async (_what, tamper) => {
    const key = newKey();
    const target = await targetFor(key, 100);
    const url = new URL(target.url);
    tamper(url);
    const contentType = url.searchParams.get('type') ?? 'video/mp4';
    const body = randomBytes(Number(url.searchParams.get('size') ?? 100));
    expect(await put(url.toString(), body, contentType)).toEqual({
      status: 403,
      body: { error: 'bad-signature' },
    });
    expect(filesBeside(key)).toEqual([]);
    expect(await storage.head(key)).toBeNull();
  });

  it('refuses an expired URL with 403', async () => {
    const key = newKey();
    const target = await targetFor(key, 10, 'video/mp4', 60);
    clockSkewMs = 61_000;
    expect(await put(target.url, randomBytes(10))).toEqual({
      status: 403,
      body: { error: 'expired' },
    });
    expect(await storage.head(key)).toBeNull();
  });

  it('refuses a Content-Type other than the signed one with 400', async () => {
    const key = newKey();
    const target = await targetFor(key, 10, 'video/mp4');
    expect(await put(target.url, randomBytes(10), 'application/zip')).toEqual({
      status: 400,
      body: { error: 'content_type_mismatch' },
    });
    expect(await put(target.url, randomBytes(10), 'video/mp4; charset=x')).toMatchObject({
      status: 400,
    });
    expect(await storage.head(key)).toBeNull();
  });

  it('refuses a body larger or smaller than the signed size with 400 and keeps nothing', async () => {
    const key = newKey();
    const target = await targetFor(key, 100);
    expect(await put(target.url, randomBytes(101))).toEqual({
      status: 400,
      body: { error: 'content_length_mismatch' },
    });
    expect(await put(target.url, randomBytes(99))).toEqual({
      status: 400,
      body: { error: 'content_length_mismatch' },
    });
    expect(filesBeside(key)).toEqual([]);
    // The URL is still good for the right body: the refusals consumed nothing.
    expect((await put(target.url, randomBytes(100))).status).toBe(201);
  });

  it('refuses a chunked body (no Content-Length) with 400', async () => {
    const key = newKey();
    const target = await targetFor(key, 10);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        target.url,
        { method: 'PUT', headers: { 'Content-Type': 'video/mp4' } },
        res => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(randomBytes(5));
      req.end(randomBytes(5));
    });
    expect(status).toBe(400);
    expect(await storage.head(key)).toBeNull();
  });

  it('keeps nothing when the client declares the right size but hangs up early', async () => {
    const key = newKey();
    const target = await targetFor(key, 1000);
    const url = new URL(target.url);
    const answer = await rawRequest(
      Buffer.concat([
        Buffer.from(
          `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: video/mp4\r\nContent-Length: 1000\r\n\r\n`,
        ),
        randomBytes(400),
      ]),
    );
    // The client is gone, so an answer may not get through; if one does, it is a 400.
    if (answer) {
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
    }
    await eventually(() => filesBeside(key).length === 0);
    expect(filesBeside(key)).toEqual([]);
    expect(await storage.head(key)).toBeNull();
  });

  it('refuses with 413 a signed size above the route limit', async () => {
    const key = newKey();
    const target = await targetFor(key, MAX_BYTES + 1);
    const url = new URL(target.url);
    // Headers only: the refusal comes before any body byte is read, and the connection is closed.
    const answer = await rawRequest(
      `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: x\r\nContent-Type: video/mp4\r\nContent-Length: ${MAX_BYTES + 1}\r\n\r\n`,
      false,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/connection: close/i);
    expect(filesBeside(key)).toEqual([]);
  });

  it.each([
    ['a `..` segment', '/uploads/uploads/../../../etc/passwd'],
    ['an encoded `..`', '/uploads/uploads/%2e%2e/%2e%2e/etc/passwd'],
    ['an encoded slash', '/uploads/..%2f..%2fetc/passwd'],
    ['a hidden segment', '/uploads/uploads/.meta'],
    ['an empty segment', '/uploads/uploads//source'],
  ])('refuses a path with %s (400) before looking at the signature', async (_what, path) => {
    const answer = await rawRequest(
      `PUT ${path}?expires=9999999999&size=1&type=video%2Fmp4&sig=x HTTP/1.1\r\nHost: x\r\nContent-Type: video/mp4\r\nContent-Length: 1\r\n\r\nx`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('invalid_key');
  });

  it('answers the CORS preflight of a browser upload', async () => {
    const key = newKey();
    const target = await targetFor(key, 10);
    const response = await fetch(target.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
  });

  it('streams a 10 MB body to disk as it arrives instead of buffering it', async () => {
    const key = newKey();
    const size = 10 * 1024 ** 2;
    const chunk = randomBytes(256 * 1024);
    const target = await targetFor(key, size);
    let onDiskMidway = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        target.url,
        { method: 'PUT', headers: { 'Content-Type': 'video/mp4', 'Content-Length': String(size) } },
        res => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      void (async () => {
        for (let sent = 0; sent < size; sent += chunk.length) {
          if (!req.write(chunk)) {
            await new Promise(drained => req.once('drain', drained));
          }
          if (sent === 6 * 1024 ** 2) {
            // Halfway through the request, most of what was sent must already be in the temp file.
            await eventually(() => tempFileSize(key) >= 4 * 1024 ** 2);
            onDiskMidway = tempFileSize(key);
          }
        }
        req.end();
      })().catch(reject);
    });
    expect(status).toBe(201);
    expect(onDiskMidway).toBeGreaterThanOrEqual(4 * 1024 ** 2);
    expect(statSync(join(dir, key)).size).toBe(size);
    expect(filesBeside(key).filter(name => name.endsWith('.part'))).toEqual([]);
  });
});

function flipLastChar(text: string): string {
  const last = text.at(-1);
  return text.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

function tempFileSize(key: string): number {
  const folder = join(dir, key, '..');
  const temp = filesBeside(key).find(name => name.endsWith('.part'));
  return temp ? statSync(join(folder, temp)).size : 0;
}
