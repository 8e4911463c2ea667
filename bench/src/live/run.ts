import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSubgraph } from '@vp/kit';
import { createTestDatabase, graphql, testKeys, tokenFor } from '@vp/kit/testing';
import { live } from '@vp/live';
import { HmacPlaybackSigner, LocalStorage } from '@vp/media';

/**
 * bench/live: live HLS latency through the embedded ingest (node-media-server RTMP, ffmpeg
 * passthrough + one transcoded rung, 2 s segments), measured over HTTP on the signed playlist
 * URLs as a player sees them.
 *
 * - Time to first playable segment: from the publisher's start (ffmpeg spawned, publishing a
 *   generated 640x360 15 fps stream with a 2 s GOP at real time, `-re`) until the source playlist
 *   lists a segment and that segment answers 200.
 * - Glass to segment: the publisher sends media time t at wall time start + t (`-re`), so a
 *   segment covering [a, b) of media time has its first frame "captured" at start + a and its last
 *   at start + b; the delay is the moment the segment first appears in the playlist minus those.
 *   Polled every 100 ms (so up to 100 ms late); the start is the spawn, so ffmpeg's own start-up
 *   counts against us.
 *
 *   npm run bench:live -w @vp/bench     (SECONDS=40; PostgreSQL at 127.0.0.1:5432, ffmpeg on PATH)
 */
const SECONDS = Number(process.env.SECONDS ?? 40);
const SECRET = 'bench-live-secret-0123456789abcdefghij';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const database = await createTestDatabase('bench_live');
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-live-'));
  process.env.LOG_LEVEL ??= 'error';
  const publicUrl = 'http://public.bench';
  const server = await runSubgraph(live, {
    databaseUrl: database.url,
    jwks: (await testKeys()).jwks,
    port: 0,
    host: '127.0.0.1',
    publicUrl,
    storage: new LocalStorage({ dir: join(dataDir, 'media'), publicUrl, secret: SECRET }),
    signer: new HmacPlaybackSigner({ publicUrl, secret: SECRET }),
    ingest: {
      port: 0,
      hlsDir: join(dataDir, 'live'),
      ladder: [{ height: 240, videoKbps: 400 }],
      reconnectGraceSeconds: 1,
    },
  });
  let publisher: ChildProcess | undefined;
  try {
    const token = await tokenFor('00000000-0000-4000-8000-00000000b1e5');
    const created = await graphql(
      server.url,
      'mutation { createLiveStream(input: {title: "Bench"}) { id ingest { rtmpUrl streamKey } } }',
      {},
      { token },
    );
    const { id, ingest } = created.data.createLiveStream;
    const startedAt = Date.now();
    publisher = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=640x360:rate=15',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:sample_rate=44100',
        '-t',
        String(SECONDS + 5),
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-tune',
        'zerolatency',
        '-g',
        '30',
        '-pix_fmt',
        'yuv420p',
        '-b:v',
        '1500k',
        '-c:a',
        'aac',
        '-b:a',
        '96k',
        '-f',
        'flv',
        `${ingest.rtmpUrl}/${ingest.streamKey}`,
      ],
      { stdio: 'ignore' },
    );
    const origin = new URL(server.url).origin;
    let playlistUrl: string | null = null;
    let firstPlayable: number | null = null;
    const appeared = new Map<number, { at: number; duration: number }>();
    while (Date.now() - startedAt < SECONDS * 1000) {
      await new Promise(resolve => setTimeout(resolve, 100));
      if (!playlistUrl) {
        const playback = await graphql(
          server.url,
          'query ($id: ID!) { liveStream(id: $id) { playback { hlsUrl } } }',
          { id },
        );
        const hlsUrl = playback.data?.liveStream?.playback?.hlsUrl as string | undefined;
        if (!hlsUrl) {
          continue;
        }
        playlistUrl = new URL('source/index.m3u8', hlsUrl.replace(publicUrl, origin)).toString();
      }
      const response = await fetch(playlistUrl);
      const now = Date.now();
      if (response.status !== 200) {
        continue;
      }
      const text = await response.text();
      const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
      const lines = text.split('\n');
      let index = sequence;
      for (let i = 0; i < lines.length; i++) {
        const match = /^#EXTINF:([\d.]+)/.exec(lines[i]);
        if (!match) {
          continue;
        }
        if (!appeared.has(index)) {
          appeared.set(index, { at: now, duration: Number(match[1]) });
          if (firstPlayable === null) {
            const segment = await fetch(new URL(lines[i + 1].trim(), playlistUrl));
            if (segment.status === 200 && (await segment.arrayBuffer()).byteLength > 0) {
              firstPlayable = Date.now() - startedAt;
            } else {
              appeared.delete(index);
            }
          }
        }
        index++;
      }
    }
    const firstFrame: number[] = [];
    const lastFrame: number[] = [];
    let mediaStart = 0;
    for (const [index, segment] of [...appeared.entries()].sort((a, b) => a[0] - b[0])) {
      if (index !== 0 && !appeared.has(index - 1)) {
        break;
      } // a gap: we missed one
      // The first segments are counted too: they include ffmpeg's and the ingest's start-up.
      firstFrame.push(segment.at - (startedAt + mediaStart * 1000));
      lastFrame.push(segment.at - (startedAt + (mediaStart + segment.duration) * 1000));
      mediaStart += segment.duration;
    }
    const steady = (values: number[]) => values.slice(2); // after the first two segments
    console.log(
      `live HLS latency, ${SECONDS} s of 640x360@15 (source passthrough + 240p rung), ${appeared.size} segments`,
    );
    console.log(
      `  time to first playable segment: ${firstPlayable === null ? 'none' : seconds(firstPlayable)}`,
    );
    for (const [name, values] of [
      ['glass-to-segment, first frame of a segment', steady(firstFrame)],
      ['glass-to-segment, last frame of a segment ', steady(lastFrame)],
    ] as const) {
      console.log(
        `  ${name}: p50 ${seconds(percentile(values, 50))}  p95 ${seconds(percentile(values, 95))}  max ${seconds(Math.max(...values))}  (n=${values.length})`,
      );
    }
    console.log(
      '  a player holding 1-3 segments adds 2-6 s on top (hls.js default: 3 target durations behind the edge)',
    );
  } finally {
    publisher?.kill('SIGKILL');
    await server.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
