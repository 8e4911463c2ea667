process.env.LOG_LEVEL ??= 'warn';

import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Role } from '@vp/kit';
import { eventually, tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  startPipeline,
  subscribe,
  uploadFile,
} from '@vp/videos/src/test-pipeline';
import { mediaBinaries } from '@vp/videos/src/transcoding/binaries';
import {
  DEFAULT_PRESET,
  audioEncoderArgs,
  hlsOutputArgs,
  outputFrameRate,
  planLadder,
  rungFilter,
  videoEncoderArgs,
} from '@vp/videos/src/transcoding/ladder';
import { probeUpload } from '@vp/videos/src/transcoding/probe';
import { type PublishUpdate } from '@vp/videos/src/transcoding/contracts';
import { transcodeToHls } from '@vp/videos/src/transcoding/transcode';

/**
 * bench/transcode: a 60 s 1080p30 clip (testsrc2 + sine, cached in bench/.cache/) through
 *   (a) the bare one-process ffmpeg command producing the same 4-rung ladder (-var_stream_map), and
 *   (b) transcodeToHls (one process per rung, lowest rung first),
 * both with the same x264 preset (veryfast), GOP, segments and rate control. Prints both wall
 * times, the ratio ours/bare, the time until the lowest rung was complete, and the time until its
 * first segment was playable (progressive publishing: probe + encode + the files copied to a
 * store folder, as the job stores them) — also for a 10-minute 1080p source, stopped there; and
 *   (c) the real job (videos subgraph alone: its database, local storage, in-process worker, default
 *       preset): seconds from sending completeUpload to the `playableAt` that videoProcessing
 *       reports, and to READY — for both sources, the long one stopped once playable.
 *
 *   DATABASE_URL=… npm run bench:transcode -w @vp/bench
 *     (PRESET=veryfast SECONDS=60 LONG_SECONDS=600; LONG_SECONDS=0 skips; JOB=0 skips (c))
 */
const PRESET = process.env.PRESET ?? DEFAULT_PRESET;
const SECONDS = Number(process.env.SECONDS ?? 60);
const LONG_SECONDS = Number(process.env.LONG_SECONDS ?? 600);
const JOB = process.env.JOB !== '0';
const CACHE = resolve(__dirname, '..', '..', '.cache');

function generateSource(ffmpeg: string, seconds = SECONDS): string {
  const path = join(CACHE, `testsrc2-1080p30-${seconds}s.mp4`);
  if (existsSync(path)) {
    return path;
  }
  mkdirSync(CACHE, { recursive: true });
  console.log(`generating ${path} …`);
  if (seconds > SECONDS && seconds % SECONDS === 0) {
    // A long source: the short one joined end to end without re-encoding (seconds, not minutes).
    const base = generateSource(ffmpeg);
    const list = `${path}.txt`;
    writeFileSync(list, `file '${base}'\n`.repeat(seconds / SECONDS));
    // prettier-ignore
    execFileSync(ffmpeg, [
      '-nostdin', '-hide_banner', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list,
      '-c', 'copy', `${path}.tmp.mp4`,
    ], { stdio: 'inherit' });
    rmSync(list);
    renameSync(`${path}.tmp.mp4`, path);
    return path;
  }
  // prettier-ignore
  execFileSync(ffmpeg, [
    '-nostdin', '-hide_banner', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k',
    `${path}.tmp.mp4`,
  ], { stdio: 'inherit' });
  renameSync(`${path}.tmp.mp4`, path);
  return path;
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('close', code =>
      code === 0 ? resolvePromise() : reject(new Error(`${binary} exited with ${code}`)),
    );
  });
}

/** Copies what an update names into a store folder, in order, as the job stores them. */
function storeFolder(from: string, to: string) {
  return (update: PublishUpdate) => {
    for (const file of update.files) {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      copyFileSync(join(from, file), join(to, file));
    }
  };
}

