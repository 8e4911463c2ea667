import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { chromiumPath, describeIfFfmpegAndChromium, eventually, tokenFor } from '@vp/kit/testing';
import { chromium } from 'playwright-core';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  uploadFile,
} from '../test-pipeline';
import { Video, VideoStatus } from '../videos/video.entity';

const STATE = `query ($id: ID!) { video(id: $id) { status playback { hlsUrl complete } } }`;

const HLS_JS = require.resolve('hls.js/dist/hls.min.js');

jest.setTimeout(180_000);

const PAGE = `<!doctype html>
<html><body>
<video id="player" muted playsinline></video>
<script src="/hls.min.js"></script>
<script>
  window.result = { levels: null, error: null, supported: Hls.isSupported(), ended: false, stalls: 0 };
  const params = new URLSearchParams(location.search);
  const video = document.getElementById('player');
  video.addEventListener('ended', () => { window.result.ended = true; });
  video.addEventListener('playing', () => { if (window.result.startedAt === undefined) window.result.startedAt = video.currentTime; });
  video.addEventListener('waiting', () => { window.result.stalls += 1; });
  // A video still being processed is an EVENT playlist, which hls.js would start at its live edge:
  // a viewer starts it from the beginning (as the web app's player does).
  const hls = new Hls(params.get('growing') ? { startPosition: 0 } : {});
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    window.result.levels = hls.levels.map(level => ({ height: level.height, width: level.width, bitrate: level.bitrate }));
    video.play().catch(error => { window.result.error = String(error); });
  });
  hls.on(Hls.Events.ERROR, (_event, data) => { if (data.fatal) window.result.error = data.type + ': ' + data.details; });
  hls.loadSource(params.get('src'));
  hls.attachMedia(video);
</script>
</body></html>`;

interface PlayerState {
  supported: boolean;
  error: string | null;
  levels: { height: number; width: number; bitrate: number }[];
  currentTime: number;
}

/** Serves the player page and hls.js from another origin than the media, as a web app would. */
async function servePlayer(): Promise<{ server: Server; origin: string }> {
  const script = await readFile(HLS_JS);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/hls.min.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describeIfFfmpegAndChromium('playback in a real browser', () => {
  let pipeline: Pipeline;
  let player: { server: Server; origin: string };

  beforeAll(async () => {
    pipeline = await startPipeline();
    player = await servePlayer();
  });
  afterAll(async () => {
    await new Promise(resolve => player?.server.close(resolve));
    await pipeline?.stop();
  });

  it('plays the signed HLS with hls.js in headless Chromium, offering every rung', async () => {
    const owner = randomUUID();
    const token = await tokenFor(owner, [Role.CREATOR]);
    const path = join(pipeline.dir, 'hd.mp4');
    await makeClip(path, { width: 1280, height: 720, seconds: 4 });
    const { videoId } = await uploadFile(pipeline, token, await readFile(path));
    expect((await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, token)).errors).toBeUndefined();
    await eventually(
      async () => (await pipeline.em().findOne(Video, videoId))?.status === VideoStatus.READY,
      {
        what: 'READY',
        timeoutMs: 150_000,
      },
    );
    await pipeline.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { visibility: PUBLIC }) { id } }`,
      { id: videoId },
      token,
    );
    await pipeline.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: videoId },
      token,
    );
    const response = await pipeline.query(
      `query ($id: ID!) { video(id: $id) { renditions { height width } playback { hlsUrl } } }`,
      { id: videoId },
    );
    const { renditions, playback } = response.data.video;
    expect(renditions.map((r: { height: number }) => r.height)).toEqual([720, 480, 360]);

    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${player.origin}/?src=${encodeURIComponent(playback.hlsUrl)}`);
      // Page-side code as strings: it runs in the browser, not under this file's Node types.
      await page.waitForFunction('window.result.levels || window.result.error', null, {
        timeout: 30_000,
      });
      await page.waitForFunction(
        "window.result.error || document.getElementById('player').currentTime > 1",
        null,
        {
          timeout: 60_000,
        },
      );
      const result = (await page.evaluate(
        "({ ...window.result, currentTime: document.getElementById('player').currentTime })",
      )) as PlayerState;
      expect(result.error).toBeNull();
      expect(result.supported).toBe(true);
      expect(result.levels.map(level => level.height).sort((a, b) => a - b)).toEqual([
        360, 480, 720,
      ]);
      expect(result.levels.every(level => level.bitrate > 0)).toBe(true);
      expect(result.currentTime).toBeGreaterThan(1);
    } finally {
      await browser.close();
    }
  });
  it('starts playing a video with hls.js during PROCESSING and plays on to the end as the rest is encoded', async () => {
    const owner = randomUUID();
    const token = await tokenFor(owner, [Role.CREATOR]);
    const path = join(pipeline.dir, 'thirty.mp4');
    await makeClip(path, { width: 1280, height: 720, seconds: 30 });
    const { videoId } = await uploadFile(pipeline, token, await readFile(path));
    expect((await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, token)).errors).toBeUndefined();
    const playable = await eventually(
      async () => (await pipeline.query(STATE, { id: videoId }, token)).data.video,
      { until: video => video.playback !== null, what: 'playable', timeoutMs: 120_000 },
    );
    expect(playable.playback.complete).toBe(false);

    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(
        `${player.origin}/?growing=1&src=${encodeURIComponent(playable.playback.hlsUrl)}`,
      );
      await page.waitForFunction(
        "window.result.error || document.getElementById('player').currentTime > 1",
        null,
        { timeout: 60_000 },
      );
      // Playing while the ladder is still being made.
      const statusWhilePlaying = (await pipeline.em().findOneOrFail(Video, videoId)).status;
      expect(statusWhilePlaying).toBe(VideoStatus.PROCESSING);
      await page.waitForFunction('window.result.error || window.result.ended', null, {
        timeout: 150_000,
      });
      const result = (await page.evaluate(
        "({ ...window.result, currentTime: document.getElementById('player').currentTime })",
      )) as PlayerState & { ended: boolean; startedAt: number };
      expect(result.error).toBeNull();
      expect(result.ended).toBe(true);
      expect(result.startedAt).toBeLessThan(1);
      // Played from the start to the end of the 30 s clip.
      expect(result.currentTime).toBeGreaterThan(29);
    } finally {
      await browser.close();
    }
  });
});
