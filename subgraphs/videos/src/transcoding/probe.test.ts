import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describeIfFfmpeg } from '@vp/kit/testing';
import { UnacceptableMediaError } from './contracts';
import { probeUpload, safeInputArgs, sniffContainer } from './probe';
import { binaries, makeClip, tempDir } from './test-clips';

async function refusal(path: string, limits?: Parameters<typeof probeUpload>[1]): Promise<string> {
  try {
    await probeUpload(path, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(UnacceptableMediaError);
    return (error as UnacceptableMediaError).reason;
  }
  throw new Error(`${path} was accepted`);
}

describe('sniffContainer', () => {
  it('recognises the containers by their first bytes and nothing else', () => {
    expect(sniffContainer(Buffer.from('\0\0\0\x20ftypisom', 'latin1'))).toBe('isobmff');
    expect(sniffContainer(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01]))).toBe('matroska');
    expect(sniffContainer(Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'))).toBe('avi');
    expect(sniffContainer(Buffer.from('FLV\x01\x05', 'latin1'))).toBe('flv');
    const ts = Buffer.alloc(376);
    ts[0] = 0x47;
    ts[188] = 0x47;
    expect(sniffContainer(ts)).toBe('mpegts');
    expect(sniffContainer(Buffer.from('#EXTM3U\n#EXTINF:1,\nhttp://x/a.ts\n'))).toBeNull();
    expect(sniffContainer(Buffer.from('ffconcat version 1.0\nfile /etc/passwd\n'))).toBeNull();
    expect(sniffContainer(Buffer.from('PK\x03\x04\x14\0\0\0', 'latin1'))).toBeNull();
    expect(sniffContainer(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBeNull();
    expect(sniffContainer(Buffer.alloc(0))).toBeNull();
  });
});

describeIfFfmpeg('probeUpload', () => {
  const dir = tempDir('probe');
  const clip = join(dir.path, 'landscape.mp4');
  const portrait = join(dir.path, 'portrait.mov');
  let server: Server;
  let serverUrl = '';
  const requests: string[] = [];

  beforeAll(async () => {
    makeClip(clip, { width: 640, height: 360, seconds: 4 });
    makeClip(portrait, { width: 360, height: 640, seconds: 4 });
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('#EXTM3U\n');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    dir.remove();
  });

  it('accepts an MP4 and reports its format, size, duration, codecs and frame rate', async () => {
    const probe = await probeUpload(clip);
    expect(probe).toEqual({
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationSeconds: expect.closeTo(4, 1),
      width: 640,
      height: 360,
      videoCodec: 'h264',
      audioCodec: 'aac',
      frameRate: 30,
      isShortCandidate: false,
    });
  });

  it('marks a portrait clip of at most 60 s as a short candidate', async () => {
    const probe = await probeUpload(portrait);
    expect(probe).toMatchObject({ width: 360, height: 640, isShortCandidate: true });
  });

  it('accepts Matroska and a clip without audio', async () => {
    const mkv = makeClip(join(dir.path, 'silent.mkv'), {
      width: 320,
      height: 240,
      seconds: 2,
      audio: false,
    });
    const probe = await probeUpload(mkv);
    expect(probe).toMatchObject({
      formatName: 'matroska,webm',
      audioCodec: null,
      width: 320,
      height: 240,
    });
  });

  it('refuses a missing file and a zero-byte file', async () => {
    expect(await refusal(join(dir.path, 'nothing-here.mp4'))).toBe('The uploaded file is missing.');
    const empty = join(dir.path, 'empty.mp4');
    writeFileSync(empty, '');
    expect(await refusal(empty)).toBe('The file is empty.');
  });

  it('refuses files that are not video containers, whatever their name', async () => {
    const zip = join(dir.path, 'archive.mp4');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000, 7)]));
    expect(await refusal(zip)).toMatch(/^The file is not a supported video format/);
    const text = join(dir.path, 'notes.mov');
    writeFileSync(text, 'just some text, not a video at all\n'.repeat(50));
    expect(await refusal(text)).toMatch(/^The file is not a supported video format/);
    const concat = join(dir.path, 'list.mp4');
    writeFileSync(concat, 'ffconcat version 1.0\nfile /etc/passwd\n');
    expect(await refusal(concat)).toMatch(/^The file is not a supported video format/);
  });

  describe('a crafted HLS playlist named evil.mp4', () => {
    // ffmpeg 5.1 refuses a whole playlist naming file:///etc/passwd (segment extensions), so the
    // http-only variant is the one that would reach the server.
    const playlist = (withLocalFile = true) =>
      [
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:10',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXTINF:10.0,',
        `${serverUrl}/internal-metadata.ts`,
        ...(withLocalFile ? ['#EXTINF:10.0,', 'file:///etc/passwd'] : []),
        '#EXT-X-ENDLIST',
        '',
      ].join('\n');

    it('the control: an ffprobe allowed to use http does fetch its segment (so the checks below can fail)', () => {
      const control = join(dir.path, 'control.m3u8');
      writeFileSync(control, playlist(false));
      requests.length = 0;
      // Spawned, not spawnSync: the test server must answer while ffprobe waits.
      return new Promise<void>((resolve, reject) => {
        const child = spawn(
          binaries!.ffprobe,
          ['-v', 'quiet', '-protocol_whitelist', 'file,http,tcp', control],
          {
            stdio: 'ignore',
          },
        );
        child.once('error', reject);
        child.once('close', () => {
          try {
            expect(requests.length).toBeGreaterThan(0);
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      });
    });

    it.each([true, false])(
      'is refused without any request to the URLs it names (with file:///etc/passwd: %s)',
      async withLocalFile => {
        const evil = join(dir.path, 'evil.mp4');
        writeFileSync(evil, playlist(withLocalFile));
        requests.length = 0;
        expect(await refusal(evil)).toMatch(/^The file is not a supported video format/);
        expect(requests).toEqual([]);
      },
    );

    it('is refused by ffprobe itself with our input options, still without a request', () => {
      const evil = join(dir.path, 'evil-direct.mp4');
      writeFileSync(evil, playlist(false));
      requests.length = 0;
      const result = spawnSync(
        binaries!.ffprobe,
        ['-v', 'error', ...safeInputArgs(evil).filter(arg => arg !== '-i')],
        {
          encoding: 'utf8',
        },
      );
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/not on whitelist/i);
      expect(requests).toEqual([]);
    });
  });

  it('refuses a truncated MP4 (index at the end, and index first)', async () => {
    const truncated = join(dir.path, 'truncated.mp4');
    writeFileSync(truncated, readFileSync(clip).subarray(0, Math.floor(statSync(clip).size / 2)));
    expect(await refusal(truncated)).toBe(
      'The file is damaged or incomplete and could not be read.',
    );

    const faststart = makeClip(join(dir.path, 'faststart.mp4'), {
      width: 640,
      height: 360,
      seconds: 4,
      outputArgs: [
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-c:a',
        'aac',
        '-movflags',
        '+faststart',
      ],
    });
    const cut = join(dir.path, 'faststart-cut.mp4');
    writeFileSync(
      cut,
      readFileSync(faststart).subarray(0, Math.floor(statSync(faststart).size / 2)),
    );
    expect(await refusal(cut)).toBe('The file is damaged or incomplete and could not be read.');
  });

  it('refuses a file with no video stream', async () => {
    const audioOnly = join(dir.path, 'audio.mp4');
    const ffmpegArgs = [
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=2',
      '-c:a',
      'aac',
      audioOnly,
    ];
    spawnSync(binaries!.ffmpeg, ffmpegArgs);
    expect(await refusal(audioOnly)).toBe('The file has no video stream.');
  });

  it('refuses too many streams, too long and too large, with the limit in the reason', async () => {
    const many = join(dir.path, 'many.mkv');
    const maps = Array.from({ length: 17 }, () => ['-map', '1:a']).flat();
    // prettier-ignore
    spawnSync(binaries!.ffmpeg, [
      '-nostdin', '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:duration=1', '-f', 'lavfi', '-i', 'sine=duration=1',
      '-map', '0:v', ...maps, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'pcm_s16le', many,
    ]);
    expect(await refusal(many)).toBe('The file has too many streams (18; at most 16).');
    expect(await refusal(clip, { maxDurationSeconds: 3 })).toBe(
      'The video is longer than 3 seconds.',
    );
    expect(await refusal(clip, { maxWidth: 320, maxHeight: 240 })).toBe(
      'The video is larger than 320×240.',
    );
  });

  it('refuses a video the probe cannot decode', async () => {
    // A valid MP4 header whose video samples are garbage: ffprobe reads the header, decoding fails.
    const broken = join(dir.path, 'garbage-samples.mp4');
    copyFileSync(clip, broken);
    const bytes = readFileSync(broken);
    const mdat = bytes.indexOf('mdat');
    bytes.fill(0xff, mdat + 4, Math.min(bytes.length, mdat + 4 + Math.floor(bytes.length * 0.9)));
    writeFileSync(broken, bytes);
    expect(await refusal(broken)).toMatch(/^The video could not be decoded|^The file is damaged/);
  });
});