/** Probe + encode until the first segment is stored, for a long source; the rest is not waited for. */
async function firstSegmentOf(source: string, work: string): Promise<number> {
  const dir = join(work, 'long');
  const stop = new AbortController();
  let seconds = NaN;
  const start = performance.now();
  const store = storeFolder(dir, join(work, 'long-store'));
  await transcodeToHls({
    input: source,
    outputDir: dir,
    probe: await probeUpload(source),
    preset: PRESET,
    signal: stop.signal,
    onPublish: async update => {
      store(update);
      if (Number.isNaN(seconds)) {
        seconds = (performance.now() - start) / 1000;
        stop.abort();
      }
    },
  }).catch(error => {
    if (!stop.signal.aborted) {
      throw error;
    }
  });
  return seconds;
}

const PROCESSING = `subscription ($id: ID!) { videoProcessing(videoId: $id) { status playableAt } }`;

/**
 * (c) One upload through the real job: completeUpload (its own copy and probe of the upload), the
 * queued job (download, probe, encode, stores) until `playableAt`, and on to READY unless
 * `untilReady` is false (stopping the subgraph aborts the try). The source goes up in one PUT (the
 * multipart threshold raised for the long one; a multipart upload would add joining its parts).
 */
async function throughTheJob(source: string, untilReady: boolean) {
  const pipeline = await startPipeline({ multipartThresholdBytes: 5 * 1024 ** 3 });
  try {
    const token = await tokenFor(randomUUID(), [Role.CREATOR]);
    const { videoId, putStatus } = await uploadFile(pipeline, token, readFileSync(source));
    if (putStatus >= 300) {
      throw new Error(`upload answered ${putStatus}`);
    }
    const watcher = subscribe(pipeline, PROCESSING, { id: videoId }, token);
    await eventually(() => watcher.events.length >= 1, { what: 'the subscription' });
    const start = Date.now();
    const completed = await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, token);
    if (completed.errors) {
      throw new Error(`completeUpload: ${JSON.stringify(completed.errors)}`);
    }
    const progress = () => watcher.events.map(event => event.data?.videoProcessing ?? {});
    // playableAt is the moment the job stored it; READY is when the update arrives (±50 ms polling).
    const playableAt = await eventually(
      () => progress().find(update => update.playableAt)?.playableAt as string | undefined,
      { what: 'playableAt', timeoutMs: 600_000 },
    );
    let readySeconds = NaN;
    if (untilReady) {
      await eventually(() => progress().some(update => update.status === 'READY'), {
        what: 'READY',
        timeoutMs: 1_800_000,
      });
      readySeconds = (Date.now() - start) / 1000;
    }
    await watcher.close();
    return { playableSeconds: (new Date(playableAt).getTime() - start) / 1000, readySeconds };
  } finally {
    await pipeline.stop();
  }
}

