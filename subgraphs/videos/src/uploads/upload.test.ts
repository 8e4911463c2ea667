import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, errorCodes, tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  uploadFile,
} from '../test-pipeline';
import { Video, VideoStatus } from '../videos/video.entity';

jest.setTimeout(60_000);

let pipeline: Pipeline;
const owner = randomUUID();
let ownerToken: string;
let strangerToken: string;
let adminToken: string;

beforeAll(async () => {
  pipeline = await startPipeline({ maxUploadBytes: 20 * 1024 ** 3 });
  ownerToken = await tokenFor(owner, [Role.CREATOR]);
  strangerToken = await tokenFor(randomUUID(), [Role.CREATOR]);
  adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
});
afterAll(() => pipeline?.stop());

const input = (overrides: Record<string, unknown> = {}) => ({
  filename: 'holiday.mp4',
  contentType: 'video/mp4',
  sizeBytes: 1000,
  title: 'Holiday',
  ...overrides,
});
const videoCount = () => pipeline.em().count(Video, {});

async function expectRefusedAndFailed(videoId: string, reasonPattern: RegExp) {
  const response = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken);
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0].message).toMatch(reasonPattern);
  const video = await pipeline.em().findOneOrFail(Video, videoId);
  expect(video.status).toBe(VideoStatus.FAILED);
  expect(video.failureReason).toMatch(reasonPattern);
  expect(await pipeline.storage.list(`uploads/${videoId}/`)).toEqual([]);
  expect(await pipeline.storage.list(`videos/${videoId}/`)).toEqual([]);
  // A refused upload stays refused: completing it again does not revive it.
  const again = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken);
  expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
}

describe('createUpload', () => {
  it('refuses an anonymous caller with UNAUTHENTICATED and stores nothing', async () => {
    const before = await videoCount();
    const response = await pipeline.query(CREATE_UPLOAD, { input: input() });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(await videoCount()).toBe(before);
  });

  it('creates a PRIVATE video AWAITING_UPLOAD owned by the caller, with the declared file stored', async () => {
    const response = await pipeline.query(
      CREATE_UPLOAD,
      { input: input({ title: '  Trimmed  ' }) },
      ownerToken,
    );
    expect(response.errors).toBeUndefined();
    const { video, upload } = response.data.createUpload;
    expect(video.status).toBe('AWAITING_UPLOAD');
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual(
      expect.arrayContaining([{ name: 'Content-Type', value: 'video/mp4' }]),
    );
    const stored = await pipeline.em().findOneOrFail(Video, video.id);
    expect(stored).toMatchObject({
      ownerId: owner,
      title: 'Trimmed',
      visibility: 'PRIVATE',
      publishedAt: null,
      sourceFilename: 'holiday.mp4',
      sourceContentType: 'video/mp4',
      sourceSizeBytes: 1000,
    });
  });

  it('accepts a size beyond GraphQL Int (sizeBytes is a SafeInt)', async () => {
    const response = await pipeline.query(
      CREATE_UPLOAD,
      { input: input({ sizeBytes: 5 * 1024 ** 3 }) },
      ownerToken,
    );
    expect(response.errors).toBeUndefined();
    const stored = await pipeline.em().findOneOrFail(Video, response.data.createUpload.video.id);
    expect(stored.sourceSizeBytes).toBe(5 * 1024 ** 3);
  });

  it.each([
    ['a non-video content type', { contentType: 'application/zip' }, 'contentType'],
    ['an HLS playlist type', { contentType: 'application/vnd.apple.mpegurl' }, 'contentType'],
    ['an image', { contentType: 'image/png' }, 'contentType'],
    ['a zero size', { sizeBytes: 0 }, 'sizeBytes'],
    ['a negative size', { sizeBytes: -5 }, 'sizeBytes'],
    ['a size over the limit', { sizeBytes: 21 * 1024 ** 3 }, 'sizeBytes'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title of 101 characters', { title: 'x'.repeat(101) }, 'title'],
    ['an empty file name', { filename: '' }, 'filename'],
    ['a file name with a path', { filename: '../../etc/passwd' }, 'filename'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_label, overrides, field) => {
    const before = await videoCount();
    const response = await pipeline.query(CREATE_UPLOAD, { input: input(overrides) }, ownerToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems.map((p: { field: string }) => p.field)).toEqual(
      [`input.${field}`],
    );
    expect(await videoCount()).toBe(before);
  });

  it('answers an empty and a whitespace-only title and file name the same way', async () => {
    const before = await videoCount();
    const create = (blank: string) =>
      pipeline.query(
        CREATE_UPLOAD,
        { input: input({ title: blank, filename: blank }) },
        ownerToken,
      );
    const [empty, blank] = [await create(''), await create(' \n\t ')];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'input.filename', message: 'Required.' },
        { field: 'input.title', message: 'Required.' },
      ],
    });
    expect(await videoCount()).toBe(before);
  });

  it.each([
    ['a fractional size', { sizeBytes: 1.5 }],
    ['a size beyond 2^53', { sizeBytes: 2 ** 60 }],
    ['a size given as a string', { sizeBytes: '1000' }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, overrides) => {
    const response = await pipeline.query(CREATE_UPLOAD, { input: input(overrides) }, ownerToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describeIfFfmpeg('completeUpload refuses bad files', () => {
  let clip: Buffer;
  beforeAll(async () => {
    const path = join(pipeline.dir, 'ok.mp4');
    await makeClip(path, { seconds: 2 });
    clip = await readFile(path);
  });

  it('refuses before any upload with BAD_USER_INPUT and keeps waiting for the file', async () => {
    const { videoId } = await uploadFile(pipeline, ownerToken, clip, {
      declaredSize: clip.length + 1,
    });
    const response = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect((await pipeline.em().findOneOrFail(Video, videoId)).status).toBe(
      VideoStatus.AWAITING_UPLOAD,
    );
  });

  it('never stores a body whose length differs from the signed size, nor a zero-byte body', async () => {
    const short = await uploadFile(pipeline, ownerToken, clip.subarray(0, 100), {
      declaredSize: clip.length,
    });
    expect(short.putStatus).toBeGreaterThanOrEqual(400);
    const empty = await uploadFile(pipeline, ownerToken, Buffer.alloc(0), { declaredSize: 1000 });
    expect(empty.putStatus).toBeGreaterThanOrEqual(400);
    expect(await pipeline.storage.head(`uploads/${empty.videoId}/source`)).toBeNull();
  });

  it('refuses a second PUT to the same upload URL', async () => {
    const { upload, putStatus } = await uploadFile(pipeline, ownerToken, clip);
    expect(putStatus).toBeLessThan(300);
    const headers = Object.fromEntries(
      upload.headers.map((h: { name: string; value: string }) => [h.name, h.value]),
    );
    const again = await fetch(upload.url, { method: 'PUT', headers, body: new Uint8Array(clip) });
    expect(again.status).toBeGreaterThanOrEqual(400);
  });

  it('marks FAILED and removes a stored object whose size differs from the declared one', async () => {
    // A presigned S3 PUT cannot enforce the size: the object is checked after upload.
    const { videoId } = await uploadFile(pipeline, ownerToken, Buffer.alloc(0), {
      declaredSize: clip.length,
    });
    const path = join(pipeline.dir, 'short.mp4');
    await writeFile(path, clip.subarray(0, clip.length - 10));
    await pipeline.storage.putFile(`uploads/${videoId}/source`, path, {
      contentType: 'video/mp4',
      cacheControl: 'no-store',
    });
    await expectRefusedAndFailed(videoId, /bytes, not the \d+ declared/);
  });

  it('marks FAILED and removes a zero-byte object', async () => {
    const { videoId } = await uploadFile(pipeline, ownerToken, Buffer.alloc(0), {
      declaredSize: 1000,
    });
    const path = join(pipeline.dir, 'empty.mp4');
    await writeFile(path, '');
    await pipeline.storage.putFile(`uploads/${videoId}/source`, path, {
      contentType: 'video/mp4',
      cacheControl: 'no-store',
    });
    await expectRefusedAndFailed(videoId, /0 bytes/);
  });

  it('marks FAILED and removes a truncated file', async () => {
    const { videoId, putStatus } = await uploadFile(
      pipeline,
      ownerToken,
      clip.subarray(0, Math.floor(clip.length / 2)),
    );
    expect(putStatus).toBeLessThan(300);
    await expectRefusedAndFailed(
      videoId,
      /damaged|not a supported video format|could not be decoded/,
    );
  });

  it('marks FAILED and removes a file that is not a video at all (zip bytes as video/mp4)', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4000, 7)]);
    const { videoId } = await uploadFile(pipeline, ownerToken, zip);
    await expectRefusedAndFailed(videoId, /not a supported video format/);
  });

  it.each([
    [
      'an HLS playlist pointing at metadata and local files',
      '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://169.254.169.254/latest/meta-data/\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n',
    ],
    [
      'a concat list naming /etc/passwd',
      'ffconcat version 1.0\nfile /etc/passwd\nfile /etc/hostname\n',
    ],
  ])('marks FAILED and removes %s uploaded as .mp4', async (_label, text) => {
    const { videoId, putStatus } = await uploadFile(pipeline, ownerToken, Buffer.from(text), {
      filename: 'evil.mp4',
    });
    expect(putStatus).toBeLessThan(300);
    await expectRefusedAndFailed(videoId, /not a supported video format/);
  });
});

