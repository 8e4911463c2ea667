import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeIfFfmpeg } from '@vp/kit/testing';
import { type PublishUpdate, type TranscodeResult } from './contracts';
import { planLadder } from './ladder';
import { probeUpload } from './probe';
import { binaries, makeClip, tempDir } from './test-clips';
import { parseMediaPlaylist, transcodeToHls } from './transcode';

function ffprobeJson(args: string[]): any {
  const result = spawnSync(
    binaries!.ffprobe,
    ['-v', 'error', '-protocol_whitelist', 'file', '-of', 'json', ...args],
    {
      encoding: 'utf8',
    },
  );
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** The video packets of a segment: presentation time and whether it is a keyframe. */
function videoPackets(segment: string): { pts: number; key: boolean }[] {
  const { packets } = ffprobeJson([
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time,flags',
    `file:${segment}`,
  ]);
  return (packets as { pts_time: string; flags: string }[]).map(packet => ({
    pts: Number(packet.pts_time),
    key: packet.flags.startsWith('K'),
  }));
}

/** Processes whose command line mentions `text` (ffmpeg left running?). */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter(entry => /^\d+$/.test(entry))
    .flatMap(pid => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmdline.includes(text) ? [cmdline] : [];
      } catch {
        return [];
      }
    });
}

describe('planLadder', () => {
  it('keeps only the rungs at or below the source, lowest first, never upscaling', () => {
    expect(
      planLadder({ width: 1920, height: 1080 }).map(rung => `${rung.width}x${rung.height}`),
    ).toEqual(['640x360', '854x480', '1280x720', '1920x1080']);
    expect(planLadder({ width: 1280, height: 720 }).map(rung => rung.name)).toEqual([
      '360p',
      '480p',
      '720p',
    ]);
    expect(planLadder({ width: 3840, height: 2160 }).map(rung => rung.height)).toEqual([
      360, 480, 720, 1080,
    ]);
    expect(
      planLadder({ width: 640, height: 360 }).map(rung => `${rung.width}x${rung.height}`),
    ).toEqual(['640x360']);
  });

  it('ladders portrait videos by their short side and small ones at their own even size', () => {
    expect(
      planLadder({ width: 720, height: 1280 }).map(rung => `${rung.width}x${rung.height}`),
    ).toEqual(['360x640', '480x854', '720x1280']);
    expect(
      planLadder({ width: 321, height: 241 }).map(rung => `${rung.width}x${rung.height}`),
    ).toEqual(['320x240']);
    expect(
      planLadder({ width: 300, height: 500 }).map(
        rung => `${rung.name} ${rung.width}x${rung.height}`,
      ),
    ).toEqual(['300p 300x500']);
  });
});

