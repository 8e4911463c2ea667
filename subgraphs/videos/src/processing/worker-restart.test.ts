import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, eventually, tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  subscribe,
  uploadFile,
} from '../test-pipeline';
import { parseMediaPlaylist } from '../transcoding/transcode';
import { Video, VideoStatus } from '../videos/video.entity';
import { TRANSCODE_QUEUE } from './transcode.job';

jest.setTimeout(240_000);

const PROCESSING = `subscription ($id: ID!) { videoProcessing(videoId: $id) { status percent } }`;

const jobsOf = async (pipeline: Pipeline, videoId: string) =>
  (await pipeline
    .em()
    .getConnection()
    .execute(`select state, retry_count from pgboss.job where name = ? and data->>'videoId' = ?`, [
      TRANSCODE_QUEUE,
      videoId,
    ])) as { state: string; retry_count: number }[];

const isOutput = (file: string) =>
  /^(master\.m3u8|poster\.jpg|storyboard\.(jpg|vtt)|\d+p\/(index\.m3u8|[\w-]+\.(ts|m4s|mp4)))$/.test(
    file,
  );

describeIfFfmpeg('a transcode interrupted by a stopping worker', () => {
  let pipeline: Pipeline;
  const owner = randomUUID();
  let token: string;

  beforeAll(async () => {
    pipeline = await startPipeline();
    token = await tokenFor(owner, [Role.CREATOR]);
  });
  afterAll(() => pipeline?.stop());

  it('is retried after a restart, resumes the growing playlist (no segment listed twice or lost) and ends READY with exactly its outputs and no scratch files', async () => {
    const path = join(pipeline.dir, 'long.mp4');
    await makeClip(path, { width: 1280, height: 720, seconds: 40 });
    const { videoId } = await uploadFile(pipeline, token, await readFile(path));
    const stored = (file: string) => join(pipeline.dir, 'media', `videos/${videoId}/${file}`);
    const watcher = subscribe(pipeline, PROCESSING, { id: videoId }, token);
    await eventually(() => watcher.events.length >= 1, { what: 'the subscription' });
    expect((await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, token)).errors).toBeUndefined();

    // Stop the subgraph mid-encode, once the lowest rung's playlist has grown in storage: its
    // worker gives up the try (ffmpeg killed, scratch removed); what it published stays.
    const grown = await eventually(
      async () => parseMediaPlaylist(await readFile(stored('360p/index.m3u8'), 'utf8')),
      {
        until: segments => segments.length >= 2,
        what: 'the growing playlist',
        timeoutMs: 120_000,
        intervalMs: 20,
      },
    );
    await watcher.close();
    await pipeline.stopServer();
    const published = parseMediaPlaylist(await readFile(stored('360p/index.m3u8'), 'utf8'));
    expect(published.length).toBeGreaterThanOrEqual(grown.length);
    const publishedBytes = await Promise.all(
      published.map(segment => readFile(stored(`360p/${segment.uri}`))),
    );
    const interrupted = await pipeline.em().findOneOrFail(Video, videoId);
    expect(interrupted.status).toBe(VideoStatus.PROCESSING);
    expect(existsSync(join(pipeline.settings.workDir, videoId))).toBe(false);
    await eventually(() => jobsOf(pipeline, videoId), {
      until: jobs => jobs.map(job => job.state).join() === 'retry',
      what: 'the interrupted job to wait for its retry',
    });

    // What a try killed outright (kill -9) would leave: scratch files and a stray output key.
    await mkdir(join(pipeline.settings.workDir, videoId, 'out', '1080p'), { recursive: true });
    await writeFile(join(pipeline.settings.workDir, videoId, 'out', '1080p', 'seg_9.ts'), 'junk');
    const stray = join(pipeline.dir, 'stray.ts');
    await writeFile(stray, 'junk');
    await pipeline.storage.putFile(`videos/${videoId}/1080p/seg_9.ts`, stray, {
      contentType: 'video/mp2t',
      cacheControl: 'no-store',
    });

    await pipeline.restart();
    await eventually(
      async () => (await pipeline.em().findOne(Video, videoId))?.status === VideoStatus.READY,
      {
        what: 'READY after the restart',
        timeoutMs: 200_000,
      },
    );
    // READY is stored by the handler; pg-boss marks the job completed a moment later.
    const jobs = await eventually(() => jobsOf(pipeline, videoId), {
      until: found => found.every(job => job.state === 'completed'),
      what: 'the job to be completed',
    });
    expect(jobs).toEqual([{ state: 'completed', retry_count: 1 }]);

    const files = (await pipeline.storage.list(`videos/${videoId}/`)).map(key =>
      key.slice(`videos/${videoId}/`.length),
    );
    expect(files.filter(file => !isOutput(file))).toEqual([]);
    expect(files).not.toContain('1080p/seg_9.ts');
    expect(files).toEqual(
      expect.arrayContaining(['master.m3u8', '360p/index.m3u8', 'poster.jpg', 'storyboard.vtt']),
    );
    const playlist = await readFile(
      join(pipeline.dir, 'media', `videos/${videoId}/360p/index.m3u8`),
      'utf8',
    );
    const segments = playlist.split('\n').filter(line => line && !line.startsWith('#'));
    expect(
      files.filter(file => file.startsWith('360p/') && !file.endsWith('.m3u8')).sort(),
    ).toEqual(segments.map(segment => `360p/${segment}`).sort());
    // Resumed, not redone: what players saw before the restart is the unchanged start of the list,
    // those segments are the same bytes, every segment is listed once, and together they cover the clip.
    const final = parseMediaPlaylist(playlist);
    expect(final.slice(0, published.length)).toEqual(published);
    expect(new Set(segments).size).toBe(segments.length);
    expect(segments).toEqual(
      segments.map((_uri, index) => `seg_${String(index).padStart(5, '0')}.ts`),
    );
    for (const [index, segment] of published.entries()) {
      expect((await readFile(stored(`360p/${segment.uri}`))).equals(publishedBytes[index])).toBe(
        true,
      );
    }
    const total = final.reduce((sum, segment) => sum + segment.duration, 0);
    expect(Math.abs(total - 40)).toBeLessThan(0.5);
    expect(playlist).toContain('#EXT-X-ENDLIST');
    expect(existsSync(join(pipeline.settings.workDir, videoId))).toBe(false);
    expect(
      (await readdir(pipeline.settings.workDir)).filter(name => name.includes(videoId)),
    ).toEqual([]);
  });
});
