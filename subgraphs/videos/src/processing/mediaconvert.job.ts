import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type JobRun, type SharedState } from '@vp/kit';
import { type ObjectStorage } from '@vp/media';
import express, { type Router } from 'express';
import { type VideosSettings } from '../config';
import {
  type ProbeResult,
  type Rendition,
  type TranscodeResult,
  UnacceptableMediaError,
} from '../transcoding/contracts';
import { mediaBinaries } from '../transcoding/binaries';
import {
  MEDIACONVERT_MASTER,
  MEDIACONVERT_POSTER,
  MEDIACONVERT_STORYBOARD,
  MediaConvertJobFailed,
  type MediaConvertJobState,
  mediaConvertEventState,
  submitMediaConvertJob,
  waitForMediaConvertJob,
} from '../transcoding/mediaconvert';
import { probeUpload } from '../transcoding/probe';
import { runProcess } from '../transcoding/run-process';
import {
  MASTER_PLAYLIST,
  masterPlaylist,
  parseMediaPlaylist,
  POSTER,
  STORYBOARD_IMAGE,
  STORYBOARD_VTT,
  storyboardInterval,
  storyboardVtt,
  thumbnailSize,
} from '../transcoding/transcode';
import { emitMediaChanged } from '../videos/catalog-content';
import { mediaPrefix, uploadKey } from '../videos/media-keys';
import { Video, VideoStatus } from '../videos/video.entity';
import { progressReporter, publishProgress } from './progress';
import {
  failTry,
  markFailed,
  markReady,
  storeOutputs,
  TRANSCODE_FAILED,
  type TranscodeDependencies,
  type TranscodeJob,
} from './transcode.job';

/**
 * VIDEOS_TRANSCODER=mediaconvert: the transcode job's encoding done by AWS Elemental MediaConvert.
 * The worker still probes the upload (the ladder depends on it, and a refused file must fail the
 * same way), submits the job, waits for its end (events from EventBridge through the events
 * endpoint, GetJob polls as the fallback), then lays MediaConvert's outputs out exactly as the
 * ffmpeg worker does (`master.m3u8` written by us, `<N>p/index.m3u8`, `<N>p/seg_00000.ts`…,
 * `poster.jpg`, `storyboard.jpg` + `.vtt`) and removes the staging prefix MediaConvert wrote to.
 */

/** pub/sub topic of MediaConvert job events, keyed by video id (REDIS_URL carries it between processes). */
export const MEDIACONVERT_EVENTS_TOPIC = 'videos.mediaconvert';
/** Where EventBridge's API destination posts "MediaConvert Job State Change" events. */
export const MEDIACONVERT_EVENTS_PATH = '/aws/mediaconvert/events';
export const MEDIACONVERT_EVENTS_SECRET_HEADER = 'x-mediaconvert-events-secret';
/** MediaConvert writes under `videos/<id>/mediaconvert/`; storeOutputs removes it with the rest. */
export const MEDIACONVERT_STAGING = 'mediaconvert/';

// Percent of the whole job per stage, as in the ffmpeg path: fetching and probing, encoding, storing.
const DOWNLOADED = 2;
const ENCODED = 90;

type PubSub = SharedState['pubSub'];

/**
 * The job's events from pub/sub. Not an async generator: a generator's return() waits behind its
 * pending next(), which would hang until an event came; the subscription's own return() ends it.
 */
function jobEvents(pubSub: PubSub, videoId: string) {
  const source = pubSub.subscribe(MEDIACONVERT_EVENTS_TOPIC, videoId)[Symbol.asyncIterator]();
  const events: AsyncIterableIterator<MediaConvertJobState> = {
    [Symbol.asyncIterator]: () => events,
    next: () => source.next() as Promise<IteratorResult<MediaConvertJobState>>,
    return: async () => {
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
  return events;
}

interface Variant {
  attributes: Map<string, string>;
  uri: string;
}

/** `#EXT-X-STREAM-INF` entries of a master playlist (attribute values unquoted). */
export function parseMasterPlaylist(text: string): Variant[] {
  const variants: Variant[] = [];
  let attributes: Map<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      attributes = new Map();
      for (const match of line
        .slice('#EXT-X-STREAM-INF:'.length)
        .matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) {
        attributes.set(match[1], match[2].replace(/^"|"$/g, ''));
      }
    } else if (line && !line.startsWith('#') && attributes) {
      variants.push({ attributes, uri: line });
      attributes = null;
    }
  }
  return variants;
}

const segmentName = (index: number) => `seg_${String(index).padStart(5, '0')}.ts`;

/**
 * MediaConvert's outputs under the staging prefix, rearranged in `outDir` into the ffmpeg worker's
 * layout. The master playlist's attributes are MediaConvert's own measurements (BANDWIDTH is the
 * peak, AVERAGE-BANDWIDTH the mean), written back in our master's form.
 */