describeIfFfmpeg('transcodeToHls', () => {
  const dir = tempDir('transcode');

  afterAll(() => dir.remove());

  describe('a 1280×720 clip with audio', () => {
    const out = join(dir.path, 'ladder');
    const progress: number[] = [];
    const events: string[] = [];
    let masterWhenFirstReady = '';
    const published: { update: PublishUpdate; master: string; existing: boolean[] }[] = [];
    let result: TranscodeResult;
    let sourceDuration = 0;

    beforeAll(async () => {
      const source = makeClip(join(dir.path, 'hd.mp4'), { width: 1280, height: 720, seconds: 6 });
      const probe = await probeUpload(source);
      sourceDuration = probe.durationSeconds;
      result = await transcodeToHls({
        input: source,
        outputDir: out,
        probe,
        onProgress: percent => progress.push(percent),
        onFirstRenditionReady: () => {
          events.push('first');
          masterWhenFirstReady = readFileSync(join(out, 'master.m3u8'), 'utf8');
        },
        onPublish: async update => {
          published.push({
            update,
            master: readFileSync(join(out, 'master.m3u8'), 'utf8'),
            existing: update.files.map(file => existsSync(join(out, file))),
          });
        },
      });
      events.push('done');
    }, 120_000);

    it('produces only the rungs at or below the source height, each an H.264 stream of the right size and duration', () => {
      expect(result.renditions.map(rendition => rendition.height)).toEqual([360, 480, 720]);
      expect(result.durationSeconds).toBeCloseTo(sourceDuration, 0);
      for (const rendition of result.renditions) {
        const { streams, format } = ffprobeJson([
          '-show_entries',
          'stream=codec_name,codec_type,width,height:format=duration',
          `file:${join(out, rendition.playlist)}`,
        ]);
        const video = streams.find((stream: any) => stream.codec_type === 'video');
        const audio = streams.find((stream: any) => stream.codec_type === 'audio');
        expect(video).toMatchObject({
          codec_name: 'h264',
          width: rendition.width,
          height: rendition.height,
        });
        expect(audio).toMatchObject({ codec_name: 'aac' });
        expect(Math.abs(Number(format.duration) - sourceDuration)).toBeLessThanOrEqual(0.5);
      }
    });

    it('writes VOD playlists of 2–6 s segments, the same in every rung', () => {
      const perRung = result.renditions.map(rendition => {
        const text = readFileSync(join(out, rendition.playlist), 'utf8');
        // The lowest rung grew in public (EVENT, now ended); the others were written whole.
        expect(text).toContain(
          rendition.height === 360 ? '#EXT-X-PLAYLIST-TYPE:EVENT' : '#EXT-X-PLAYLIST-TYPE:VOD',
        );
        expect(text).toContain('#EXT-X-ENDLIST');
        return parseMediaPlaylist(text).map(segment => segment.duration);
      });
      for (const durations of perRung) {
        expect(durations.length).toBeGreaterThanOrEqual(2);
        for (const duration of durations) {
          expect(duration).toBeGreaterThanOrEqual(2);
          expect(duration).toBeLessThanOrEqual(6);
        }
        expect(durations).toEqual(perRung[0]);
      }
    });

    it('aligns keyframes: every segment of every rung starts with a keyframe at the same time', () => {
      const keyframeTimes = result.renditions.map(rendition => {
        const segments = parseMediaPlaylist(readFileSync(join(out, rendition.playlist), 'utf8'));
        const rungDir = join(out, rendition.playlist, '..');
        return segments.flatMap(segment => {
          const packets = videoPackets(join(rungDir, segment.uri)).sort((a, b) => a.pts - b.pts);
          expect(packets[0].key).toBe(true);
          return packets.filter(packet => packet.key).map(packet => packet.pts.toFixed(2));
        });
      });
      // 2 s GOPs over 6 s: keyframes at 0, 2 and 4 s (plus the MPEG-TS start offset), in every rung.
      expect(keyframeTimes[0]).toHaveLength(3);
      for (const times of keyframeTimes) {
        expect(times).toEqual(keyframeTimes[0]);
      }
    });

    it('writes a master playlist with BANDWIDTH, AVERAGE-BANDWIDTH, RESOLUTION, CODECS and FRAME-RATE per rung', () => {
      const master = readFileSync(join(out, result.masterPlaylist), 'utf8');
      const variants = master.split('\n').filter(line => line.startsWith('#EXT-X-STREAM-INF:'));
      expect(variants).toHaveLength(3);
      for (const [index, rendition] of result.renditions.entries()) {
        const line = variants[index];
        expect(line).toMatch(/BANDWIDTH=\d+/);
        expect(line).toMatch(/AVERAGE-BANDWIDTH=\d+/);
        expect(line).toContain(`RESOLUTION=${rendition.width}x${rendition.height}`);
        expect(line).toMatch(/CODECS="avc1\.64[0-9a-f]{4},mp4a\.40\.2"/);
        expect(line).toContain('FRAME-RATE=30.000');
        expect(rendition.bandwidth).toBeGreaterThanOrEqual(rendition.averageBandwidth);
        expect(master).toContain(`\n${rendition.playlist}\n`);
      }
      expect(result.renditions[0].bandwidth).toBeLessThan(result.renditions[2].bandwidth);
    });

    it('writes a poster and a storyboard sprite whose WebVTT cues point into it', () => {
      const poster = ffprobeJson([
        '-show_entries',
        'stream=codec_name,width,height',
        `file:${join(out, result.poster)}`,
      ]);
      expect(poster.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1280, height: 720 });
      const sprite = ffprobeJson([
        '-show_entries',
        'stream=width,height',
        `file:${join(out, result.storyboard.image)}`,
      ]).streams[0];
      const vtt = readFileSync(join(out, result.storyboard.vtt), 'utf8');
      expect(vtt.startsWith('WEBVTT')).toBe(true);
      const cues = [...vtt.matchAll(/^(\S+) --> (\S+)\n(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)$/gm)];
      expect(cues).toHaveLength(3); // one thumbnail every 2 s over 6 s
      for (const [, , , image, x, y, w, h] of cues) {
        expect(image).toBe(result.storyboard.image);
        expect(Number(x) + Number(w)).toBeLessThanOrEqual(sprite.width);
        expect(Number(y) + Number(h)).toBeLessThanOrEqual(sprite.height);
      }
    });

    it('reports monotonic progress ending at 100, and the lowest rung as playable before the end', () => {
      expect(progress.length).toBeGreaterThan(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(new Set(progress).size).toBe(progress.length);
      expect(progress.at(-1)).toBe(100);
      expect(events).toEqual(['first', 'done']);
      expect(masterWhenFirstReady).toContain('360p/index.m3u8');
      expect(masterWhenFirstReady).not.toContain('720p');
    });

    it('publishes the lowest rung as it grows, segments before the playlists naming them, and the master gaining rungs', () => {
      expect(published.length).toBeGreaterThanOrEqual(2);
      const first = published[0];
      // The first publication: the lowest rung alone, growing, its first segment(s) then its playlist and the master.
      expect(first.update.renditions.map(r => [r.height, r.complete])).toEqual([[360, false]]);
      expect(first.update.files.at(-1)).toBe('master.m3u8');
      expect(first.update.files.at(-2)).toBe('360p/index.m3u8');
      expect(first.update.files[0]).toBe('360p/seg_00000.ts');
      expect(first.master).toContain('360p/index.m3u8');
      expect(first.master).not.toContain('480p');
      for (const { update, existing } of published) {
        expect(existing.every(Boolean)).toBe(true);
        const playlists = update.files.filter(file => file.endsWith('.m3u8'));
        expect(update.files.slice(update.files.length - playlists.length)).toEqual(playlists);
      }
      // Every segment of the lowest rung is published exactly once, in order.
      const lowestSegments = published.flatMap(({ update }) =>
        update.files.filter(file => file.startsWith('360p/seg_')),
      );
      const listed = parseMediaPlaylist(readFileSync(join(out, '360p/index.m3u8'), 'utf8'));
      expect(lowestSegments).toEqual(listed.map(segment => `360p/${segment.uri}`));
      // The master gains the higher rungs last, once they are complete.
      const last = published.at(-1)!;
      expect(last.update.renditions.map(r => [r.height, r.complete])).toEqual([
        [360, true],
        [480, true],
        [720, true],
      ]);
      expect(last.master).toContain('720p/index.m3u8');
      const counts = published.map(({ update }) => update.renditions.length);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    });
  });

  it('resumes a growing lowest rung after the segments an earlier try published: none listed twice, none lost, timestamps continuous', async () => {
    const source = makeClip(join(dir.path, 'resume.mp4'), { width: 640, height: 360, seconds: 14 });
    const probe = await probeUpload(source);
    const whole = join(dir.path, 'resume-whole');
    await transcodeToHls({ input: source, outputDir: whole, probe });
    const wholeList = parseMediaPlaylist(readFileSync(join(whole, '360p/index.m3u8'), 'utf8'));
    expect(wholeList.length).toBeGreaterThanOrEqual(4);

    const kept = wholeList.slice(0, 2).map(segment => ({
      ...segment,
      sizeBytes: readFileSync(join(whole, '360p', segment.uri)).length,
    }));
    const resumed = join(dir.path, 'resume-second-try');
    const updates: PublishUpdate[] = [];
    const result = await transcodeToHls({
      input: source,
      outputDir: resumed,
      probe,
      resumeLowest: { segments: kept, complete: false, codecs: null },
      onPublish: async update => void updates.push(update),
    });
    const text = readFileSync(join(resumed, '360p/index.m3u8'), 'utf8');
    const list = parseMediaPlaylist(text);
    expect(text).toContain('#EXT-X-ENDLIST');
    const uris = list.map(segment => segment.uri);
    expect(new Set(uris).size).toBe(uris.length);
    expect(uris).toEqual(uris.map((_uri, index) => `seg_${String(index).padStart(5, '0')}.ts`));
    expect(list.slice(0, 2)).toEqual(wholeList.slice(0, 2));
    // The kept segments were not encoded again; the new ones were, and only they were published.
    expect(existsSync(join(resumed, '360p', 'seg_00000.ts'))).toBe(false);
    expect(existsSync(join(resumed, '360p', 'seg_00002.ts'))).toBe(true);
    const publishedSegments = updates.flatMap(update =>
      update.files.filter(file => file.startsWith('360p/seg_')),
    );
    expect(publishedSegments).toEqual(uris.slice(2).map(uri => `360p/${uri}`));
    expect(result.durationSeconds).toBeCloseTo(probe.durationSeconds, 0);
    // The first resumed segment starts where the earlier try's third one did, with a keyframe.
    const before = videoPackets(join(whole, '360p', 'seg_00002.ts'));
    const after = videoPackets(join(resumed, '360p', 'seg_00002.ts'));
    expect(after[0].key).toBe(true);
    expect(Math.abs(after[0].pts - before[0].pts)).toBeLessThan(0.05);
    // Its storyboard still covers the whole video (drawn by a process of its own).
    expect(existsSync(join(resumed, 'storyboard.jpg'))).toBe(true);
  }, 120_000);

  it('transcodes a portrait clip without audio to one video-only rung at its own size', async () => {
    const source = makeClip(join(dir.path, 'portrait.mp4'), {
      width: 360,
      height: 640,
      seconds: 4,
      audio: false,
    });
    const out = join(dir.path, 'portrait');
    const result = await transcodeToHls({
      input: source,
      outputDir: out,
      probe: await probeUpload(source),
    });
    expect(result.renditions).toEqual([
      expect.objectContaining({ width: 360, height: 640, playlist: '360p/index.m3u8' }),
    ]);
    expect(result.renditions[0].codecs).toMatch(/^avc1\.[0-9a-f]{6}$/);
    const { streams } = ffprobeJson([
      '-show_entries',
      'stream=codec_type,height',
      `file:${join(out, '360p/index.m3u8')}`,
    ]);
    expect(streams).toEqual([expect.objectContaining({ codec_type: 'video', height: 640 })]);
  }, 60_000);

  it('gives a source below 360p one rung at its own height', async () => {
    const source = makeClip(join(dir.path, 'tiny.mp4'), { width: 320, height: 180, seconds: 2 });
    const result = await transcodeToHls({
      input: source,
      outputDir: join(dir.path, 'tiny'),
      probe: await probeUpload(source),
    });
    expect(
      result.renditions.map(
        rendition => `${rendition.width}x${rendition.height} ${rendition.playlist}`,
      ),
    ).toEqual(['320x180 180p/index.m3u8']);
  }, 60_000);

  it('on abort kills ffmpeg, removes its partial output and rejects with an AbortError', async () => {
    const source = makeClip(join(dir.path, 'abort.mp4'), { width: 1280, height: 720, seconds: 6 });
    const probe = await probeUpload(source);
    const out = join(dir.path, 'aborted-output');
    const controller = new AbortController();
    let sawProgress = false;
    const running = transcodeToHls({
      input: source,
      outputDir: out,
      probe,
      signal: controller.signal,
      onProgress: percent => {
        if (percent > 0 && !sawProgress) {
          sawProgress = true;
          expect(processesMentioning(out).length).toBeGreaterThan(0);
          controller.abort();
        }
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(sawProgress).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(processesMentioning(out)).toEqual([]);
  }, 60_000);
});
