import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalStorage } from './local-storage';

// Multipart uploads on the embedded store: each part is a one-shot signed upload of its own key,
// listed to resume, joined in order on completion, and gone afterwards.
describe('LocalStorage multipart uploads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-local-multipart-'));
  const storage = new LocalStorage({ dir, publicUrl: 'http://media.test', secret: 's'.repeat(32) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const body = randomBytes(10_000);
  const options = { contentType: 'video/mp4', sizeBytes: body.length, partSizeBytes: 4096, expiresInSeconds: 600 };

  async function store(url: string, start: number, size: number) {
    const parsed = new URL(url);
    const key = parsed.pathname.slice('/uploads/'.length);
    const check = storage.checkUpload(key, Object.fromEntries(parsed.searchParams));
    expect(check.ok).toBe(true);
    if (!check.ok) {
      return;
    }
    expect(check.sizeBytes).toBe(size);
    expect(await storage.acceptUpload(key, Readable.from([body.subarray(start, start + size)]), check)).toBe('stored');
  }

  it('signs a part per 4 KiB, lists the stored ones, re-signs the missing ones and joins them in order', async () => {
    const target = await storage.createMultipartUploadTarget('uploads/v1/source', options);
    expect(target.parts.map(part => part.sizeBytes)).toEqual([4096, 4096, 1808]);
    expect(target.parts[0].headers).toEqual([{ name: 'Content-Type', value: 'video/mp4' }]);
    await store(target.parts[1].url, 4096, 4096);
    expect((await storage.listUploadedParts('uploads/v1/source', target.uploadId)).map(p => p.partNumber)).toEqual([2]);
    await expect(
      storage.completeMultipartUpload('uploads/v1/source', target.uploadId, [{ partNumber: 2, etag: 'x' }]),
    ).rejects.toThrow(/missing/);
    const missing = await storage.signParts('uploads/v1/source', target.uploadId, options, [1, 3]);
    await store(missing[0].url, 0, 4096);
    await store(missing[1].url, 8192, 1808);
    const parts = await storage.listUploadedParts('uploads/v1/source', target.uploadId);
    await storage.completeMultipartUpload('uploads/v1/source', target.uploadId, parts);
    expect(readFileSync(storage.pathFor('uploads/v1/source')).equals(body)).toBe(true);
    expect(await storage.head('uploads/v1/source')).toEqual({ sizeBytes: body.length, contentType: 'video/mp4' });
    expect(await storage.list('uploads/v1/')).toEqual(['uploads/v1/source']);
  });

  it('abort removes the parts', async () => {
    const target = await storage.createMultipartUploadTarget('uploads/v2/source', options);
    await store(target.parts[0].url, 0, 4096);
    await storage.abortMultipartUpload('uploads/v2/source', target.uploadId);
    expect(await storage.listUploadedParts('uploads/v2/source', target.uploadId)).toEqual([]);
    expect(await storage.list('uploads/v2/')).toEqual([]);
  });
});