describe("someone else's video", () => {
  let videoId: string;
  beforeAll(async () => {
    const response = await pipeline.query(CREATE_UPLOAD, { input: input() }, ownerToken);
    videoId = response.data.createUpload.video.id;
  });

  it.each([
    ['completeUpload', COMPLETE_UPLOAD],
    [
      'updateVideo',
      `mutation ($id: ID!) { updateVideo(id: $id, input: { title: "Mine now" }) { id } }`,
    ],
    ['publishVideo', `mutation ($id: ID!) { publishVideo(id: $id) { id } }`],
    ['deleteVideo', `mutation ($id: ID!) { deleteVideo(id: $id) }`],
  ])(
    '%s answers NOT_FOUND to a stranger, as for a missing id, and changes nothing',
    async (_label, mutation) => {
      const theirs = await pipeline.query(mutation, { id: videoId }, strangerToken);
      const missing = await pipeline.query(mutation, { id: randomUUID() }, strangerToken);
      expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
      expect(theirs.errors![0].message).toBe(missing.errors![0].message);
      const anonymous = await pipeline.query(mutation, { id: videoId });
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      const stored = await pipeline.em().findOneOrFail(Video, videoId);
      expect(stored).toMatchObject({
        title: 'Holiday',
        status: 'AWAITING_UPLOAD',
        publishedAt: null,
      });
    },
  );

  it("lets an ADMIN edit it but not complete another user's upload", async () => {
    const completed = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, adminToken);
    expect(errorCodes(completed)).toEqual(['FORBIDDEN']);
    const updated = await pipeline.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { title: "Moderated" }) { title } }`,
      { id: videoId },
      adminToken,
    );
    expect(updated.data.updateVideo.title).toBe('Moderated');
  });

  it('answers NOT_FOUND for a malformed id', async () => {
    const response = await pipeline.query(COMPLETE_UPLOAD, { id: 'nope' }, ownerToken);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});
