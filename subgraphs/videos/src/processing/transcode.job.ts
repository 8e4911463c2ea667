import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type JobRun, type Logger, type Messaging, type SharedState } from '@vp/kit';
import { cacheControlFor, type ObjectStorage } from '@vp/media';
import { type VideosSettings } from '../config';
import {
  type ProbeResult,
  type PublishedRung,
  type TranscodeResult,
  UnacceptableMediaError,
} from '../transcoding/contracts';
import { probeUpload } from '../transcoding/probe';
import { ENCODER_PLAYLIST, MASTER_PLAYLIST, transcodeToHls } from '../transcoding/transcode';
import { emitMediaChanged } from '../videos/catalog-content';
import { mediaPrefix, uploadKey } from '../videos/media-keys';
import { Video, VideoKind, VideoStatus } from '../videos/video.entity';
import { transcodeWithMediaConvert } from './mediaconvert.job';
import { highestFirst, progressReporter, publishProgress } from './progress';
import { progressivePublisher, storedLowestRung, storeFiles, VideoGoneError } from './progressive';

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

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Stores what progressive publishing has not stored yet (poster, storyboard) and every playlist
 * again, now complete (cached a day), the master last; then removes anything else under
 * `videos/<id>/`, so the prefix holds exactly this try's outputs plus the lowest rung's segments
 * an earlier try stored and this one resumed after.
 */
export async function storeFinalOutputs(
  storage: ObjectStorage,
  videoId: string,
  outputDir: string,
  stored: ReadonlySet<string>,
  resumed: PublishedRung | undefined,
  lowestRungName: string,
  onProgress: (fraction: number) => void,
) {
  const prefix = mediaPrefix(videoId);
  const files = (await filesUnder(outputDir)).filter(
    file => !file.endsWith(`/${ENCODER_PLAYLIST}`) && !file.endsWith('.tmp'),
  );
  const media = files.filter(file => !file.endsWith('.m3u8') && !stored.has(file));
  const playlists = files.filter(file => file.endsWith('.m3u8') && file !== MASTER_PLAYLIST);
  let done = 0;
  const total = media.length + playlists.length + 1;
  const tick = () => onProgress(++done / total);
  await storeFiles(
    storage,
    videoId,
    outputDir,
    media,
    file => cacheControlFor(file, { live: false }),
    tick,
  );
  // One at a time, the master last: it must not name a playlist before that one is complete.
  for (const file of [...playlists, MASTER_PLAYLIST]) {
    await storeFiles(
      storage,
      videoId,
      outputDir,
      [file],
      () => cacheControlFor(file, { live: false, complete: true }),
      tick,
    );
  }
  const wanted = new Set([
    ...files.map(file => `${prefix}${file}`),
    ...(resumed?.segments ?? []).map(segment => `${prefix}${lowestRungName}/${segment.uri}`),
  ]);
  for (const key of await storage.list(prefix)) {
    if (!wanted.has(key)) {
      await storage.deleteObject(key);
    }
  }
}

/**
 * Stores every output file of a whole-ladder transcode (MediaConvert's, fetched) under
 * `videos/<id>/` and removes anything else under that prefix.
 */
