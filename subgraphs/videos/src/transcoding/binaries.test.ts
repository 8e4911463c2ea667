import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findMediaBinaries, npmBinary } from './binaries';
import { binaries, makeClip, npmBinaries, tempDir } from './test-clips';

describe('findMediaBinaries', () => {
  const dir = tempDir('binaries');
  const fakeBin = join(dir.path, 'bin');

  beforeAll(() => {
    mkdirSync(fakeBin);
    for (const name of ['ffmpeg', 'ffprobe']) {
      writeFileSync(join(fakeBin, name), '#!/bin/sh\nexit 0\n');
      chmodSync(join(fakeBin, name), 0o755);
    }
  });
  afterAll(() => dir.remove());

  it('prefers FFMPEG_PATH / FFPROBE_PATH', () => {
    const found = findMediaBinaries({
      FFMPEG_PATH: join(fakeBin, 'ffmpeg'),
      FFPROBE_PATH: join(fakeBin, 'ffprobe'),
      PATH: '',
    });
    expect(found).toMatchObject({
      ffmpeg: join(fakeBin, 'ffmpeg'),
      ffmpegSource: 'env',
      ffprobeSource: 'env',
    });
  });

  it('refuses an explicit path that is not executable', () => {
    expect(() => findMediaBinaries({ FFMPEG_PATH: join(dir.path, 'missing') })).toThrow(
      /FFMPEG_PATH/,
    );
  });

  it('then the system binaries on PATH', () => {
    const found = findMediaBinaries({ PATH: `/nonexistent:${fakeBin}` });
    expect(found).toMatchObject({
      ffmpeg: join(fakeBin, 'ffmpeg'),
      ffprobe: join(fakeBin, 'ffprobe'),
      ffmpegSource: 'system',
    });
  });

  it('then the npm packages, so a bare machine still transcodes', () => {
    const found = findMediaBinaries({ PATH: '/nonexistent' });
    if (!npmBinary('ffmpeg')) {
      console.warn(
        '\n\n*** SKIPPED: @ffmpeg-installer/ffmpeg has no binary for this platform. ***\n\n',
      );
      return;
    }
    expect(found).toMatchObject({ ffmpegSource: 'npm', ffprobeSource: 'npm' });
    expect(found!.ffmpeg).toContain('@ffmpeg-installer');
    expect(found!.ffprobe).toContain('@ffprobe-installer');
  });
});

/**
 * The npm build (a 2018 ffmpeg) transcodes a 2-rung ladder that plays: ffmpeg decodes every variant
 * of the master playlist to the end. Runs in a child process so FFMPEG_PATH applies from the start.
 */
describe('the @ffmpeg-installer build', () => {
  const npm = npmBinaries();
  const run = npm && binaries ? it : it.skip;
  if (!npm || !binaries) {
    console.warn(
      '\n\n*** SKIPPED: no npm ffmpeg build or no system ffmpeg to check its output. ***\n\n',
    );
  }
  const dir = tempDir('npm-build');
  afterAll(() => dir.remove());

  run(
    'produces a playable 2-rung ladder',
    () => {
      const source = makeClip(join(dir.path, 'sd.mp4'), { width: 640, height: 480, seconds: 4 });
      const out = join(dir.path, 'out');
      const script = join(dir.path, 'run.ts');
      writeFileSync(
        script,
        `const { probeUpload } = require(${JSON.stringify(join(__dirname, 'probe'))});
       const { transcodeToHls } = require(${JSON.stringify(join(__dirname, 'transcode'))});
       const { mediaBinaries } = require(${JSON.stringify(join(__dirname, 'binaries'))});
       (async () => {
         const probe = await probeUpload(${JSON.stringify(source)});
         const result = await transcodeToHls({ input: ${JSON.stringify(source)}, outputDir: ${JSON.stringify(out)}, probe });
         console.log(JSON.stringify({ binaries: mediaBinaries(), result }));
       })().catch(error => { console.error(error); process.exit(1); });`,
      );
      const child = spawnSync(process.execPath, ['-r', '@swc-node/register', script], {
        encoding: 'utf8',
        env: { ...process.env, FFMPEG_PATH: npm!.ffmpeg, FFPROBE_PATH: npm!.ffprobe },
        cwd: join(__dirname, '..', '..'),
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const { binaries: used, result } = JSON.parse(child.stdout);
      expect(used).toMatchObject({ ffmpeg: npm!.ffmpeg, ffmpegSource: 'env' });
      expect(result.renditions.map((rendition: { height: number }) => rendition.height)).toEqual([
        360, 480,
      ]);

      // Played back by the system's ffmpeg through the master playlist, every variant to the end.
      for (const variant of [0, 1]) {
        const play = spawnSync(
          binaries!.ffmpeg,
          [
            '-v',
            'error',
            '-protocol_whitelist',
            'file,crypto,data',
            '-i',
            join(out, 'master.m3u8'),
            '-map',
            `0:v:${variant}`,
            '-map',
            `0:a:${variant}`,
            '-f',
            'null',
            '-',
          ],
          { encoding: 'utf8' },
        );
        expect(play.stderr).toBe('');
        expect(play.status).toBe(0);
      }
      const master = readFileSync(join(out, 'master.m3u8'), 'utf8');
      expect(master).toMatch(/RESOLUTION=480x360,CODECS="avc1\.64[0-9a-f]{4},mp4a\.40\.2"/);
      expect(master).toMatch(/RESOLUTION=640x480,/);
    },
    60_000,
  );
});
