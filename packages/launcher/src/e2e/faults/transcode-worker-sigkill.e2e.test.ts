import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfFfmpeg, eventually } from '@vp/kit/testing';
import { TRANSCODE_QUEUE } from '@vp/videos/src/processing/transcode.job';
import { makeClip } from '@vp/videos/src/test-pipeline';
import { since, spawnEntry, sql, type TestProcess } from '../../testing/faults';
import { type Person, startTestPlatform, type TestPlatform } from '../../testing/test-platform';

/*
 * The transcode worker as its own process (subgraphs/videos/src/worker.ts, VIDEOS_WORKER=off in
 * the subgraph), SIGKILLed mid-job and started again: the job is handed out again once its
 * expiry passes (VIDEOS_TRANSCODE_TIMEOUT_SECONDS, here 15 s) at pg-boss's next maintenance (every
 * 30 s) plus the transcode retry delay (30 s), and the video ends READY with one rendition per
 * rung. The subgraph is never restarted.
 */

const TIMEOUT_SECONDS = 15;

let platform: TestPlatform;
let creator: Person;
let clipDir: string;
const workers: TestProcess[] = [];

const startWorker = async () => {
  const worker = spawnEntry('subgraphs/videos/src/worker.ts', {
    DATABASE_URL: platform.database.url,
    PLATFORM_DATA_DIR: platform.dataDir,
    PUBLIC_URL: platform.origin,
    VIDEOS_TRANSCODE_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
  });
  workers.push(worker);
  await worker.waitFor('videos transcode worker running', 90_000);
  return worker;
};

const jobsOf = (videoId: string) =>
  sql<{ state: string; retry_count: number }>(
    platform.database.url,
    `select state, retry_count from pgboss.job where name = $1 and data->>'videoId' = $2`,
    [TRANSCODE_QUEUE, videoId],
  );

/** The worker's child processes (its ffmpeg), which a SIGKILL of the worker leaves running. */
const childrenOf = (pid: number) => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

describeIfFfmpeg('a transcode worker killed mid-job', () => {
  beforeAll(async () => {
    platform = await startTestPlatform({
      subgraphs: ['users', 'videos'],
      config: { videos: { worker: false } },
    });
    creator = await platform.signUp({ name: 'creator' });
    clipDir = mkdtempSync(join(tmpdir(), 'vp-worker-kill-'));
  }, 60_000);

  // the worker's own stop (up to 20 s) and then the platform's (pg-boss's up to 22 s) can pass the
  // 60 s of a hook on a loaded machine; given up early, jest would tear down with pg-boss still
  // polling in this process
  afterAll(async () => {
    await Promise.allSettled(workers.map(worker => worker.kill('SIGTERM')));
    await platform?.stop();
    rmSync(clipDir, { recursive: true, force: true });
  }, 120_000);

  test('the job is taken up again after a restart and the video ends READY once', async () => {
    const first = await startWorker();
    const file = join(clipDir, 'long.mp4');
    await makeClip(file, { width: 1280, height: 720, seconds: 8 });
    const clip = readFileSync(file);
    const created = await platform.query(
      `mutation ($input: CreateUploadInput!) {
         createUpload(input: $input) { video { id } upload { url method headers { name value } } } }`,
      {
        input: {
          filename: 'long.mp4',
          contentType: 'video/mp4',
          sizeBytes: clip.length,
          title: 'Killed mid-job',
        },
      },
      creator.token,
    );
    expect(created.errors).toBeUndefined();
    const { video, upload } = created.data.createUpload;
    const put = await fetch(upload.url.replace('localhost', '127.0.0.1'), {
      method: upload.method,
      headers: Object.fromEntries(
        upload.headers.map((h: { name: string; value: string }) => [h.name, h.value]),
      ),
      body: new Uint8Array(clip),
    });
    expect(put.status).toBeLessThan(300);
    const completed = await platform.query(
      'mutation ($id: ID!) { completeUpload(videoId: $id) { id } }',
      { id: video.id },
      creator.token,
    );
    expect(completed.errors).toBeUndefined();

    // mid-job: the job is active and the worker's ffmpeg is encoding
    const orphans = await eventually(
      async () =>
        (await jobsOf(video.id)).some(job => job.state === 'active')
          ? childrenOf(first.child.pid!)
          : [],
      {
        until: children => children.length > 0,
        timeoutMs: 60_000,
        intervalMs: 100,
        what: 'the transcode to be under way',
      },
    );
    const killedAt = performance.now();
    await first.kill('SIGKILL');
    // the orphaned ffmpeg would go on encoding into the scratch folder: end it as the container would
    const orphansLeft = orphans.filter(pid => {
      try {
        process.kill(pid, 0);
        process.kill(pid, 'SIGKILL');
        return true;
      } catch {
        return false;
      }
    });
    const status = await platform.query(
      'query ($id: ID!) { video(id: $id) { status } }',
      { id: video.id },
      creator.token,
    );
    expect(status.data.video.status).toBe('PROCESSING');

    const restartAt = performance.now();
    await startWorker();
    const workerStartMs = since(restartAt);
    const ready = await eventually(
      async () =>
        (
          await platform.query(
            'query ($id: ID!) { video(id: $id) { status renditions { height } } }',
            { id: video.id },
            creator.token,
          )
        ).data?.video,
      {
        until: found => found?.status === 'READY' || found?.status === 'FAILED',
        timeoutMs: 180_000,
        intervalMs: 250,
        what: 'the video to be READY after the worker restart',
      },
    );
    const readyAfterKillMs = since(killedAt);
    const jobs = await jobsOf(video.id);
    console.log(
      `Transcode worker SIGKILL: killed mid-job (${orphans.length} ffmpeg left running by the kill, ` +
        `${orphansLeft.length} still alive and ended by the test); the new worker started in ${workerStartMs} ms; ` +
        `the video was ${ready.status} ${readyAfterKillMs} ms after the kill ` +
        `(job expiry ${TIMEOUT_SECONDS} s + pg-boss maintenance every 30 s + retry delay 30 s + the encode); ` +
        `jobs ${JSON.stringify(jobs)}; renditions ${JSON.stringify(ready.renditions)}`,
    );
    expect(ready.status).toBe('READY');
    const heights = ready.renditions.map((rendition: { height: number }) => rendition.height);
    expect(new Set(heights).size).toBe(heights.length);
    expect(heights.length).toBeGreaterThan(0);
    expect(jobs.map(job => job.state)).toEqual(['completed']);
  }, 270_000);
});
