import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { ObjectStorage, UploadTarget } from '../contracts';
import { ObjectNotFoundError } from '../errors';
import { InvalidKeyError } from '../keys';
import { startS3rver } from '../testing/s3rver';
import { LocalStorage } from './local-storage';
import { localUploadRoutes } from './local-upload.routes';
import { S3Storage, supportsMultipartUpload } from './s3-storage';

/**
 * One suite, two adapters: whatever the videos subgraph and its transcoder rely on must behave the
 * same on the embedded folder and on S3 (here s3rver, a real S3-compatible HTTP server).
 */

const work = mkdtempSync(join(tmpdir(), 'vp-media-contract-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let fileCounter = 0;
function localFile(content: Buffer | string): string {
  const path = join(work, `file-${++fileCounter}`);
  writeFileSync(path, content);
  return path;
}

async function putThrough(target: UploadTarget, body: Buffer): Promise<Response> {
  return fetch(target.url, {
    method: target.method,
    headers: Object.fromEntries(target.headers.map(header => [header.name, header.value])),
    body,
  });
}

function storageContract(
  name: string,
  setup: () => Promise<{ storage: ObjectStorage; stop: () => Promise<void> }>,
) {
  describe(`ObjectStorage contract: ${name}`, () => {
    let storage: ObjectStorage;
    let stop: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, stop } = await setup());
    });
    afterAll(() => stop());

    it('takes an upload through its signed target with plain fetch, then heads and downloads it intact', async () => {
      const body = randomBytes(64 * 1024 + 7);
      const target = await storage.createUploadTarget('uploads/v1/source', {
        contentType: 'video/mp4',
        sizeBytes: body.length,
        expiresInSeconds: 600,
      });
      expect(target.method).toBe('PUT');
      expect(target.expiresAt.getTime()).toBeGreaterThan(Date.now() + 590_000);
      expect(target.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 600_000);
      expect(target.headers).toContainEqual({ name: 'Content-Type', value: 'video/mp4' });

      const response = await putThrough(target, body);
      expect(response.ok).toBe(true);

      expect(await storage.head('uploads/v1/source')).toEqual({
        sizeBytes: body.length,
        contentType: 'video/mp4',
      });
      const copy = join(work, `download-${name}`);
      await storage.download('uploads/v1/source', copy);
      expect(readFileSync(copy).equals(body)).toBe(true);
    });

    it('stores a zero-byte upload as zero bytes (validation, not storage, refuses it)', async () => {
      const target = await storage.createUploadTarget('uploads/empty/source', {
        contentType: 'video/mp4',
        sizeBytes: 0,
        expiresInSeconds: 60,
      });
      expect((await putThrough(target, Buffer.alloc(0))).ok).toBe(true);
      expect((await storage.head('uploads/empty/source'))?.sizeBytes).toBe(0);
    });

    it('answers null when heading a missing key and ObjectNotFoundError when downloading it', async () => {
      expect(await storage.head('uploads/missing/source')).toBeNull();
      await expect(
        storage.download('uploads/missing/source', join(work, 'never')),
      ).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('stores files with putFile, lists them by prefix and deletePrefix leaves nothing behind', async () => {
      const files = [
        'master.m3u8',
        '360p/index.m3u8',
        '360p/seg_000.ts',
        '360p/seg_001.ts',
        'poster.jpg',
      ];
      for (const file of files) {
        await storage.putFile(`videos/7/${file}`, localFile(`content of ${file}`), {
          contentType: 'application/octet-stream',
          cacheControl: 'public, max-age=2',
        });
      }
      // A sibling whose name shares the prefix's text but not its folder must survive.
      await storage.putFile('videos/70/master.m3u8', localFile('other video'), {
        contentType: 'application/vnd.apple.mpegurl',
        cacheControl: 'public, max-age=2',
      });

      expect(await storage.list('videos/7/')).toEqual(files.map(file => `videos/7/${file}`).sort());
      expect(await storage.list('videos/7/360p/seg_')).toEqual([
        'videos/7/360p/seg_000.ts',
        'videos/7/360p/seg_001.ts',
      ]);
      expect(await storage.list('videos/')).toHaveLength(files.length + 1);

      await storage.deletePrefix('videos/7/');
      expect(await storage.list('videos/7/')).toEqual([]);
      expect(await storage.head('videos/7/master.m3u8')).toBeNull();
      expect(await storage.list('videos/70/')).toEqual(['videos/70/master.m3u8']);
      await storage.deletePrefix('videos/70/');
      expect(await storage.list('videos/')).toEqual([]);
    });

    it('replaces an object on a second putFile (the transcoder rewrites the master playlist)', async () => {
      const options = {
        contentType: 'application/vnd.apple.mpegurl',
        cacheControl: 'public, max-age=2',
      };
      await storage.putFile('videos/8/master.m3u8', localFile('#EXTM3U\n# one rung\n'), options);
      await storage.putFile(
        'videos/8/master.m3u8',
        localFile('#EXTM3U\n# two rungs, longer\n'),
        options,
      );
      const copy = join(work, `master-${name}`);
      await storage.download('videos/8/master.m3u8', copy);
      expect(readFileSync(copy, 'utf8')).toBe('#EXTM3U\n# two rungs, longer\n');
      expect(await storage.head('videos/8/master.m3u8')).toEqual({
        sizeBytes: '#EXTM3U\n# two rungs, longer\n'.length,
        contentType: 'application/vnd.apple.mpegurl',
      });
      await storage.deletePrefix('videos/8/');
    });

    it('deletes one object, and deleting a missing key (or an empty prefix) is not an error', async () => {
      await storage.putFile('videos/9/poster.jpg', localFile('jpeg'), {
        contentType: 'image/jpeg',
        cacheControl: 'public, max-age=31536000, immutable',
      });
      await storage.deleteObject('videos/9/poster.jpg');
      expect(await storage.head('videos/9/poster.jpg')).toBeNull();
      await expect(storage.deleteObject('videos/9/poster.jpg')).resolves.toBeUndefined();
      await expect(storage.deleteObject('never/was/here')).resolves.toBeUndefined();
      await expect(storage.deletePrefix('videos/nothing-here/')).resolves.toBeUndefined();
    });

    it('refuses keys that could escape or confuse the key space, in every method', async () => {
      const bad = [
        '../etc/passwd',
        '/etc/passwd',
        'videos/../../x',
        'videos//x',
        'videos/./x',
        'a b',
        'videos/.hidden',
        'x\ny',
        '',
      ];
      for (const key of bad) {
        await expect(
          storage.createUploadTarget(key, {
            contentType: 'video/mp4',
            sizeBytes: 1,
            expiresInSeconds: 60,
          }),
        ).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(storage.head(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(storage.download(key, join(work, 'never'))).rejects.toBeInstanceOf(
          InvalidKeyError,
        );
        await expect(storage.deleteObject(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(
          storage.putFile(key, localFile('x'), {
            contentType: 'text/plain',
            cacheControl: 'no-store',
          }),
        ).rejects.toBeInstanceOf(InvalidKeyError);
      }
      await expect(storage.list('../')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.deletePrefix('videos/../')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.deletePrefix('')).rejects.toThrow(/empty prefix/);
    });

    it('refuses upload targets with a content type that has parameters or a newline, a bad size or expiry', async () => {
      const key = 'uploads/v2/source';
      const base = { contentType: 'video/mp4', sizeBytes: 10, expiresInSeconds: 60 };
      for (const options of [
        { ...base, contentType: 'video/mp4; codecs=avc1' },
        { ...base, contentType: 'video/mp4\r\nX-Evil: 1' },
        { ...base, contentType: 'video' },
        { ...base, sizeBytes: -1 },
        { ...base, sizeBytes: 1.5 },
        { ...base, sizeBytes: Number.MAX_SAFE_INTEGER + 2 },
        { ...base, expiresInSeconds: 0 },
        { ...base, expiresInSeconds: 8 * 24 * 3600 },
      ]) {
        await expect(storage.createUploadTarget(key, options)).rejects.toBeInstanceOf(RangeError);
      }
    });
  });
}

storageContract('LocalStorage', async () => {
  const app = express();
  const server: Server = await new Promise(resolve => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  // Upload URLs are built from the public URL: here, this test server's.
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const storage = new LocalStorage({
    dir: join(work, 'local-media'),
    publicUrl,
    secret: 'x'.repeat(32),
  });
  app.use(localUploadRoutes(storage, { maxBytes: 1024 ** 2 }));
  return {
    storage,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
});

describe('S3Storage against s3rver', () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let storage: S3Storage;
  beforeAll(async () => {
    s3 = await startS3rver('extras');
    storage = s3.storage();
  });
  afterAll(() => s3.stop());

  it('signs Content-Type, Content-Length and If-None-Match into the presigned PUT', async () => {
    const target = await storage.createUploadTarget('uploads/v3/source', {
      contentType: 'video/webm',
      sizeBytes: 1234,
      expiresInSeconds: 900,
    });
    const url = new URL(target.url);
    expect(url.pathname).toBe('/extras/uploads/v3/source');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';').sort()).toEqual([
      'content-length',
      'content-type',
      'host',
      'if-none-match',
    ]);
    expect(target.headers).toEqual([
      { name: 'Content-Type', value: 'video/webm' },
      { name: 'If-None-Match', value: '*' },
    ]);
  });

  it('refuses a single PUT over 5 GiB (multipart is needed)', async () => {
    await expect(
      storage.createUploadTarget('uploads/huge/source', {
        contentType: 'video/mp4',
        sizeBytes: 5 * 1024 ** 3 + 1,
        expiresInSeconds: 60,
      }),
    ).rejects.toThrow(/createMultipartUploadTarget/);
  });

  it('refuses a presigned PUT used after its expiry (403)', async () => {
    const target = await storage.createUploadTarget('uploads/late/source', {
      contentType: 'video/mp4',
      sizeBytes: 3,
      expiresInSeconds: 1,
    });
    await new Promise(resolve =>
      setTimeout(resolve, Math.max(0, target.expiresAt.getTime() - Date.now()) + 1100),
    );
    const response = await putThrough(target, Buffer.from('abc'));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
    expect(await storage.head('uploads/late/source')).toBeNull();
  });

  it('offers multipart uploads: presigned parts PUT with fetch, completed, downloaded intact', async () => {
    expect(supportsMultipartUpload(storage)).toBe(true);
    // the embedded store has them too (resumable uploads; local-multipart.test.ts)
    expect(
      supportsMultipartUpload(
        new LocalStorage({ dir: work, publicUrl: 'http://x', secret: 'y'.repeat(32) }),
      ),
    ).toBe(true);
    storage.minPartSizeBytes = 1024;
    const body = randomBytes(10_000);
    const target = await storage.createMultipartUploadTarget('uploads/big/source', {
      contentType: 'video/mp4',
      sizeBytes: body.length,
      partSizeBytes: 4096,
      expiresInSeconds: 600,
    });
    expect(target.parts.map(part => [part.partNumber, part.sizeBytes])).toEqual([
      [1, 4096],
      [2, 4096],
      [3, 1808],
    ]);
    const uploaded: { partNumber: number; etag: string }[] = [];
    let offset = 0;
    for (const part of target.parts) {
      const url = new URL(part.url);
      expect(url.searchParams.get('partNumber')).toBe(String(part.partNumber));
      expect(url.searchParams.get('uploadId')).toBe(target.uploadId);
      expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-length');
      const response = await fetch(part.url, {
        method: 'PUT',
        body: body.subarray(offset, offset + part.sizeBytes),
      });
      offset += part.sizeBytes;
      expect(response.status).toBe(200);
      uploaded.push({ partNumber: part.partNumber, etag: response.headers.get('etag')! });
    }
    // Parts may complete in any order; the adapter sorts them.
    await storage.completeMultipartUpload(
      'uploads/big/source',
      target.uploadId,
      uploaded.reverse(),
    );
    expect(await storage.head('uploads/big/source')).toEqual({
      sizeBytes: body.length,
      contentType: 'video/mp4',
    });
    const copy = join(work, 'multipart-download');
    await storage.download('uploads/big/source', copy);
    expect(readFileSync(copy).equals(body)).toBe(true);
  });

  it('refuses part sizes below the minimum, and more than 10,000 parts', async () => {
    storage.minPartSizeBytes = 5 * 1024 ** 2;
    const options = { contentType: 'video/mp4', sizeBytes: 50 * 1024 ** 3, expiresInSeconds: 600 };
    await expect(
      storage.createMultipartUploadTarget('uploads/x/source', { ...options, partSizeBytes: 1024 }),
    ).rejects.toThrow(/part size/);
    await expect(
      storage.createMultipartUploadTarget('uploads/x/source', {
        ...options,
        partSizeBytes: 5 * 1024 ** 2,
      }),
    ).rejects.toThrow(/10000 parts|more than/);
  });

  it('lists and deletes a prefix page by page (DeleteObjects batches)', async () => {
    storage.pageSize = 3;
    for (let index = 0; index < 8; index++) {
      await storage.putFile(`videos/paged/seg_${index}.ts`, localFile(`segment ${index}`), {
        contentType: 'video/mp2t',
        cacheControl: 'public, max-age=31536000, immutable',
      });
    }
    expect(await storage.list('videos/paged/')).toHaveLength(8);
    await storage.deletePrefix('videos/paged/');
    expect(await storage.list('videos/paged/')).toEqual([]);
  });

  it('stores putFile bodies byte for byte with their Cache-Control (no checksum chunk framing)', async () => {
    const body = randomBytes(200_000);
    await storage.putFile('videos/raw/seg_000.ts', localFile(body), {
      contentType: 'video/mp2t',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    const response = await fetch(`${s3.endpoint}/${s3.bucket}/videos/raw/seg_000.ts`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('video/mp2t');
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
  });
});

storageContract('S3Storage (s3rver)', async () => {
  const s3 = await startS3rver();
  return { storage: s3.storage(), stop: s3.stop };
});
