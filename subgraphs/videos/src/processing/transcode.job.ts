import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type JobRun, type Logger, type Messaging, type SharedState } from '@vp/kit';
import { cacheControlFor, contentTypeFor, type ObjectStorage } from '@vp/media';
import { type VideosSettings } from '../config';
import {
  type ProbeResult,
  type TranscodeResult,
  UnacceptableMediaError,
} from '../transcoding/contracts';
import { probeUpload } from '../transcoding/probe';
import { transcodeToHls } from '../transcoding/transcode';
import { emitMediaChanged } from '../videos/catalog-content';
import { mediaPrefix, uploadKey } from '../videos/media-keys';
import { Video, VideoKind, VideoStatus } from '../videos/video.entity';
import { transcodeWithMediaConvert } from './mediaconvert.job';
import { progressReporter, publishProgress } from './progress';

export const TRANSCODE_QUEUE = 'videos.transcode';

export interface TranscodeJob {
  videoId: string;
}

export interface TranscodeDependencies {
  settings: VideosSettings;
  pubSub: SharedState['pubSub'];
  /** A fresh EntityManager per try. */
  em: () => EntityManager;
  log: Logger;
}

/** Shown to the uploader when every try failed; the cause goes to the log. */
export const TRANSCODE_FAILED = 'The video could not be processed.';

// Percent of the whole job given to each stage: fetching the source, encoding, storing the outputs.
const DOWNLOADED = 2;
const ENCODED = 95;

const UPLOAD_CONCURRENCY = 4;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Stores every output file under `videos/<id>/` (overwriting what an earlier try stored under the
 * same keys) and removes anything else under that prefix, so it holds exactly this try's outputs.
 */
export async function storeOutputs(
  storage: ObjectStorage,
  videoId: string,
  outputDir: string,
  onProgress: (fraction: number) => void,
) {
  const prefix = mediaPrefix(videoId);
  const files = await filesUnder(outputDir);
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const key = `${prefix}${file}`;
      await storage.putFile(key, join(outputDir, file), {
        contentType: contentTypeFor(key) ?? 'application/octet-stream',
        cacheControl: cacheControlFor(key, { live: false }),
      });
      onProgress(++stored / files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, files.length) }, worker));
  const wanted = new Set(files.map(file => `${prefix}${file}`));
  for (const key of await storage.list(prefix)) {
    if (!wanted.has(key)) {
      await storage.deleteObject(key);
    }
  }
}

export function markReady(video: Video, probe: ProbeResult, result: TranscodeResult) {
  const prefix = mediaPrefix(video.id);
  video.status = VideoStatus.READY;
  video.failureReason = null;
  video.probe = probe;
  video.durationSeconds = Math.round(result.durationSeconds);
  video.renditionList = result.renditions;
  video.kind = probe.isShortCandidate ? VideoKind.SHORT : VideoKind.VIDEO;
  video.masterPlaylistKey = `${prefix}${result.masterPlaylist}`;
  video.posterKey = `${prefix}${result.poster}`;
  video.storyboardImageKey = `${prefix}${result.storyboard.image}`;
  video.storyboardVttKey = `${prefix}${result.storyboard.vtt}`;
}

export async function markFailed(deps: TranscodeDependencies, videoId: string, reason: string) {
  const em = deps.em();
  const video = await em.findOne(Video, { id: videoId });
  if (!video || video.status !== VideoStatus.PROCESSING) {
    return;
  }
  video.status = VideoStatus.FAILED;
  video.failureReason = reason;
  await em.flush();
  publishProgress(deps.pubSub, {
    videoId,
    status: VideoStatus.FAILED,
    percent: 0,
    failureReason: reason,
  });
}

/**
 * One try of a transcode, from scratch: the scratch folder `<workDir>/<videoId>` is emptied first
 * (a killed try leaves its files there) and removed at the end; outputs overwrite the same keys.
 * The source is probed again here because the file transcoded must be the file checked.
 */
export async function transcodeVideo(
  deps: TranscodeDependencies,
  { videoId }: TranscodeJob,
  run: JobRun,
) {
  const { storage, workDir } = deps.settings;
  const video = await deps.em().findOne(Video, { id: videoId });
  if (!video || video.status !== VideoStatus.PROCESSING) {
    return; // deleted, or done by an earlier delivery of the same job
  }
  const scratch = join(workDir, videoId);
  const report = progressReporter(deps.pubSub, videoId);
  try {
    await rm(scratch, { recursive: true, force: true });
    await mkdir(join(scratch, 'out'), { recursive: true });
    report(0);
    const source = join(scratch, 'source');
    await storage.download(uploadKey(videoId), source);
    report(DOWNLOADED);
    const probe = await probeUpload(source);
    const result = await transcodeToHls({
      input: source,
      outputDir: join(scratch, 'out'),
      probe,
      signal: run.signal,
      onProgress: percent => report(DOWNLOADED + ((ENCODED - DOWNLOADED) * percent) / 100),
    });
    run.signal.throwIfAborted();
    await storeOutputs(storage, videoId, join(scratch, 'out'), fraction =>
      report(ENCODED + (99 - ENCODED) * fraction),
    );
    // Gone before READY is announced: nothing of this try is left once a client can play it.
    await rm(scratch, { recursive: true, force: true });
    const em = deps.em();
    const current = await em.findOne(Video, { id: videoId });
    if (!current) {
      // Deleted while it was being transcoded: take the outputs with it.
      await storage.deletePrefix(mediaPrefix(videoId));
      return;
    }
    markReady(current, probe, result);
    emitMediaChanged(em, current, 'READY');
    await em.flush();
    publishProgress(deps.pubSub, { videoId, status: VideoStatus.READY, percent: 100 });
    deps.log.info({ videoId, renditions: result.renditions.length }, 'video ready');
  } catch (error) {
    if (error instanceof UnacceptableMediaError) {
      // The stored file is not what was accepted (replaced after completeUpload): no retry helps.
      await markFailed(deps, videoId, error.reason);
      return;
    }
    if (run.signal.aborted) {
      deps.log.info(
        { videoId, try: run.retryCount + 1 },
        'transcode try given up: this process is stopping',
      );
      throw error;
    }
    const lastTry = run.retryCount >= run.retryLimit;
    deps.log.warn(
      { err: error, videoId, try: run.retryCount + 1, lastTry },
      'transcode try failed',
    );
    if (lastTry) {
      await markFailed(deps, videoId, TRANSCODE_FAILED);
    }
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Registers the transcode worker: retried with backoff, dead-lettered after its last try. */
export async function registerTranscodeWorker(messaging: Messaging, deps: TranscodeDependencies) {
  const {
    transcodeRetryLimit,
    transcodeRetryDelaySeconds,
    transcodeTimeoutSeconds,
    transcodeLeaseSeconds,
  } = deps.settings;
  await messaging.defineJob<TranscodeJob>(
    TRANSCODE_QUEUE,
    (data, run) =>
      deps.settings.mediaConvert
        ? transcodeWithMediaConvert(deps, data, run)
        : transcodeVideo(deps, data, run),
    {
      retryLimit: transcodeRetryLimit,
      retryDelay: transcodeRetryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: transcodeTimeoutSeconds,
      // a killed worker's try is taken up again after the lease, not the 2-hour timeout
      leaseSeconds: Math.min(transcodeLeaseSeconds, transcodeTimeoutSeconds),
    },
  );
}