async function main() {
  const { ffmpeg, ffmpegSource } = mediaBinaries();
  const source = generateSource(ffmpeg);
  const probe = await probeUpload(source);
  const rungs = planLadder(probe);
  const frameRate = outputFrameRate(probe);
  const work = join(CACHE, 'transcode-out');
  rmSync(work, { recursive: true, force: true });
  console.log(
    `source ${probe.width}x${probe.height} ${probe.frameRate} fps ${probe.durationSeconds.toFixed(1)} s; ` +
      `rungs ${rungs.map(rung => rung.name).join(' ')}; preset ${PRESET}; ffmpeg ${ffmpeg} (${ffmpegSource}); ` +
      `${cpus().length} cores, load ${loadavg()
        .map(load => load.toFixed(2))
        .join(' ')}`,
  );

  // (a) The bare one-process command: one decode, split, four encoders, ffmpeg's own master playlist.
  const bareDir = join(work, 'bare');
  rungs.forEach((_rung, index) => mkdirSync(join(bareDir, String(index)), { recursive: true }));
  const split = `[0:v:0]split=${rungs.length}${rungs.map((_rung, index) => `[s${index}]`).join('')};`;
  const scales = rungs
    .map((rung, index) => `[s${index}]${rungFilter(rung, probe)}[o${index}]`)
    .join(';');
  // prettier-ignore
  const bareArgs = [
    '-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', source,
    '-filter_complex', split + scales,
    ...rungs.flatMap((_rung, index) => ['-map', `[o${index}]`, '-map', '0:a:0']),
    ...rungs.flatMap((rung, index) => [...videoEncoderArgs(rung, frameRate, PRESET, index), ...audioEncoderArgs(rung, index)]),
    ...hlsOutputArgs(join(bareDir, '%v', 'seg_%05d.ts')),
    '-master_pl_name', 'master.m3u8',
    '-var_stream_map', rungs.map((_rung, index) => `v:${index},a:${index}`).join(' '),
    join(bareDir, '%v', 'index.m3u8'),
  ];
  const bareStart = performance.now();
  await run(ffmpeg, bareArgs);
  const bareSeconds = (performance.now() - bareStart) / 1000;
  console.log(`(a) bare one-process ffmpeg: ${bareSeconds.toFixed(1)} s`);

  // (b) Ours, publishing as it goes (probed again inside the timing, as the job does).
  let firstReadySeconds = NaN;
  let firstSegmentSeconds = NaN;
  const oursStart = performance.now();
  const oursDir = join(work, 'ours');
  const store = storeFolder(oursDir, join(work, 'ours-store'));
  const result = await transcodeToHls({
    input: source,
    outputDir: oursDir,
    probe: await probeUpload(source),
    preset: PRESET,
    onFirstRenditionReady: () => {
      firstReadySeconds = (performance.now() - oursStart) / 1000;
    },
    onPublish: async update => {
      store(update);
      if (Number.isNaN(firstSegmentSeconds)) {
        firstSegmentSeconds = (performance.now() - oursStart) / 1000;
      }
    },
  });
  const oursSeconds = (performance.now() - oursStart) / 1000;
  const longFirst =
    LONG_SECONDS > 0 ? await firstSegmentOf(generateSource(ffmpeg, LONG_SECONDS), work) : NaN;
  console.log(
    `(b) transcodeToHls: ${oursSeconds.toFixed(1)} s (${result.renditions.map(r => r.height).join('/')} + poster + storyboard)`,
  );
  const job = JOB ? await throughTheJob(source, true) : null;
  const longJob =
    JOB && LONG_SECONDS > 0
      ? await throughTheJob(generateSource(ffmpeg, LONG_SECONDS), false)
      : null;

  console.log('');
  console.log(`bare one-process ffmpeg   ${bareSeconds.toFixed(1)} s`);
  console.log(`transcodeToHls            ${oursSeconds.toFixed(1)} s`);
  console.log(`ratio ours/bare           ${(oursSeconds / bareSeconds).toFixed(2)}   (aim ≤ 1.00)`);
  console.log(`lowest rung complete at   ${firstReadySeconds.toFixed(1)} s`);
  console.log(
    `first segment playable    ${firstSegmentSeconds.toFixed(1)} s   (${SECONDS} s source; aim ≤ 5 s)`,
  );
  if (LONG_SECONDS > 0) {
    console.log(
      `first segment playable    ${longFirst.toFixed(1)} s   (${LONG_SECONDS} s source; aim ≤ 10 s)`,
    );
  }
  if (job) {
    console.log(
      `job: completeUpload → playable ${job.playableSeconds.toFixed(1)} s   (${SECONDS} s source, default preset ${DEFAULT_PRESET}; aim ≤ 5 s)`,
    );
    console.log(
      `job: completeUpload → READY    ${job.readySeconds.toFixed(1)} s   (ratio to bare ${(job.readySeconds / bareSeconds).toFixed(2)}; includes its copies, probes and stores)`,
    );
  }
  if (longJob) {
    console.log(
      `job: completeUpload → playable ${longJob.playableSeconds.toFixed(1)} s   (${LONG_SECONDS} s source; aim ≤ 10 s)`,
    );
  }
  console.log(
    `load average after        ${loadavg()
      .map(load => load.toFixed(2))
      .join(' ')} (other work may share the CPU)`,
  );
  rmSync(work, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
