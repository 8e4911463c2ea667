import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import { parseMediaPlaylist } from '../transcoding/transcode';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  uploadFile,
} from '../test-pipeline';
import { Video, VideoStatus } from '../videos/video.entity';

const run = promisify(execFile);

jest.setTimeout(480_000);

const STATE = `query ($id: ID!) { video(id: $id) {
  status failureReason renditions { height } playback { hlsUrl complete } } }`;
const PUBLISH = `mutation ($id: ID!) { publishVideo(id: $id) { id status publishedAt } }`;
const MAKE_PUBLIC = `mutation ($id: ID!) { updateVideo(id: $id, input: { visibility: PUBLIC }) { id } }`;

/** The rung playlists a master names, e.g. ['360p/index.m3u8']. */
const rungsOf = (master: string) =>
  master.split('\n').filter(line => line.trim() && !line.startsWith('#'));

async function fetchText(url: string) {
  const response = await fetch(url);
  return {
    status: response.status,
    text: await response.text(),
    cache: response.headers.get('cache-control'),
  };
}

/** ffmpeg processes working on this video (the worker spawns them through `nice`). */
function ffmpegPidsFor(videoId: string, mentioning: string): number[] {
  return readdirSync('/proc')
    .filter(entry => /^\d+$/.test(entry))
    .filter(pid => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return (
          cmdline.includes(videoId) && cmdline.includes(mentioning) && cmdline.includes('ffmpeg')
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

describeIfFfmpeg('progressive publishing: playable while the ladder is made', () => {
  let pipeline: Pipeline;
  let ownerToken: string;

  beforeAll(async () => {
    pipeline = await startPipeline();
    ownerToken = await tokenFor(randomUUID(), [Role.CREATOR]);
  });
  afterAll(() => pipeline?.stop());

  it('a 30 s clip plays (its first segment fetched and probed) before READY, can be published then, and its master gains rungs over time', async () => {
    const path = join(pipeline.dir, 'thirty.mp4');
    await makeClip(path, { width: 1280, height: 720, seconds: 30 });
    const { videoId } = await uploadFile(pipeline, ownerToken, await readFile(path));

    // Not playable yet: nothing to publish.
    const early = await pipeline.query(PUBLISH, { id: videoId }, ownerToken);
    expect(errorCodes(early)).toEqual(['BAD_USER_INPUT']);
    expect((await pipeline.em().findOneOrFail(Video, videoId)).publishedAt).toBeNull();

    expect(
      (await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken)).errors,
    ).toBeUndefined();
    const playable = await eventually(
      async () => (await pipeline.query(STATE, { id: videoId }, ownerToken)).data.video,
      {
        until: video => video.playback !== null,
        what: 'playback while processing',
        timeoutMs: 120_000,
      },
    );
    expect(playable.status).toBe('PROCESSING');
    expect(playable.playback.complete).toBe(false);
    expect(playable.renditions).toEqual([{ height: 360 }]);
    const hlsUrl: string = playable.playback.hlsUrl;

    // The master names the growing lowest rung only; its playlist is an EVENT one without ENDLIST.
    const master = await fetchText(hlsUrl);
    expect(master.status).toBe(200);
    expect(rungsOf(master.text)).toEqual(['360p/index.m3u8']);
    expect(master.cache).toBe('public, max-age=1');
    const growing = await fetchText(new URL('360p/index.m3u8', hlsUrl).href);
    expect(growing.status).toBe(200);
    expect(growing.text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(growing.cache).toBe('public, max-age=1');
    const segments = parseMediaPlaylist(growing.text);
    expect(segments.length).toBeGreaterThanOrEqual(1);

    // Its first segment is real video: fetched through the signed URL and probed.
    const segment = await fetch(new URL(`360p/${segments[0].uri}`, hlsUrl).href);
    expect(segment.status).toBe(200);
    const segmentPath = join(pipeline.dir, 'first-segment.ts');
    await writeFile(segmentPath, Buffer.from(await segment.arrayBuffer()));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-protocol_whitelist', 'file', '-of', 'json'],
      ...['-show_entries', 'stream=codec_type,codec_name,width,height', `file:${segmentPath}`],
    ]);
    const streams = JSON.parse(stdout).streams as {
      codec_type: string;
      codec_name: string;
      width?: number;
      height?: number;
    }[];
    expect(streams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          codec_type: 'video',
          codec_name: 'h264',
          width: 640,
          height: 360,
        }),
        expect.objectContaining({ codec_type: 'audio', codec_name: 'aac' }),
      ]),
    );
    // All of that happened before READY.
    expect((await pipeline.em().findOneOrFail(Video, videoId)).status).toBe(VideoStatus.PROCESSING);

    // Others: nothing before it is published; published while processing, they play what exists.
    expect((await pipeline.query(STATE, { id: videoId })).data.video).toBeNull();
    expect((await pipeline.query(MAKE_PUBLIC, { id: videoId }, ownerToken)).errors).toBeUndefined();
    const published = await pipeline.query(PUBLISH, { id: videoId }, ownerToken);
    expect(published.errors).toBeUndefined();
    expect(published.data.publishVideo.status).toBe('PROCESSING');
    const viewer = (await pipeline.query(STATE, { id: videoId })).data.video;
    expect(viewer.playback).not.toBeNull();
    expect((await fetchText(viewer.playback.hlsUrl)).status).toBe(200);

    // The master gains the higher rungs when they are done; the lowest one's playlist ends.
    const seen = new Set<string>();
    await eventually(
      async () => {
        const current = await fetchText(hlsUrl);
        seen.add(rungsOf(current.text).join(' '));
        return (await pipeline.em().findOneOrFail(Video, videoId)).status;
      },
      {
        until: status => status !== VideoStatus.PROCESSING,
        what: 'READY',
        timeoutMs: 200_000,
        intervalMs: 250,
      },
    );
    const ready = (await pipeline.query(STATE, { id: videoId }, ownerToken)).data.video;
    expect(ready.status).toBe('READY');
    expect(ready.playback.complete).toBe(true);
    expect(ready.renditions).toEqual([{ height: 720 }, { height: 480 }, { height: 360 }]);
    const finalMaster = await fetchText(hlsUrl);
    expect(rungsOf(finalMaster.text).sort()).toEqual(
      ['360p/index.m3u8', '480p/index.m3u8', '720p/index.m3u8'].sort(),
    );
    expect(finalMaster.cache).toBe('public, max-age=86400');
    expect([...seen][0]).toBe('360p/index.m3u8');
    const ended = await fetchText(new URL('360p/index.m3u8', hlsUrl).href);
    expect(ended.text).toContain('#EXT-X-ENDLIST');
    expect(ended.cache).toBe('public, max-age=86400');
    // Appended only: what a player saw while it grew is still the start of it.
    expect(parseMediaPlaylist(ended.text).slice(0, segments.length)).toEqual(segments);
    const uris = parseMediaPlaylist(ended.text).map(entry => entry.uri);
    expect(new Set(uris).size).toBe(uris.length);
  });
});

