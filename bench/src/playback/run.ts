/**
 * Playback start: from the `video { playback }` query to the first segment's bytes, through the
 * gateway of the whole embedded platform, over 100 plays. The baseline fetches the same three
 * files (master, rung playlist, first segment) from a bare node:http static server in the same run.
 */
process.env.LOG_LEVEL ??= 'warn';

import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { eventually } from '@vp/kit/testing';
import { makeClip, startTestPlatform } from '@vp/launcher/testing';

const PLAYS = 100;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Master → first rung playlist → first segment's first bytes; returns the segment's URL. */
async function playFrom(masterUrl: string): Promise<string> {
  const master = await (await fetch(masterUrl)).text();
  const rung = new URL(
    master.split('\n').find(line => line && !line.startsWith('#'))!,
    masterUrl,
  );
  const playlist = await (await fetch(rung)).text();
  const segment = new URL(
    playlist.split('\n').find(line => line && !line.startsWith('#'))!,
    rung,
  );
  const response = await fetch(segment);
  const reader = response.body!.getReader();
  await reader.read(); // the first bytes are what a player waits for
  await reader.cancel();
  return segment.toString();
}

async function main() {
  const platform = await startTestPlatform();
  const scratch = mkdtempSync(join(tmpdir(), 'vp-bench-playback-'));
  try {
    const creator = await platform.signUp();
    const viewer = await platform.signUp();
    const clip = await makeClip(scratch);
    const created = await platform.query(
      `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { video { id } upload { url method headers { name value } } } }`,
      {
        input: {
          filename: 'clip.mp4',
          contentType: 'video/mp4',
          sizeBytes: clip.length,
          title: 'Bench clip',
        },
      },
      creator.token,
    );
    const { video, upload } = created.data.createUpload;
    await fetch(upload.url.replace('localhost', '127.0.0.1'), {
      method: 'PUT',
      headers: Object.fromEntries(
        upload.headers.map((h: { name: string; value: string }) => [h.name, h.value]),
      ),
      body: new Uint8Array(clip),
    });
    await platform.query(
      `mutation ($id: ID!) { completeUpload(videoId: $id) { id } }`,
      { id: video.id },
      creator.token,
    );
    await eventually(
      async () =>
        (
          await platform.query(
            `query ($id: ID!) { video(id: $id) { status } }`,
            { id: video.id },
            creator.token,
          )
        ).data?.video?.status === 'READY',
      { timeoutMs: 120_000, what: 'READY' },
    );
    await platform.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { visibility: PUBLIC }) { id } }`,
      { id: video.id },
      creator.token,
    );
    await platform.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: video.id },
      creator.token,
    );

    const ours: number[] = [];
    let segmentUrl = '';
    for (let play = 0; play < PLAYS + 5; play += 1) {
      const started = performance.now();
      const answer = await platform.query(
        `query ($id: ID!) { video(id: $id) { playback { hlsUrl } } }`,
        { id: video.id },
        viewer.token,
      );
      segmentUrl = await playFrom(
        answer.data.video.playback.hlsUrl.replace('localhost', '127.0.0.1'),
      );
      if (play >= 5) {
        ours.push(performance.now() - started); // the first five warm up
      }
    }

    // Baseline: the same files from a bare static server over the media folder.
    const mediaDir = join(platform.dataDir, 'media');
    const prefix = new URL(segmentUrl).pathname.split('/videos/')[0];
    const bare = createServer((req, res) => {
      const path = normalize(join(mediaDir, decodeURIComponent(req.url!.slice(1))));
      if (!path.startsWith(mediaDir) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200);
      createReadStream(path).pipe(res);
    });
    await new Promise<void>(resolve => bare.listen(0, '127.0.0.1', resolve));
    const bareOrigin = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const masterPath = new URL(segmentUrl).pathname
      .slice(prefix.length + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
    const baseline: number[] = [];
    for (let play = 0; play < PLAYS + 5; play += 1) {
      const started = performance.now();
      await playFrom(`${bareOrigin}/${masterPath}/master.m3u8`);
      if (play >= 5) {
        baseline.push(performance.now() - started);
      }
    }
    bare.close();

    const row = (name: string, values: number[]) =>
      `${name.padEnd(46)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms`;
    console.log(
      `\nplayback start over ${PLAYS} plays (query → master → rung playlist → first segment bytes)`,
    );
    console.log(row('ours: gateway query + signed media (via gateway)', ours));
    console.log(row('baseline: the 3 files from a bare static server', baseline));
    console.log(
      `ratio ours/baseline: p50 ${(percentile(ours, 50) / percentile(baseline, 50)).toFixed(1)}×, p95 ${(percentile(ours, 95) / percentile(baseline, 95)).toFixed(1)}×  (the seed asks < 2000 ms end to end)`,
    );
  } finally {
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
