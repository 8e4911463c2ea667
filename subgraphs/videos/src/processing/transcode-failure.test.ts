import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  describeIfFfmpeg,
  makeClip,
  type Pipeline,
  startPipeline,
  until,
  uploadFile,
} from '../test-pipeline';
import { Video, VideoStatus } from '../videos/video.entity';
import { TRANSCODE_QUEUE } from './transcode.job';

jest.setTimeout(120_000);

const jobStates = async (pipeline: Pipeline, queue: string, videoId: string) =>
  (
    (await pipeline
      .em()
      .getConnection()
      .execute(`select state from pgboss.job where name = ? and data->>'videoId' = ?`, [
        queue,
        videoId,
      ])) as {
      state: string;
    }[]
  ).map(row => row.state);

describeIfFfmpeg('a transcode that cannot succeed', () => {
  let pipeline: Pipeline;
  let token: string;
  let clip: Buffer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // The worker starts later, so that the tests can spoil the source after completeUpload.
    pipeline = await startPipeline({
      worker: false,
      transcodeRetryLimit: 1,
      transcodeRetryDelaySeconds: 1,
    });
    token = await tokenFor(randomUUID(), [Role.CREATOR]);
    const path = join(pipeline.dir, 'clip.mp4');
    await makeClip(path);
    clip = await readFile(path);

    // 1. The source is replaced after it was checked (an S3 upload URL can be reused until it expires).
    ids.replaced = (await uploadFile(pipeline, token, clip)).videoId;
    // 2. The source disappears: every try fails.
    ids.missing = (await uploadFile(pipeline, token, clip)).videoId;
    for (const id of Object.values(ids)) {
      expect(
        (await pipeline.query(COMPLETE_UPLOAD, { id }, token)).data.completeUpload.status,
      ).toBe('PROCESSING');
    }
    const playlist = join(pipeline.dir, 'evil.m3u8');
    await writeFile(playlist, '#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n');
    await pipeline.storage.putFile(`uploads/${ids.replaced}/source`, playlist, {
      contentType: 'video/mp4',
      cacheControl: 'no-store',
    });
    await pipeline.storage.deleteObject(`uploads/${ids.missing}/source`);

    pipeline.config.worker = true;
    await pipeline.restart();
  });
  afterAll(() => pipeline?.stop());

  it('re-probes the file it transcodes: a replaced source ends FAILED with the reason, without retries', async () => {
    const video = await until(
      async () => {
        const row = await pipeline.em().findOne(Video, ids.replaced);
        return row?.status === VideoStatus.FAILED ? row : null;
      },
      { what: 'FAILED' },
    );
    expect(video.failureReason).toMatch(/not a supported video format/);
    // The handler marks the video before pg-boss records how the job ended: wait for that too.
    await until(
      async () => (await jobStates(pipeline, TRANSCODE_QUEUE, ids.replaced)).join() === 'completed',
      { what: 'the job completed' },
    );
    expect(await pipeline.storage.list(`videos/${ids.replaced}/`)).toEqual([]);
  });

  it('marks the video FAILED on the last try, dead-letters the job and leaves no scratch files', async () => {
    const video = await until(
      async () => {
        const row = await pipeline.em().findOne(Video, ids.missing);
        return row?.status === VideoStatus.FAILED ? row : null;
      },
      { what: 'FAILED after the retries', timeoutMs: 60_000 },
    );
    expect(video.failureReason).toBe('The video could not be processed.');
    await until(
      async () => (await jobStates(pipeline, TRANSCODE_QUEUE, ids.missing)).join() === 'failed',
      { what: 'the job failed' },
    );
    await until(
      async () => (await jobStates(pipeline, `${TRANSCODE_QUEUE}.dead`, ids.missing)).length === 1,
      {
        what: 'the dead letter',
      },
    );
    expect(existsSync(join(pipeline.settings.workDir, ids.missing))).toBe(false);
  });
});