describeIfFfmpeg('progressive publishing: a failure after playback started', () => {
  let pipeline: Pipeline;
  let ownerToken: string;

  beforeAll(async () => {
    pipeline = await startPipeline({ transcodeRetryLimit: 0 });
    ownerToken = await tokenFor(randomUUID(), [Role.CREATOR]);
  });
  afterAll(() => pipeline?.stop());

  it('leaves the video FAILED with its reason and stops playback that had started', async () => {
    const path = join(pipeline.dir, 'doomed.mp4');
    await makeClip(path, { width: 1280, height: 720, seconds: 30 });
    const { videoId } = await uploadFile(pipeline, ownerToken, await readFile(path));
    expect(
      (await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken)).errors,
    ).toBeUndefined();
    const playable = await eventually(
      async () => (await pipeline.query(STATE, { id: videoId }, ownerToken)).data.video,
      {
        until: video => video.playback !== null,
        what: 'playback while processing',
        timeoutMs: 120_000,
      },
    );
    const hlsUrl: string = playable.playback.hlsUrl;
    expect((await fetchText(hlsUrl)).status).toBe(200);

    // The higher rungs' ffmpeg dies (as on an out-of-memory kill): the only try fails.
    const pids = await eventually(() => ffmpegPidsFor(videoId, '720p'), {
      until: found => found.length > 0,
      what: 'the higher rungs encoding',
    });
    expect((await pipeline.em().findOneOrFail(Video, videoId)).status).toBe(VideoStatus.PROCESSING);
    pids.forEach(pid => process.kill(pid, 'SIGKILL'));

    const failed = await eventually(
      async () => (await pipeline.query(STATE, { id: videoId }, ownerToken)).data.video,
      { until: video => video.status === 'FAILED', what: 'FAILED', timeoutMs: 60_000 },
    );
    expect(failed.failureReason).toBe('The video could not be processed.');
    expect(failed.playback).toBeNull();
    expect(failed.renditions).toEqual([]);
    // The URL handed out while it played stops working, and nothing of it is left in storage.
    expect((await fetchText(hlsUrl)).status).toBeGreaterThanOrEqual(400);
    expect(
      (await fetchText(new URL('360p/index.m3u8', hlsUrl).href)).status,
    ).toBeGreaterThanOrEqual(400);
    expect(await pipeline.storage.list(`videos/${videoId}/`)).toEqual([]);
    // And it cannot be published any more.
    expect(errorCodes(await pipeline.query(PUBLISH, { id: videoId }, ownerToken))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