export function storeOutputs(
  storage: ObjectStorage,
  videoId: string,
  outputDir: string,
  onProgress: (fraction: number) => void,
) {
  return storeFinalOutputs(storage, videoId, outputDir, new Set(), undefined, '', onProgress);
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

/**
 * FAILED with a reason, for good: whatever progressive publishing stored is removed, so playback
 * that had started stops for everyone (the media route and CloudFront alike find nothing).
 */
export async function markFailed(deps: TranscodeDependencies, videoId: string, reason: string) {
  const em = deps.em();
  const video = await em.findOne(Video, { id: videoId });
  if (!video || video.status !== VideoStatus.PROCESSING) {
    return;
  }
  video.status = VideoStatus.FAILED;
  video.failureReason = reason;
  video.masterPlaylistKey = null;
  video.renditionList = null;
  await em.flush();
  try {
    await deps.settings.storage.deletePrefix(mediaPrefix(videoId));
  } catch (err) {
    deps.log.error({ err, videoId }, 'media of a failed video could not be removed');
  }
  publishProgress(deps.pubSub, {
    videoId,
    status: VideoStatus.FAILED,
    percent: 0,
    failureReason: reason,
  });
}

/**
 * One try of a transcode. The scratch folder `<workDir>/<videoId>` is emptied first (a killed try
 * leaves its files there) and removed at the end. The source is probed again here because the file
 * transcoded must be the file checked. What becomes playable is stored as it comes (progressive.ts);
 * a try after an interrupted one keeps the lowest rung's segments already stored and resumes its
 * encode after them, so the growing playlist players follow lists each segment once and loses none.
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
  const outputDir = join(scratch, 'out');
  const report = progressReporter(deps.pubSub, videoId);
  if (video.playableAt) {
    report.playable(video.playableAt, video.renditionList ?? []);
  }
  const publisher = progressivePublisher(deps, videoId, outputDir, report.playable);
  try {
    await rm(scratch, { recursive: true, force: true });
    await mkdir(outputDir, { recursive: true });
    report(0);
    const source = join(scratch, 'source');
    await storage.download(uploadKey(videoId), source);
    report(DOWNLOADED);
    const probe = await probeUpload(source);
    const resumed = await storedLowestRung(storage, video, probe, scratch);
    if (resumed) {
      deps.log.info(
        { videoId, segments: resumed.segments.length, complete: resumed.complete },
        'resuming the lowest rung after the segments an earlier try stored',
      );
    }
    const result = await transcodeToHls({
      input: source,
      outputDir,
      probe,
      signal: run.signal,
      resumeLowest: resumed,
      onPublish: publisher.publish,
      onProgress: percent => report(DOWNLOADED + ((ENCODED - DOWNLOADED) * percent) / 100),
    });
    run.signal.throwIfAborted();
    if (!(await deps.em().findOne(Video, { id: videoId }))) {
      throw new VideoGoneError(videoId);
    }
    await storeFinalOutputs(
      storage,
      videoId,
      outputDir,
      publisher.stored,
      resumed,
      result.renditions[0].playlist.split('/')[0],
      fraction => report(ENCODED + (99 - ENCODED) * fraction),
    );
    // Gone before READY is announced: nothing of this try is left once a client can play it.
    await rm(scratch, { recursive: true, force: true });
    const em = deps.em();
    const current = await em.findOne(Video, { id: videoId });
    if (!current) {
      throw new VideoGoneError(videoId);
    }
    markReady(current, probe, result);
    emitMediaChanged(em, current, 'READY');
    await em.flush();
    publishProgress(deps.pubSub, {
      videoId,
      status: VideoStatus.READY,
      percent: 100,
      playableAt: current.playableAt,
      renditions: highestFirst(result.renditions),
    });
    deps.log.info({ videoId, renditions: result.renditions.length }, 'video ready');
  } catch (error) {
    if (error instanceof VideoGoneError) {
      // Deleted while it was being transcoded: take what was stored with it.
      await storage.deletePrefix(mediaPrefix(videoId));
      return;
    }
    if (error instanceof UnacceptableMediaError) {
      // The stored file is not what was accepted (replaced after completeUpload): no retry helps.
      await markFailed(deps, videoId, error.reason);
      return;
    }
    await failTry(deps, videoId, run, error);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A try that failed for a reason another try may not share: thrown again so the job is retried,
 * and the video marked FAILED when this was the last try. A process that is stopping gives the
 * try back without counting it against the video.
 */
export async function failTry(
  deps: TranscodeDependencies,
  videoId: string,
  run: JobRun,
  error: unknown,
): Promise<never> {
  if (run.signal.aborted) {
    deps.log.info(
      { videoId, try: run.retryCount + 1 },
      'transcode try given up: this process is stopping',
    );
    throw error;
  }
  const lastTry = run.retryCount >= run.retryLimit;
  deps.log.warn({ err: error, videoId, try: run.retryCount + 1, lastTry }, 'transcode try failed');
  if (lastTry) {
    await markFailed(deps, videoId, TRANSCODE_FAILED);
  }
  throw error;
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
