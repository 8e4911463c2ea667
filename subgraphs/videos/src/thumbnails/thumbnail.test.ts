import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import { COMPLETE_UPLOAD, type Pipeline, startPipeline, uploadFile } from '../test-pipeline';
import { posterSize } from '../transcoding/transcode';
import { Video, VideoStatus } from '../videos/video.entity';
import { segmentAt, segmentsOf } from './thumbnail.service';

const run = promisify(execFile);

jest.setTimeout(180_000);

const SET = `mutation ($id: ID!, $at: Float!) { setThumbnail(videoId: $id, atSeconds: $at) { id thumbnailUrl } }`;
const READ = `query ($id: ID!) { video(id: $id) { id status durationSeconds thumbnailUrl } }`;

/** Width, height and codec of an image, as ffprobe reads it. */
async function imageFacts(path: string) {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=codec_name,width,height', '-of', 'json', path],
  ]);
  const [stream] = JSON.parse(stdout).streams;
  return { codec: stream.codec_name as string, width: stream.width as number, height: stream.height as number };
}

/** The image's average colour, [r, g, b]: ffmpeg scales it down to one pixel. */
async function averageColour(path: string): Promise<number[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-vf', 'scale=1:1:flags=area,format=rgb24', '-f', 'rawvideo', '-'],
    { encoding: 'buffer' },
  );
  return [...stdout.subarray(0, 3)];
}

/** The file a signed media URL names (the signature in the path changes with its expiry). */
const fileOf = (url: string) => new URL(url).pathname.split('/').pop();

describe('segmentsOf / segmentAt', () => {
  const playlist = [
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:4',
    '#EXTINF:4.000000,',
    'seg_00000.ts',
    '#EXTINF:4.000000,',
    'seg_00001.ts',
    '#EXTINF:1.500000,',
    'seg_00002.ts',
    '#EXT-X-ENDLIST',
  ].join('\n');

  it('finds the segment showing a time and the offset in it', () => {
    const { segments, init } = segmentsOf(playlist);
    expect(init).toBeNull();
    expect(segments.map(s => [s.uri, s.start])).toEqual([
      ['seg_00000.ts', 0],
      ['seg_00001.ts', 4],
      ['seg_00002.ts', 8],
    ]);
    expect(segmentAt(segments, 0)).toMatchObject({ segment: { uri: 'seg_00000.ts' }, offset: 0 });
    expect(segmentAt(segments, 5.25)).toMatchObject({ segment: { uri: 'seg_00001.ts' }, offset: 1.25 });
    // the very end (and past it) is the last segment, a little before its end
    expect(segmentAt(segments, 9.5)!.segment.uri).toBe('seg_00002.ts');
    expect(segmentAt(segments, 9.5)!.offset).toBeCloseTo(1.4);
    expect(segmentAt([], 1)).toBeNull();
  });

  it('reads an fMP4 init segment', () => {
    expect(segmentsOf('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\nseg_1.m4s\n').init).toBe('init.mp4');
  });
});

describe('posterSize', () => {
  it('is the largest rung up to 720p, by its short side, else the smallest', () => {
    const rung = (width: number, height: number) => ({ width, height });
    expect(posterSize([rung(640, 360), rung(854, 480), rung(1280, 720), rung(1920, 1080)])).toEqual(rung(1280, 720));
    expect(posterSize([rung(1080, 1920), rung(360, 640), rung(720, 1280)])).toEqual(rung(720, 1280));
    expect(posterSize([rung(2560, 1440), rung(1920, 1080)])).toEqual(rung(1920, 1080));
  });
});