export async function collectMediaConvertOutputs(
  storage: ObjectStorage,
  videoId: string,
  probe: ProbeResult,
  workDir: string,
  outDir: string,
  signal?: AbortSignal,
): Promise<TranscodeResult> {
  const staging = `${mediaPrefix(videoId)}${MEDIACONVERT_STAGING}`;
  const raw = join(workDir, 'mediaconvert');
  await mkdir(raw, { recursive: true });
  await mkdir(outDir, { recursive: true });
  const masterFile = join(raw, MASTER_PLAYLIST);
  await storage.download(`${staging}${MEDIACONVERT_MASTER}.m3u8`, masterFile);
  const variants = parseMasterPlaylist(await readFile(masterFile, 'utf8'));
  if (variants.length === 0) {
    throw new Error('MediaConvert wrote a master playlist without renditions');
  }
  const renditions: Rendition[] = [];
  let durationSeconds = 0;
  for (const variant of variants) {
    // `master_720p.m3u8` (NameModifier `_720p`) → `720p/`.
    const name = /^master_(\d+p)\.m3u8$/.exec(variant.uri)?.[1];
    const resolution = /^(\d+)x(\d+)$/.exec(variant.attributes.get('RESOLUTION') ?? '');
    const bandwidth = Number(variant.attributes.get('BANDWIDTH'));
    if (!name || !resolution || !(bandwidth > 0)) {
      throw new Error(`MediaConvert master playlist names an unexpected rendition: ${variant.uri}`);
    }
    const playlistFile = join(raw, variant.uri);
    await storage.download(`${staging}${variant.uri}`, playlistFile);
    const text = await readFile(playlistFile, 'utf8');
    const segments = parseMediaPlaylist(text);
    if (segments.length === 0) {
      throw new Error(`MediaConvert wrote no segment for ${name}`);
    }
    await mkdir(join(outDir, name), { recursive: true });
    let index = 0;
    const lines: string[] = [];
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed && !trimmed.startsWith('#')) {
        signal?.throwIfAborted();
        const target = segmentName(index++);
        await storage.download(`${staging}${trimmed}`, join(outDir, name, target));
        lines.push(target);
      } else {
        lines.push(line);
      }
    }
    await writeFile(join(outDir, name, 'index.m3u8'), lines.join('\n'));
    const seconds = segments.reduce((sum, segment) => sum + segment.duration, 0);
    durationSeconds = Math.max(durationSeconds, seconds);
    renditions.push({
      width: Number(resolution[1]),
      height: Number(resolution[2]),
      bandwidth,
      averageBandwidth: Number(variant.attributes.get('AVERAGE-BANDWIDTH')) || bandwidth,
      codecs: variant.attributes.get('CODECS') ?? '',
      frameRate: Number(variant.attributes.get('FRAME-RATE')) || probe.frameRate,
      playlist: `${name}/index.m3u8`,
    });
  }
  renditions.sort((a, b) => a.width * a.height - b.width * b.height);
  await writeFile(join(outDir, MASTER_PLAYLIST), masterPlaylist(renditions));

  const keys = await storage.list(staging);
  const captures = (group: string) =>
    keys.filter(key => key.startsWith(`${staging}${group}.`) && key.endsWith('.jpg')).sort();
  // Captures at 0 s and ≈ 10 %: the second is the poster (a 0 s frame is often black).
  const posters = captures(MEDIACONVERT_POSTER);
  if (posters.length === 0) {
    throw new Error('MediaConvert wrote no poster');
  }
  await storage.download(posters[Math.min(1, posters.length - 1)], join(outDir, POSTER));

  const thumbs = captures(MEDIACONVERT_STORYBOARD);
  if (thumbs.length === 0) {
    throw new Error('MediaConvert wrote no storyboard frames');
  }
  const thumbDir = join(raw, 'storyboard');
  await mkdir(thumbDir, { recursive: true });
  for (const [index, key] of thumbs.entries()) {
    await storage.download(key, join(thumbDir, `${String(index).padStart(7, '0')}.jpg`));
  }
  const interval = storyboardInterval(durationSeconds);
  const thumb = thumbnailSize(probe);
  const tiled = await runProcess(
    mediaBinaries().ffmpeg,
    [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'image2', '-start_number', '0', '-i', join(thumbDir, '%07d.jpg')],
      // Captures are scaled to the thumbnail size already; scale again in case a frame was not.
      ...['-vf', `scale=${thumb.width}:${thumb.height},tile=10x${Math.ceil(thumbs.length / 10)}`],
      ...['-frames:v', '1', '-q:v', '5', '-update', '1', join(outDir, STORYBOARD_IMAGE)],
    ],
    { timeoutMs: 120_000, signal },
  );
  if (tiled.code !== 0) {
    throw new Error(`ffmpeg could not tile the storyboard: ${tiled.stderr}`);
  }
  await writeFile(join(outDir, STORYBOARD_VTT), storyboardVtt(durationSeconds, interval, thumb));
  return {
    durationSeconds,
    renditions,
    masterPlaylist: MASTER_PLAYLIST,
    poster: POSTER,
    storyboard: { image: STORYBOARD_IMAGE, vtt: STORYBOARD_VTT },
  };
}

