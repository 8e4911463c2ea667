import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  subscribe,
  uploadFile,
} from '../test-pipeline';
import { Video, VideoStatus } from '../videos/video.entity';

const run = promisify(execFile);

const PROCESSING = `subscription ($id: ID!) { videoProcessing(videoId: $id) { videoId status percent failureReason playableAt renditions { height } } }`;
const PLAYBACK = `query ($id: ID!) { video(id: $id) {
  id status kind durationSeconds publishedAt
  renditions { height width bandwidth averageBandwidth codecs frameRate }
  thumbnailUrl storyboard { imageUrl vttUrl } playback { hlsUrl expiresAt } } }`;

/** What a READY 640x360 source leaves under videos/<id>/: two rungs, poster, storyboard, master. */
function expectOutputs(keys: string[], videoId: string) {
  const prefix = `videos/${videoId}/`;
  expect(keys.every(key => key.startsWith(prefix))).toBe(true);
  const files = keys.map(key => key.slice(prefix.length)).sort();
  expect(files).toEqual(
    expect.arrayContaining([
      '360p/index.m3u8',
      'master.m3u8',
      'poster.jpg',
      'storyboard.jpg',
      'storyboard.vtt',
    ]),
  );
  const unexpected = files.filter(
    file =>
      !/^(master\.m3u8|poster\.jpg|storyboard\.(jpg|vtt)|\d+p\/(index\.m3u8|[\w-]+\.(ts|m4s|mp4)))$/.test(
        file,
      ),
  );
  expect(unexpected).toEqual([]);
  return files;
}

jest.setTimeout(180_000);

