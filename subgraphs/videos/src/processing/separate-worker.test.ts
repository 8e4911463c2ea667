import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import Redis from 'ioredis';
import { describeIfFfmpegAndRedis, eventually, TEST_REDIS_URL, tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  subscribe,
  TEST_MEDIA_SECRET,
  uploadFile,
} from '../test-pipeline';
import { Video, VideoStatus } from '../videos/video.entity';
import { VIDEO_PROCESSING_TOPIC } from './progress';

jest.setTimeout(120_000);

const REDIS_URL = TEST_REDIS_URL ?? '';
const PROCESSING = `subscription ($id: ID!) { videoProcessing(videoId: $id) { status percent } }`;

// Progress must cross processes, which needs Redis.
describeIfFfmpegAndRedis(
  'the transcode worker as its own process (VIDEOS_WORKER=off in the subgraph)',
  () => {
    let pipeline: Pipeline;
    let worker: ChildProcess;
    let output = '';

    beforeAll(async () => {
      pipeline = await startPipeline({ worker: false, redisUrl: REDIS_URL });
      worker = spawn(
        process.execPath,
        ['-r', '@swc-node/register', join(__dirname, '../worker.ts')],
        {
          env: {
            ...process.env,
            DATABASE_URL: pipeline.databaseUrl,
            REDIS_URL,
            PLATFORM_DATA_DIR: pipeline.dir,
            PUBLIC_URL: pipeline.origin,
            MEDIA_SIGNING_SECRET: TEST_MEDIA_SECRET,
            VIDEOS_WORK_DIR: pipeline.settings.workDir,
            LOG_LEVEL: 'info',
            // its /health and /ready, on a free port (compose and Kubernetes probe a fixed one)
            HOST: '127.0.0.1',
            PORT: '0',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      worker.stdout!.on('data', chunk => (output += chunk));
      worker.stderr!.on('data', chunk => (output += chunk));
      await eventually(() => output.includes('videos transcode worker running'), {
        what: `the worker to start:\n${output}`,
      });
    });
    afterAll(async () => {
      if (worker && worker.exitCode === null) {
        const exited = new Promise(resolve => worker.once('exit', resolve));
        worker.kill('SIGTERM');
        await exited;
      }
      await pipeline?.stop();
    });

    it('answers its health and readiness probes (compose and Kubernetes probe /health and /ready)', async () => {
      const health = /"health":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1];
      expect(health).toBeDefined();
      const probe = async (path: string) => {
        const response = await fetch(`${health}${path}`);
        return { status: response.status, body: await response.json() };
      };
      expect(await probe('/health')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await probe('/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    });

    it('transcodes in the worker process and its progress reaches the subscriber through Redis', async () => {
      const token = await tokenFor(randomUUID(), [Role.CREATOR]);
      const path = join(pipeline.dir, 'clip.mp4');
      await makeClip(path, { width: 640, height: 360, seconds: 3 });
      const { videoId } = await uploadFile(pipeline, token, await readFile(path));
      const watcher = subscribe(pipeline, PROCESSING, { id: videoId }, token);
      await eventually(() => watcher.events.length >= 1, { what: 'the current state' });
      // The subgraph has subscribed in Redis to this video's progress, which the worker publishes.
      await eventually(
        async () => {
          const redis = new Redis(REDIS_URL);
          try {
            const [, listeners] = (await redis.pubsub(
              'NUMSUB',
              `${VIDEO_PROCESSING_TOPIC}:${videoId}`,
            )) as [string, number];
            return listeners > 0;
          } finally {
            redis.disconnect();
          }
        },
        { what: 'the Redis subscription' },
      );
      expect(
        (await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, token)).errors,
      ).toBeUndefined();

      await eventually(() => watcher.completed, {
        what: 'READY through Redis',
        timeoutMs: 100_000,
      });
      const updates = watcher.events.map(event => event.data.videoProcessing);
      expect(updates.at(-1)).toEqual({ status: 'READY', percent: 100 });
      expect(updates.some(update => update.status === 'PROCESSING' && update.percent > 0)).toBe(
        true,
      );
      expect((await pipeline.em().findOneOrFail(Video, videoId)).status).toBe(VideoStatus.READY);
      expect(output).toContain('video ready');
      await watcher.close();
    });
  },
);