/** One try of a transcode through MediaConvert (the counterpart of transcodeVideo). */
export async function transcodeWithMediaConvert(
  deps: TranscodeDependencies,
  { videoId }: TranscodeJob,
  run: JobRun,
) {
  const mediaConvert = deps.settings.mediaConvert!;
  const { storage, workDir } = deps.settings;
  const video = await deps.em().findOne(Video, { id: videoId });
  if (!video || video.status !== VideoStatus.PROCESSING) {
    return;
  }
  const scratch = join(workDir, videoId);
  const report = progressReporter(deps.pubSub, videoId);
  // Subscribed before the job exists, so that no early event is missed.
  const events = jobEvents(deps.pubSub, videoId);
  try {
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    report(0);
    const source = join(scratch, 'source');
    await storage.download(uploadKey(videoId), source);
    const probe = await probeUpload(source);
    // Only the probe needed it: MediaConvert reads the upload from S3 itself.
    await rm(source, { force: true });
    report(DOWNLOADED);
    const { bucket } = mediaConvert;
    const { jobId } = await submitMediaConvertJob(mediaConvert.client, {
      inputUri: `s3://${bucket}/${uploadKey(videoId)}`,
      destinationUri: `s3://${bucket}/${mediaPrefix(videoId)}${MEDIACONVERT_STAGING}`,
      roleArn: mediaConvert.roleArn,
      queueArn: mediaConvert.queueArn,
      probe,
      userMetadata: { videoId },
      // Per try: a retried CreateJob request is not a second job, a new try is.
      clientRequestToken: `${videoId}-${run.retryCount}`,
    });
    deps.log.info({ videoId, jobId }, 'MediaConvert job submitted');
    await waitForMediaConvertJob({
      client: mediaConvert.client,
      jobId,
      events,
      pollSeconds: mediaConvert.pollSeconds,
      signal: run.signal,
      onProgress: percent => report(DOWNLOADED + ((ENCODED - DOWNLOADED) * percent) / 100),
    });
    report(ENCODED);
    const out = join(scratch, 'out');
    const result = await collectMediaConvertOutputs(
      storage,
      videoId,
      probe,
      scratch,
      out,
      run.signal,
    );
    run.signal.throwIfAborted();
    // Stores our layout and removes everything else under videos/<id>/, the staging prefix too.
    await storeOutputs(storage, videoId, out, fraction =>
      report(ENCODED + (99 - ENCODED) * fraction),
    );
    await rm(scratch, { recursive: true, force: true });
    const em = deps.em();
    const current = await em.findOne(Video, { id: videoId });
    if (!current) {
      await storage.deletePrefix(mediaPrefix(videoId));
      return;
    }
    markReady(current, probe, result);
    emitMediaChanged(em, current, 'READY');
    await em.flush();
    publishProgress(deps.pubSub, { videoId, status: VideoStatus.READY, percent: 100 });
    deps.log.info({ videoId, jobId, renditions: result.renditions.length }, 'video ready');
  } catch (error) {
    if (error instanceof UnacceptableMediaError) {
      await markFailed(deps, videoId, error.reason);
      return;
    }
    if (error instanceof MediaConvertJobFailed) {
      // MediaConvert's verdict on this input and settings: another try would fail the same way.
      deps.log.warn(
        { videoId, jobId: error.jobId, detail: error.detail },
        'MediaConvert job failed',
      );
      await storage.deletePrefix(`${mediaPrefix(videoId)}${MEDIACONVERT_STAGING}`);
      await markFailed(deps, videoId, TRANSCODE_FAILED);
      return;
    }
    await failTry(deps, videoId, run, error);
  } finally {
    await events.return!();
    await rm(scratch, { recursive: true, force: true });
  }
}

function sameSecret(given: string, expected: string) {
  // Hashed first: timingSafeEqual needs equal lengths, and the length must not leak either.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * POST /aws/mediaconvert/events: EventBridge's API destination (a rule on source
 * aws.mediaconvert, detail-type "MediaConvert Job State Change") with the shared secret in a header.
 * Each event of one of our jobs is published to the worker waiting for it; anything else is
 * acknowledged and dropped, so EventBridge does not retry it.
 */
export function mediaConvertEventRoutes(settings: VideosSettings, pubSub: PubSub): Router | null {
  const secret = settings.mediaConvert?.eventsSecret;
  if (!secret) {
    return null;
  }
  const router = express.Router();
  router.post(
    MEDIACONVERT_EVENTS_PATH,
    express.json({ limit: '256kb', type: () => true }),
    (request, response) => {
      if (!sameSecret(request.get(MEDIACONVERT_EVENTS_SECRET_HEADER) ?? '', secret)) {
        response.status(401).json({ error: 'UNAUTHENTICATED' });
        return;
      }
      const state = mediaConvertEventState(request.body);
      const videoId: unknown = request.body?.detail?.userMetadata?.videoId;
      if (state && typeof videoId === 'string') {
        pubSub.publish(MEDIACONVERT_EVENTS_TOPIC, videoId, state);
      }
      response.status(204).end();
    },
  );
  return router;
}