describeIfFfmpeg('upload → transcode → publish → play', () => {
  let pipeline: Pipeline;
  const owner = randomUUID();
  let ownerToken: string;
  let viewerToken: string;
  let clip: Buffer;

  beforeAll(async () => {
    pipeline = await startPipeline();
    ownerToken = await tokenFor(owner, [Role.CREATOR]);
    viewerToken = await tokenFor(randomUUID(), [Role.VIEWER]);
    const path = join(pipeline.dir, 'clip-640x360.mp4');
    await makeClip(path, { width: 640, height: 360, seconds: 3 });
    clip = await readFile(path);
  });
  afterAll(() => pipeline?.stop());

  let videoId: string;

  it('takes the bytes at the signed URL, validates them, streams progress and ends READY', async () => {
    const uploaded = await uploadFile(pipeline, ownerToken, clip, { title: 'My first clip' });
    videoId = uploaded.videoId;
    expect(uploaded.putStatus).toBeLessThan(300);
    expect(uploaded.upload.method).toBe('PUT');
    expect(new Date(uploaded.upload.expiresAt).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(
      uploaded.upload.url.startsWith(`${pipeline.origin}/uploads/uploads/${videoId}/source`),
    ).toBe(true);

    const stranger = subscribe(pipeline, PROCESSING, { id: videoId }, viewerToken);
    const watcher = subscribe(pipeline, PROCESSING, { id: videoId }, ownerToken);
    await eventually(() => watcher.events.length >= 1, { what: 'the current state' });
    expect(watcher.events[0].data.videoProcessing).toEqual({
      videoId,
      status: 'AWAITING_UPLOAD',
      percent: 0,
      failureReason: null,
      playableAt: null,
      renditions: [],
    });

    const completed = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken);
    expect(completed.errors).toBeUndefined();
    expect(completed.data.completeUpload).toMatchObject({
      id: videoId,
      status: 'PROCESSING',
      durationSeconds: 3,
    });

    await eventually(() => watcher.completed, {
      what: 'READY over graphql-ws',
      timeoutMs: 150_000,
    });
    const updates = watcher.events.map(event => event.data.videoProcessing);
    expect(updates.at(-1)).toMatchObject({
      videoId,
      status: 'READY',
      percent: 100,
      failureReason: null,
      renditions: [{ height: 360 }],
    });
    expect(updates.at(-1).playableAt).not.toBeNull();
    const percents = updates.slice(1).map(update => update.percent);
    expect(percents.length).toBeGreaterThanOrEqual(3);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    // Each update moves the percent, or makes something new playable (then the percent may repeat).
    updates.slice(2).forEach((update, index) => {
      const previous = updates[index + 1];
      expect(
        update.percent > previous.percent ||
          JSON.stringify(update.renditions) !== JSON.stringify(previous.renditions),
      ).toBe(true);
    });
    expect(updates.slice(1, -1).every(update => update.status === 'PROCESSING')).toBe(true);
    // Progressive publishing: playable (with its one rung growing) before READY.
    const firstPlayable = updates.findIndex(update => update.playableAt !== null);
    expect(firstPlayable).toBeGreaterThan(0);
    expect(updates[firstPlayable]).toMatchObject({
      status: 'PROCESSING',
      renditions: [{ height: 360 }],
    });
    expect(new Date(updates[firstPlayable].playableAt).getTime()).toBeLessThanOrEqual(Date.now());
    // Someone else's video cannot be watched: the subscription ends with NOT_FOUND.
    await eventually(() => stranger.completed, { what: 'the stranger refused' });
    expect(
      stranger.events.map(event => [event.data ?? null, event.errors?.[0]?.extensions?.code]),
    ).toEqual([[null, 'NOT_FOUND']]);
    await Promise.all([watcher.close(), stranger.close()]);
  });

  it('stores exactly the outputs under videos/<id>/ and leaves no scratch files', async () => {
    expectOutputs(await pipeline.storage.list(`videos/${videoId}/`), videoId);
    expect(await pipeline.storage.list(`uploads/${videoId}/`)).toEqual([
      `uploads/${videoId}/source`,
    ]);
    // The worker clears its scratch folder after it has stored READY.
    await eventually(() => !existsSync(join(pipeline.settings.workDir, videoId)), {
      what: 'the scratch folder to go',
    });
    const stored = await pipeline.em().findOneOrFail(Video, videoId);
    expect(stored.status).toBe(VideoStatus.READY);
    expect(stored.renditionList?.map(r => r.height).sort()).toEqual([360]);
    expect(stored.masterPlaylistKey).toBe(`videos/${videoId}/master.m3u8`);
  });

  it('calls a second completeUpload harmless: it answers the current state and queues nothing', async () => {
    const again = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, ownerToken);
    expect(again.data.completeUpload).toMatchObject({ id: videoId, status: 'READY' });
    // Whatever it wrote to the outbox has reached pg-boss once the outbox is empty.
    await eventually(() => pipeline.eventsSettled(), { what: 'the outbox to be relayed' });
    const jobs = await pipeline
      .em()
      .getConnection()
      .execute(
        `select state from pgboss.job where name = 'videos.transcode' and data->>'videoId' = ?`,
        [videoId],
      );
    expect(jobs).toEqual([{ state: 'completed' }]);
  });

  it('hides the unpublished video from others, then makes it PUBLIC and publishes it', async () => {
    const hidden = await pipeline.query(PLAYBACK, { id: videoId }, viewerToken);
    expect(hidden.data.video).toBeNull();
    const updated = await pipeline.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { visibility: PUBLIC, tags: ["test"] }) { visibility tags } }`,
      { id: videoId },
      ownerToken,
    );
    expect(updated.data.updateVideo).toEqual({ visibility: 'PUBLIC', tags: ['test'] });
    const published = await pipeline.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id status publishedAt } }`,
      { id: videoId },
      ownerToken,
    );
    expect(published.errors).toBeUndefined();
    expect(published.data.publishVideo.publishedAt).not.toBeNull();
  });

  it('gives a viewer signed playback whose master playlist and segments load, and refuses tampered URLs', async () => {
    const response = await pipeline.query(PLAYBACK, { id: videoId }, viewerToken);
    expect(response.errors).toBeUndefined();
    const video = response.data.video;
    expect(video).toMatchObject({ status: 'READY', kind: 'VIDEO', durationSeconds: 3 });
    expect(video.renditions).toEqual([
      expect.objectContaining({ height: 360, width: 640, codecs: expect.stringContaining('avc1') }),
    ]);
    expect(video.renditions[0].bandwidth).toBeGreaterThan(0);
    const expiresAt = new Date(video.playback.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 1000);

    const master = await fetch(video.playback.hlsUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toContain('mpegurl');
    const masterText = await master.text();
    expect(masterText).toContain('#EXT-X-STREAM-INF');
    const variantPath = masterText
      .split('\n')
      .find(line => line.trim() && !line.startsWith('#'))!
      .trim();
    const variantUrl = new URL(variantPath, video.playback.hlsUrl);
    const variant = await fetch(variantUrl);
    expect(variant.status).toBe(200);
    const segmentPath = (await variant.text())
      .split('\n')
      .find(line => line.trim() && !line.startsWith('#'))!
      .trim();
    const segment = await fetch(new URL(segmentPath, variantUrl));
    expect(segment.status).toBe(200);
    expect(segment.headers.get('cache-control')).toContain('immutable');
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const poster = await fetch(video.thumbnailUrl);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(video.storyboard.vttUrl)).status).toBe(200);

    // Tampered: another signature character, another video's prefix under the same token, a forged expiry.
    const url = new URL(video.playback.hlsUrl);
    const [, , token] = url.pathname.split('/');
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await fetch(video.playback.hlsUrl.replace(token, flipped))).status).toBe(403);
    expect(
      (await fetch(video.playback.hlsUrl.replace(`videos/${videoId}/`, `videos/${randomUUID()}/`)))
        .status,
    ).toBe(403);
    const [payload, mac] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.e += 3600 * 24 * 365;
    const forgedToken = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
    expect((await fetch(video.playback.hlsUrl.replace(token, forgedToken))).status).toBe(403);
  });

  it('produces H.264 + AAC HLS of the right height and duration (ffprobe)', async () => {
    const path = join(pipeline.dir, 'media', `videos/${videoId}/360p/index.m3u8`);
    const { stdout } = await run('ffprobe', [
      ...[
        '-v',
        'error',
        '-protocol_whitelist',
        'file',
        '-show_entries',
        'stream=codec_name,height:format=duration',
      ],
      ...['-of', 'json', path],
    ]);
    const probe = JSON.parse(stdout);
    const codecs = probe.streams.map((s: { codec_name: string }) => s.codec_name).sort();
    expect(codecs).toEqual(['aac', 'h264']);
    expect(probe.streams.find((s: { codec_name: string }) => s.codec_name === 'h264').height).toBe(
      360,
    );
    expect(Number(probe.format.duration)).toBeGreaterThan(2.5);
    expect(Number(probe.format.duration)).toBeLessThan(3.6);
  });

  it('deletes the video with its media and upload; its URLs stop working', async () => {
    const before = await pipeline.query(PLAYBACK, { id: videoId }, ownerToken);
    const deleted = await pipeline.query(
      `mutation ($id: ID!) { deleteVideo(id: $id) }`,
      { id: videoId },
      ownerToken,
    );
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteVideo).toBe(true);
    expect(await pipeline.storage.list(`videos/${videoId}/`)).toEqual([]);
    expect(await pipeline.storage.list(`uploads/${videoId}/`)).toEqual([]);
    expect(await pipeline.em().findOne(Video, videoId)).toBeNull();
    expect((await fetch(before.data.video.playback.hlsUrl)).status).toBe(404);
    const again = await pipeline.query(
      `mutation ($id: ID!) { deleteVideo(id: $id) }`,
      { id: videoId },
      ownerToken,
    );
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
  });

  it('turns a portrait clip of at most 60 s into a SHORT', async () => {
    const path = join(pipeline.dir, 'portrait.mp4');
    await makeClip(path, { width: 180, height: 320, seconds: 2 });
    const { videoId: id } = await uploadFile(pipeline, ownerToken, await readFile(path));
    expect((await pipeline.query(COMPLETE_UPLOAD, { id }, ownerToken)).errors).toBeUndefined();
    await eventually(
      async () => (await pipeline.em().findOne(Video, id))?.status === VideoStatus.READY,
      {
        what: 'the short to be READY',
        timeoutMs: 120_000,
      },
    );
    const stored = await pipeline.em().findOneOrFail(Video, id);
    expect(stored.kind).toBe('SHORT');
    expect(stored.renditionList?.length).toBeGreaterThan(0);
    expect(stored.renditionList!.every(r => r.height > r.width)).toBe(true);
  });
});