describeIfFfmpeg('setThumbnail', () => {
  let pipeline: Pipeline;
  const owner = randomUUID();
  let ownerToken: string;
  let strangerToken: string;
  let adminToken: string;
  let videoId: string;
  let firstUrl: string;

  const fetchImage = async (url: string, name: string) => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await response.arrayBuffer());
    // a JPEG: SOI marker
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const path = join(pipeline.dir, name);
    await writeFile(path, bytes);
    return path;
  };
  const posterKeyOf = async (id: string) => (await pipeline.em().findOneOrFail(Video, { id })).posterKey;

  beforeAll(async () => {
    pipeline = await startPipeline();
    ownerToken = await tokenFor(owner, [Role.CREATOR]);
    strangerToken = await tokenFor(randomUUID(), [Role.CREATOR]);
    adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
    // 3 s of red then 3 s of blue: which half a frame comes from shows in its colour; 6 s make two
    // 4 s segments, so both the first and a later segment are drawn from
    const clip = join(pipeline.dir, 'red-then-blue.mp4');
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'color=c=red:size=640x360:rate=25:duration=3'],
      ...['-f', 'lavfi', '-i', 'color=c=blue:size=640x360:rate=25:duration=3'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=6'],
      ...['-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]', '-map', '[v]', '-map', '2:a'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
      clip,
    ]);
    const uploaded = await uploadFile(pipeline, ownerToken, await readFile(clip), { title: 'Red, then blue' });
    videoId = uploaded.videoId;
    expect((await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken)).errors).toBeUndefined();
    await eventually(async () => (await pipeline.query(READ, { id: videoId }, ownerToken)).data?.video?.status, {
      until: status => status === 'READY',
      what: 'the clip to be READY',
      timeoutMs: 150_000,
    });
    firstUrl = (await pipeline.query(READ, { id: videoId }, ownerToken)).data.video.thumbnailUrl;
  });
  afterAll(() => pipeline?.stop());

  it('makes the chosen frame the poster, under a new key and URL, a JPEG of the poster size', async () => {
    const original = await fetchImage(firstUrl, 'original.jpg');
    const originalColour = await averageColour(original);
    // the transcode's poster is from 10 % in: red
    expect(originalColour[0]).toBeGreaterThan(150);
    expect(originalColour[2]).toBeLessThan(100);

    const response = await pipeline.query(SET, { id: videoId, at: 5 }, ownerToken);
    expect(response.errors).toBeUndefined();
    const url: string = response.data.setThumbnail.thumbnailUrl;
    expect(fileOf(firstUrl)).toBe('poster.jpg');
    expect(fileOf(url)).toMatch(/^poster-[\w-]+\.jpg$/);
    const key = await posterKeyOf(videoId);
    expect(key).toMatch(new RegExp(`^videos/${videoId}/poster-[\\w-]+\\.jpg$`));

    const chosen = await fetchImage(url, 'chosen.jpg');
    const video = await pipeline.em().findOneOrFail(Video, { id: videoId });
    const expected = posterSize(video.renditionList!);
    expect(await imageFacts(chosen)).toEqual({ codec: 'mjpeg', width: expected.width, height: expected.height });
    expect(await imageFacts(original)).toMatchObject({ width: expected.width, height: expected.height });
    // 5 s in is blue
    const colour = await averageColour(chosen);
    expect(colour[2]).toBeGreaterThan(150);
    expect(colour[0]).toBeLessThan(100);
    // everyone reading the video sees the new one
    const read = await pipeline.query(READ, { id: videoId }, ownerToken);
    expect(fileOf(read.data.video.thumbnailUrl)).toBe(fileOf(url));
  });

  it('choosing again replaces the chosen poster and removes it; the transcode’s poster.jpg stays', async () => {
    const before = (await posterKeyOf(videoId))!;
    const response = await pipeline.query(SET, { id: videoId, at: 1 }, ownerToken);
    expect(response.errors).toBeUndefined();
    const after = (await posterKeyOf(videoId))!;
    expect(after).not.toBe(before);
    const keys = await pipeline.storage.list(`videos/${videoId}/`);
    expect(keys).toContain(after);
    expect(keys).not.toContain(before);
    expect(keys).toContain(`videos/${videoId}/poster.jpg`);
    const colour = await averageColour(await fetchImage(response.data.setThumbnail.thumbnailUrl, 'again.jpg'));
    expect(colour[0]).toBeGreaterThan(150);
    // the end of the video is a frame too
    const atEnd = await pipeline.query(SET, { id: videoId, at: 6 }, ownerToken);
    expect(atEnd.errors).toBeUndefined();
  });

  it('refuses times outside the video, videos that are not READY, and other people', async () => {
    const kept = await posterKeyOf(videoId);
    const refusal = async (variables: Record<string, unknown>, token?: string) => {
      const response = await pipeline.query(SET, variables, token);
      return { codes: errorCodes(response), fields: (response.errors?.[0]?.extensions?.problems ?? []).map((p: { field: string }) => p.field) };
    };
    expect(await refusal({ id: videoId, at: -0.5 }, ownerToken)).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['atSeconds'] });
    expect(await refusal({ id: videoId, at: 6.5 }, ownerToken)).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['atSeconds'] });
    // a private video is hidden from others: exactly as a missing id
    expect((await refusal({ id: videoId, at: 1 }, strangerToken)).codes).toEqual(['NOT_FOUND']);
    expect((await refusal({ id: randomUUID(), at: 1 }, ownerToken)).codes).toEqual(['NOT_FOUND']);
    // an ADMIN sees it but does not choose creators' thumbnails
    expect((await refusal({ id: videoId, at: 1 }, adminToken)).codes).toEqual(['FORBIDDEN']);
    expect((await refusal({ id: videoId, at: 1 })).codes).toEqual(['UNAUTHENTICATED']);

    const em = pipeline.em();
    const processing = em.create(Video, { ownerId: owner, title: 'Still processing', status: VideoStatus.PROCESSING, durationSeconds: 10 } as Video);
    await em.flush();
    expect(await refusal({ id: processing.id, at: 1 }, ownerToken)).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['videoId'] });
    expect(await posterKeyOf(videoId)).toBe(kept);
  });
});
