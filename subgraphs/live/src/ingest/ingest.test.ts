import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { EntitlementChanged, eventTopic, LiveRecordingReady, parseEmitted } from '@vp/contracts';
import { applyEntitlementChange, Audience, PlanTier } from '@vp/kit';
import {
  chromiumPath,
  describeIfFfmpeg,
  errorCodes,
  eventually,
  graphql,
  itIfChromium,
  tokenFor,
} from '@vp/kit/testing';
import { chromium } from 'playwright-core';
import { Recording, RecordingStatus } from '../recordings/recording.entity';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { generateStreamKey } from '../streams/stream-key';
import {
  createStream,
  type Ingest,
  parseMediaPlaylist,
  Publisher,
  readIfExists,
  startIngest,
} from './test-ingest';

jest.setTimeout(120_000);

let rtmpPort = 0;

const STREAM = `query ($id: ID!) { liveStream(id: $id) {
  id status startedAt endedAt viewerCount playback { hlsUrl expiresAt } recording { id status } } }`;

describeIfFfmpeg('RTMP ingest to live HLS, playback and recording', () => {
  let ingest: Ingest;
  let stream: Awaited<ReturnType<typeof createStream>>;
  let publisher: Publisher;
  const publishers: Publisher[] = [];
  const publish = (url: string, seconds?: number) => {
    const started = new Publisher(url, seconds);
    publishers.push(started);
    return started;
  };
  const streamDir = () => join(ingest.hlsDir, 'live', stream.id);
  const playlistOf = async (rung: string) => {
    const text = await readIfExists(join(streamDir(), rung, 'index.m3u8'));
    return text ? parseMediaPlaylist(text) : null;
  };
  const query = (token?: string, id = stream.id) => graphql(ingest.url, STREAM, { id }, { token });

  beforeAll(async () => {
    // A 144p rung: below the 180p test source, so the master has the source and one lower rung.
    ingest = await startIngest({ ladder: [{ height: 144, videoKbps: 200 }] });
    stream = await createStream(ingest, { description: 'From the test', requiredPlan: 'FREE' });
    rtmpPort = Number(new URL(stream.rtmpUrl.replace('rtmp:', 'http:')).port);
  });
  afterAll(async () => {
    await Promise.all(publishers.map(started => started.kill()));
    await ingest?.stop();
  });

  it('gives the ingest URL the RTMP server listens on', () => {
    expect(stream.rtmpUrl).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/);
    expect(stream.rtmpUrl).not.toContain(':1935/');
  });

  it('refuses a publish with a wrong key: the publisher fails and no HLS is written', async () => {
    const wrong = publish(`${stream.rtmpUrl}/${generateStreamKey()}`);
    expect(await wrong.exited).not.toBe(0);
    const malformed = publish(`${stream.rtmpUrl}/not-a-key`);
    expect(await malformed.exited).not.toBe(0);
    expect(await readdir(join(ingest.hlsDir, 'live')).catch(() => [])).toEqual([]);
    expect((await query(stream.token)).data.liveStream.status).toBe('SCHEDULED');
  });

  it('turns a publish into live HLS with 2 s segments that grows, with a master of both rungs', async () => {
    publisher = publish(`${stream.rtmpUrl}/${stream.key}`);
    const first = await eventually(
      async () => {
        const playlist = await playlistOf('source');
        return playlist && playlist.segments.length >= 1 ? playlist : null;
      },
      { timeoutMs: 20_000, what: 'the first segment' },
    );
    const firstLast = first.sequence + first.segments.length;
    const later = await eventually(
      async () => {
        const playlist = await playlistOf('source');
        return playlist && playlist.sequence + playlist.segments.length >= firstLast + 2
          ? playlist
          : null;
      },
      { timeoutMs: 20_000, what: 'two more segments' },
    );
    expect(later.ended).toBe(false);
    for (const segment of later.segments) {
      expect(segment.duration).toBeGreaterThanOrEqual(1.5);
      expect(segment.duration).toBeLessThanOrEqual(2.5);
      expect(existsSync(join(streamDir(), 'source', segment.uri))).toBe(true);
    }
    const lower = await eventually(
      async () => {
        const playlist = await playlistOf('144p');
        return playlist && playlist.segments.length >= 1 ? playlist : null;
      },
      { timeoutMs: 10_000, what: 'the 144p rung' },
    );
    expect(lower.segments[0].duration).toBeGreaterThanOrEqual(1.5);
    const master = await readFile(join(streamDir(), 'master.m3u8'), 'utf8');
    expect(master).toContain('#EXT-X-STREAM-INF:BANDWIDTH=');
    expect(master).toContain('RESOLUTION=320x180');
    expect(master.match(/^[^#].*\.m3u8$/gm)).toEqual(['source/index.m3u8', '144p/index.m3u8']);

    const { data } = await query(stream.token);
    expect(data.liveStream).toMatchObject({
      status: 'LIVE',
      endedAt: null,
      recording: { status: 'RECORDING' },
    });
    expect(data.liveStream.startedAt).not.toBeNull();
  });

  it('refuses a second publisher with the same key while the first is live', async () => {
    const before = (await playlistOf('source'))!;
    const second = publish(`${stream.rtmpUrl}/${stream.key}`);
    expect(await second.exited).not.toBe(0);
    // The first one goes on undisturbed.
    await eventually(
      async () => {
        const now = await playlistOf('source');
        return now && now.sequence + now.segments.length > before.sequence + before.segments.length;
      },
      { timeoutMs: 10_000, what: 'the first publisher to go on' },
    );
    expect(publisher.process.exitCode).toBeNull();
  });

  it('serves the live HLS through signed URLs only, and counts the player', async () => {
    const { data, errors } = await query(undefined);
    expect(errors).toBeUndefined();
    const { hlsUrl, expiresAt } = data.liveStream.playback;
    expect(hlsUrl).toMatch(
      new RegExp(`^http://public\\.test/live/[^/]+/live/${stream.id}/master\\.m3u8$`),
    );
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 3600_000);

    const master = await fetch(ingest.local(hlsUrl));
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.headers.get('cache-control')).toBe('public, max-age=1');
    expect(master.headers.get('access-control-allow-origin')).toBe('*');
    const variantUrl = new URL('source/index.m3u8', ingest.local(hlsUrl)).toString();
    const variant = await fetch(variantUrl);
    expect(variant.status).toBe(200);
    const segmentName = parseMediaPlaylist(await variant.text()).segments.at(-1)!.uri;
    const segment = await fetch(new URL(segmentName, variantUrl));
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
    expect(segment.headers.get('cache-control')).toContain('immutable');
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // Tampered token, another stream's prefix, a path outside live/: all 403 before the disk.
    const token = /\/live\/([^/]+)\/live\//.exec(hlsUrl)![1];
    const [payload, mac] = token.split('.');
    const tampered = ingest.local(hlsUrl).replace(token, `${payload}.${mac.slice(0, -2)}AA`);
    expect((await fetch(tampered)).status).toBe(403);
    const other = ingest.local(hlsUrl).replace(`/live/${stream.id}/`, `/live/${randomUUID()}/`);
    expect((await fetch(other)).status).toBe(403);
    const escape = ingest
      .local(hlsUrl)
      .replace(`live/${stream.id}/master.m3u8`, `live/${stream.id}/%2e%2e/x.m3u8`);
    expect([403, 404]).toContain((await fetch(escape)).status);
    const forged = ingest
      .local(hlsUrl)
      .replace(token, ingest.signer.token(`live/${stream.id}/`, new Date(Date.now() - 1000)));
    expect((await fetch(forged)).status).toBe(403);

    const counted = await query(undefined);
    expect(counted.data.liveStream.viewerCount).toBeGreaterThanOrEqual(1);
  });

  it('applies the plan and age rules of videos to playback', async () => {
    const em = ingest.em();
    const premium = em.create(LiveStream, {
      ownerId: randomUUID(),
      title: 'Premium',
      status: LiveStreamStatus.LIVE,
      startedAt: new Date(),
      requiredPlan: PlanTier.PREMIUM,
    } as LiveStream);
    const adult = em.create(LiveStream, {
      ownerId: randomUUID(),
      title: 'Adult',
      status: LiveStreamStatus.LIVE,
      startedAt: new Date(),
      audience: Audience.ADULT,
    } as LiveStream);
    await em.flush();
    const viewer = randomUUID();
    const token = await tokenFor(viewer);

    for (const who of [undefined, token]) {
      const refused = await query(who, premium.id);
      expect(errorCodes(refused)).toEqual(['PAYMENT_REQUIRED']);
      expect(refused.data.liveStream.playback).toBeNull();
      expect(errorCodes(await query(who, adult.id))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await query(await tokenFor(premium.ownerId), premium.id))).toEqual([]);

    const change = (tier: PlanTier, ageVerified: boolean, changedAt: Date) =>
      applyEntitlementChange(
        {
          id: randomUUID(),
          type: eventTopic(EntitlementChanged),
          occurredAt: changedAt.toISOString(),
          payload: { userId: viewer, tier, ageVerified, changedAt: changedAt.toISOString() },
        },
        ingest.em(),
      );
    await change(PlanTier.PREMIUM, false, new Date());
    await change(PlanTier.FREE, true, new Date(Date.now() - 60_000)); // older: ignored
    expect((await query(token, premium.id)).data.liveStream.playback.hlsUrl).toContain(
      `/live/${premium.id}/`,
    );
    expect(errorCodes(await query(token, adult.id))).toEqual(['FORBIDDEN']);
    await change(PlanTier.PREMIUM, true, new Date(Date.now() + 1000));
    expect(errorCodes(await query(token, adult.id))).toEqual([]);
    // A token for one stream never opens another.
    const premiumUrl = (await query(token, premium.id)).data.liveStream.playback.hlsUrl;
    const crossed = ingest.local(premiumUrl).replace(`/live/${premium.id}/`, `/live/${stream.id}/`);
    expect((await fetch(crossed)).status).toBe(403);
  });

  itIfChromium('plays in headless Chromium with hls.js, its time advancing', async () => {
    const script = await readFile(require.resolve('hls.js/dist/hls.min.js'));
    const page = createServer((req, res) => {
      if (req.url?.startsWith('/hls.min.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><video id="v" muted></video>
<script src="/hls.min.js"></script><script>
  window.result = { error: null, levels: 0 };
  const video = document.getElementById('v');
  const hls = new Hls({ liveSyncDurationCount: 2 });
  hls.on(Hls.Events.MANIFEST_PARSED, () => { window.result.levels = hls.levels.length; video.play().catch(e => { window.result.error = String(e); }); });
  hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) window.result.error = data.type + ': ' + data.details; });
  hls.loadSource(new URLSearchParams(location.search).get('src'));
  hls.attachMedia(video);
</script>`);
      }
    });
    await new Promise<void>(resolve => page.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const hlsUrl = ingest.local((await query(undefined)).data.liveStream.playback.hlsUrl);
      const tab = await browser.newPage();
      const origin = `http://127.0.0.1:${(page.address() as { port: number }).port}`;
      await tab.goto(`${origin}/?src=${encodeURIComponent(hlsUrl)}`);
      type PlayerState = { error: string | null; levels: number; time: number };
      const state = () =>
        tab.evaluate<PlayerState>(
          '({ ...window.result, time: document.querySelector("video").currentTime })',
        );
      const started = await eventually(
        async () => {
          const now = await state();
          if (now.error) {
            throw new Error(now.error);
          }
          return now.time > 0.5 ? now : null;
        },
        { timeoutMs: 30_000, what: 'the browser to play' },
      );
      expect(started.levels).toBe(2);
      const later = await eventually(
        async () => {
          const now = await state();
          return now.time > started.time + 2 ? now : null;
        },
        { timeoutMs: 20_000, what: 'the time to advance' },
      );
      expect(later.error).toBeNull();
    } finally {
      await browser.close();
      await new Promise(resolve => page.close(resolve));
    }
  });

  it('keeps the same session when the publisher reconnects within the window', async () => {
    const before = (await query(stream.token)).data.liveStream;
    const last = (await playlistOf('source'))!;
    await publisher.kill();
    await new Promise(resolve => setTimeout(resolve, 1500));
    publisher = publish(`${stream.rtmpUrl}/${stream.key}`);
    const resumed = await eventually(
      async () => {
        const now = await playlistOf('source');
        return now &&
          now.discontinuities >= 1 &&
          now.sequence + now.segments.length > last.sequence + last.segments.length + 1
          ? now
          : null;
      },
      { timeoutMs: 20_000, what: 'the playlist to continue after a discontinuity' },
    );
    expect(resumed.ended).toBe(false);
    const after = (await query(stream.token)).data.liveStream;
    expect(after).toMatchObject({
      id: before.id,
      status: 'LIVE',
      startedAt: before.startedAt,
      recording: before.recording,
    });
  });

  it('ends after the window: ENDED, #EXT-X-ENDLIST, the recording stored and handed to the video pipeline', async () => {
    await new Promise(resolve => setTimeout(resolve, 3000)); // a few more seconds in the recording
    await publisher.kill();
    const ended = await eventually(
      async () => {
        const { data } = await query(stream.token);
        return data.liveStream.status === 'ENDED' &&
          data.liveStream.recording.status !== 'RECORDING'
          ? data.liveStream
          : null;
      },
      { timeoutMs: 30_000, what: 'the stream to end' },
    );
    expect(ended.endedAt).not.toBeNull();
    expect(ended.playback).toBeNull();
    expect(ended.recording.status).toBe('HANDED_OFF');
    for (const rung of ['source', '144p']) {
      expect((await playlistOf(rung))!.ended).toBe(true);
    }

    const videoId = ended.recording.id;
    const sourceKey = `uploads/${videoId}/source`;
    const stored = await ingest.storage.head(sourceKey);
    expect(stored).toMatchObject({ contentType: 'video/mp4' });
    const file = join(ingest.storage.dir, sourceKey);
    const probe = JSON.parse(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-show_format',
        '-show_streams',
        '-of',
        'json',
        file,
      ]).toString(),
    );
    expect(Number(probe.format.duration)).toBeGreaterThan(8);
    expect(probe.streams.map((s: { codec_type: string }) => s.codec_type).sort()).toEqual([
      'audio',
      'video',
    ]);

    const row = await ingest.em().findOneOrFail(Recording, { id: videoId });
    expect(row).toMatchObject({
      streamId: stream.id,
      status: RecordingStatus.HANDED_OFF,
      sourceKey,
      sizeBytes: stored!.sizeBytes,
    });
    const event = await eventually(
      () => ingest.recordingsReady.find(e => e.payload.streamId === stream.id),
      { timeoutMs: 15_000, what: LiveRecordingReady.name },
    );
    // LiveRecordingReady's producer contract test (the consumer's: videos' live-recording.test.ts).
    expect(parseEmitted(LiveRecordingReady, event.payload)).toEqual({
      streamId: stream.id,
      ownerId: stream.ownerId,
      title: 'Test stream',
      description: 'From the test',
      requiredPlan: 'FREE',
      audience: 'GENERAL',
      sourceKey,
      videoId,
      sizeBytes: stored!.sizeBytes,
      contentType: 'video/mp4',
    });
    // The recording's pieces are gone once stored; the key is dead.
    expect(existsSync(join(ingest.hlsDir, 'recordings', stream.id))).toBe(false);
    const late = publish(`${stream.rtmpUrl}/${stream.key}`);
    expect(await late.exited).not.toBe(0);
  });
});

describe('no ffmpeg or RTMP server left behind', () => {
  it('closed the RTMP port', async () => {
    if (!rtmpPort) {
      return;
    }
    const refused = await new Promise<boolean>(resolve => {
      const socket = connect(rtmpPort, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('leaves no ffmpeg child running', () => {
    const children = execFileSync('ps', [
      '-o',
      'pid=,comm=',
      '--ppid',
      String(process.pid),
    ]).toString();
    expect(children).not.toMatch(/ffmpeg/);
  });
});
