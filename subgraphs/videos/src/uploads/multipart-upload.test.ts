import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describeIfFfmpeg, errorCodes, tokenFor } from '@vp/kit/testing';
import { type S3Storage } from '@vp/media';
import { startS3rver, type TestS3 } from '@vp/media/src/testing/s3rver';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { makeClip, tempDir } from '../transcoding/test-clips';
import { uploadKey } from '../videos/media-keys';

// On S3 a file over 5 GiB cannot go in one PUT: createUpload hands out a signed URL per part and
// completeUpload joins them. The threshold and S3's 5 MiB part minimum are lowered so that a small
// clip, on a real S3-compatible server (s3rver), takes the same path.
describeIfFfmpeg('uploads in parts (S3 multipart)', () => {
  let s3: TestS3;
  let storage: S3Storage;
  let pipeline: Pipeline;
  const scratch = tempDir('vp-multipart-');
  const owner = randomUUID();
  let token: string;
  let clip: Buffer;

  beforeAll(async () => {
    s3 = await startS3rver();
    storage = s3.storage();
    storage.minPartSizeBytes = 16 * 1024;
    pipeline = await startPipeline({ storage, multipartThresholdBytes: 32 * 1024, worker: false });
    token = await tokenFor(owner);
    clip = readFileSync(
      makeClip(join(scratch.path, 'clip.mp4'), { width: 640, height: 360, seconds: 4 }),
    );
  });
  afterAll(async () => {
    await pipeline?.stop();
    await s3?.stop();
    scratch.remove();
  });

  const CREATE = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) {
    video { id status } upload { url method parts { partNumber url sizeBytes } } } }`;
  const COMPLETE = `mutation ($id: ID!, $parts: [UploadedPartInput!]) { completeUpload(videoId: $id, parts: $parts) { id status } }`;

  async function createInParts() {
    const created = await pipeline.query(
      CREATE,
      {
        input: {
          filename: 'big.mp4',
          contentType: 'video/mp4',
          sizeBytes: clip.length,
          title: 'In parts',
        },
      },
      token,
    );
    expect(created.errors).toBeUndefined();
    return created.data.createUpload as {
      video: { id: string };
      upload: { url: string; parts: { partNumber: number; url: string; sizeBytes: number }[] };
    };
  }

  async function sendParts(parts: { partNumber: number; url: string; sizeBytes: number }[]) {
    let offset = 0;
    const sent = [];
    for (const part of parts) {
      const body = clip.subarray(offset, offset + part.sizeBytes);
      offset += part.sizeBytes;
      const response = await fetch(part.url, { method: 'PUT', body: new Uint8Array(body) });
      expect(response.status).toBe(200);
      sent.push({ partNumber: part.partNumber, etag: response.headers.get('etag')! });
    }
    expect(offset).toBe(clip.length);
    return sent;
  }

  it('hands out one signed URL per part and joins them into the upload on completeUpload', async () => {
    const { video, upload } = await createInParts();
    expect(upload.parts.length).toBeGreaterThan(1);
    expect(upload.url).toBe(upload.parts[0].url);
    const sent = await sendParts(upload.parts);
    const completed = await pipeline.query(COMPLETE, { id: video.id, parts: sent }, token);
    expect(completed.errors).toBeUndefined();
    expect(completed.data.completeUpload.status).toBe('PROCESSING');
    expect((await storage.head(uploadKey(video.id)))?.sizeBytes).toBe(clip.length);
  });

  it('refuses completeUpload without the parts, and keeps waiting for them', async () => {
    // (A wrong ETag is S3's to refuse, with InvalidPart; s3rver does not check ETags.)
    const { video, upload } = await createInParts();
    const sent = await sendParts(upload.parts);
    const missing = await pipeline.query(COMPLETE, { id: video.id }, token);
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    const waiting = await pipeline.query(
      `query ($id: ID!) { video(id: $id) { status } }`,
      { id: video.id },
      token,
    );
    expect(waiting.data.video.status).toBe('AWAITING_UPLOAD');
    const fixed = await pipeline.query(COMPLETE, { id: video.id, parts: sent }, token);
    expect(fixed.data?.completeUpload.status).toBe('PROCESSING');
  });
});
