import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describeIfFfmpeg, errorCodes, tokenFor } from '@vp/kit/testing';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { makeClip, tempDir } from '../transcoding/test-clips';
import { uploadKey } from '../videos/media-keys';

// Uploads in parts on the embedded (local) storage, and resumeUpload: an interrupted upload gets
// signed targets for the parts still missing only, and completeUpload without a part list joins the
// parts stored. The threshold is lowered so that a small clip goes in parts.
describeIfFfmpeg('resumable uploads in parts (local storage)', () => {
  let pipeline: Pipeline;
  const scratch = tempDir('vp-resume-');
  const owner = randomUUID();
  let token: string;
  let strangerToken: string;
  let clip: Buffer;

  beforeAll(async () => {
    pipeline = await startPipeline({ multipartThresholdBytes: 128 * 1024, worker: false });
    token = await tokenFor(owner);
    strangerToken = await tokenFor(randomUUID());
    clip = readFileSync(makeClip(join(scratch.path, 'clip.mp4'), { width: 640, height: 360, seconds: 4 }));
  });
  afterAll(async () => {
    await pipeline?.stop();
    scratch.remove();
  });

  const TARGET = 'url method headers { name value } partSizeBytes parts { partNumber url sizeBytes }';
  const CREATE = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { video { id } upload { ${TARGET} } } }`;
  const RESUME = `mutation ($id: ID!) { resumeUpload(videoId: $id) { ${TARGET} } }`;
  const COMPLETE = `mutation ($id: ID!) { completeUpload(videoId: $id) { id status } }`;
  type Part = { partNumber: number; url: string; sizeBytes: number };
  type Target = { headers: { name: string; value: string }[]; partSizeBytes: number; parts: Part[] };

  async function put(target: Target, part: Part) {
    const start = (part.partNumber - 1) * target.partSizeBytes;
    const response = await fetch(part.url, {
      method: 'PUT',
      headers: Object.fromEntries(target.headers.map(h => [h.name, h.value])),
      body: new Uint8Array(clip.subarray(start, start + part.sizeBytes)),
    });
    expect(response.status).toBe(201);
  }

  it('resumes with the missing parts only, then completeUpload joins the parts stored', async () => {
    const created = await pipeline.query(
      CREATE,
      { input: { filename: 'long.mp4', contentType: 'video/mp4', sizeBytes: clip.length, title: 'Resumed' } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const { video, upload } = created.data.createUpload as { video: { id: string }; upload: Target };
    expect(upload.partSizeBytes).toBe(128 * 1024);
    expect(upload.parts.length).toBe(Math.ceil(clip.length / (128 * 1024)));
    expect(upload.headers).toEqual([{ name: 'Content-Type', value: 'video/mp4' }]);
    // the connection drops after two parts
    await put(upload, upload.parts[0]);
    await put(upload, upload.parts[1]);
    expect(errorCodes(await pipeline.query(COMPLETE, { id: video.id }, token))).toEqual(['BAD_USER_INPUT']);

    expect(errorCodes(await pipeline.query(RESUME, { id: video.id }, strangerToken))).toEqual(['NOT_FOUND']);
    const resumed = await pipeline.query(RESUME, { id: video.id }, token);
    expect(resumed.errors).toBeUndefined();
    const rest = resumed.data.resumeUpload as Target;
    expect(rest.partSizeBytes).toBe(upload.partSizeBytes);
    expect(rest.parts.map(part => part.partNumber)).toEqual(upload.parts.slice(2).map(part => part.partNumber));
    expect(rest.parts.map(part => part.sizeBytes)).toEqual(upload.parts.slice(2).map(part => part.sizeBytes));
    // a part's URL works once
    const again = await fetch(upload.parts[0].url, { method: 'PUT', headers: { 'Content-Type': 'video/mp4' }, body: new Uint8Array(clip.subarray(0, upload.parts[0].sizeBytes)) });
    expect(again.status).toBe(409);
    for (const part of rest.parts) {
      await put(rest, part);
    }
    const completed = await pipeline.query(COMPLETE, { id: video.id }, token);
    expect(completed.errors).toBeUndefined();
    expect(completed.data.completeUpload.status).toBe('PROCESSING');
    expect((await pipeline.settings.storage.head(uploadKey(video.id)))?.sizeBytes).toBe(clip.length);
    // the parts are gone, the joined file is byte for byte the clip
    expect(await pipeline.settings.storage.list(`uploads/${video.id}/`)).toEqual([uploadKey(video.id)]);
    expect(errorCodes(await pipeline.query(RESUME, { id: video.id }, token))).toEqual(['BAD_USER_INPUT']);
  });

  it('gives a small upload in one request a fresh URL while nothing has arrived', async () => {
    const created = await pipeline.query(
      CREATE,
      { input: { filename: 'small.mp4', contentType: 'video/mp4', sizeBytes: 1000, title: 'Small' } },
      token,
    );
    const { video } = created.data.createUpload;
    expect(created.data.createUpload.upload.parts).toBeNull();
    const resumed = await pipeline.query(RESUME, { id: video.id }, token);
    expect(resumed.errors).toBeUndefined();
    expect(resumed.data.resumeUpload.parts).toBeNull();
    expect(resumed.data.resumeUpload.url).toMatch(new RegExp(`/uploads/uploads/${video.id}/source\\?`));
  });
});
