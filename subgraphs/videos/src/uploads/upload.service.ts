import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, enqueueJob, refuseSuspended, requireViewer } from '@vp/kit';
import { supportsMultipartUpload } from '@vp/media';
import { type VideosContext } from '../config';
import { TRANSCODE_QUEUE, type TranscodeJob } from '../processing/transcode.job';
import { probeUpload } from '../transcoding/probe';
import { type ProbeResult, UnacceptableMediaError } from '../transcoding/contracts';
import { uploadKey, uploadPrefix } from '../videos/media-keys';
import { requireOwnVideo } from '../videos/video-access';

import { Video, VideoStatus } from '../videos/video.entity';
import {
  type CreateUploadInput,
  type CreateUploadPayload,
  type UploadedPartInput,
  type UploadTarget,
} from './upload.types';

/** The size limit is the deployment's; every other rule is declared on CreateUploadInput. */
function checkUploadSize(input: CreateUploadInput, maxUploadBytes: number) {
  if (input.sizeBytes > maxUploadBytes) {
    const message = `The size must be 1 to ${maxUploadBytes} bytes.`;
    throw badInput(`input.sizeBytes: ${message}`, [{ field: 'input.sizeBytes', message }]);
  }
  return { ...input, contentType: input.contentType.toLowerCase() };
}

/**
 * Creates the video (AWAITING_UPLOAD) and a signed upload target for `uploads/<id>/source` that
 * accepts exactly the declared size and type. The bytes go straight to storage, never through here.
 */
export async function createUpload(
  context: VideosContext,
  input: CreateUploadInput,
): Promise<CreateUploadPayload> {
  const viewer = requireViewer(context.viewer);
  await refuseSuspended(context, viewer.id);
  const { maxUploadBytes } = context.videos;
  const upload = checkUploadSize(input, maxUploadBytes);
  const video = context.em.create(Video, {
    ownerId: viewer.id,
    title: upload.title,
    sourceFilename: upload.filename,
    sourceContentType: upload.contentType,
    sourceSizeBytes: upload.sizeBytes,
  } as Video);
  const target = await uploadTargetFor(context, video, upload);
  await context.em.flush();
  return { video, upload: target };
}

/** S3 takes at most 10,000 parts of at least 5 MiB; 64 MiB parts keep the count low. */
const PART_SIZE_BYTES = 64 * 1024 ** 2;
const MAX_PARTS = 10_000;

/**
 * One signed PUT, or, for a file bigger than one PUT takes on storage that has multipart uploads
 * (S3 over 5 GiB), a signed URL per part; the upload id waits on the video for completeUpload.
 */
async function uploadTargetFor(
  context: VideosContext,
  video: Video,
  upload: { contentType: string; sizeBytes: number },
): Promise<UploadTarget> {
  const { storage, uploadTtlSeconds, multipartThresholdBytes } = context.videos;
  const options = { ...upload, expiresInSeconds: uploadTtlSeconds };
  if (upload.sizeBytes <= multipartThresholdBytes || !supportsMultipartUpload(storage)) {
    return storage.createUploadTarget(uploadKey(video.id), options);
  }
  const partSizeBytes = partSizeFor(storage.minPartSizeBytes, multipartThresholdBytes, upload.sizeBytes);
  const multipart = await storage.createMultipartUploadTarget(uploadKey(video.id), {
    ...options,
    partSizeBytes,
  });
  video.multipartUploadId = multipart.uploadId;
  return {
    url: multipart.parts[0].url,
    method: 'PUT',
    headers: multipart.parts[0].headers,
    expiresAt: multipart.expiresAt,
    partSizeBytes,
    parts: multipart.parts.map(({ partNumber, url, sizeBytes }) => ({
      partNumber,
      url,
      sizeBytes,
    })),
  };
}

/** The part size of an upload, the same whenever it is asked (createUpload, resumeUpload). */
function partSizeFor(minPartSizeBytes: number, multipartThresholdBytes: number, sizeBytes: number) {
  return Math.max(
    minPartSizeBytes,
    Math.min(PART_SIZE_BYTES, multipartThresholdBytes),
    Math.ceil(sizeBytes / MAX_PARTS),
  );
}

/**
 * Picks up an interrupted upload (a reload, a lost connection): fresh signed targets for the parts
 * not stored yet, so the finished ones are not sent again. An upload in one request that has not
 * arrived gets a fresh URL for the whole file. The owner only, while the video waits for its file.
 */
export async function resumeUpload(context: VideosContext, videoId: string): Promise<UploadTarget> {
  const video = await requireOwnVideo(context, videoId, { admins: false });
  if (video.status !== VideoStatus.AWAITING_UPLOAD) {
    throw badInput(`This video is ${video.status}: there is nothing to resume.`, [
      { field: 'videoId', message: `The video is ${video.status}.` },
    ]);
  }
  const { storage, uploadTtlSeconds, multipartThresholdBytes } = context.videos;
  const sizeBytes = Number(video.sourceSizeBytes);
  const contentType = video.sourceContentType ?? 'video/mp4';
  const options = { contentType, sizeBytes, expiresInSeconds: uploadTtlSeconds };
  if (!video.multipartUploadId || !supportsMultipartUpload(storage)) {
    if (await storage.head(uploadKey(video.id))) {
      throw badInput('The file has arrived: call completeUpload.', [
        { field: 'videoId', message: 'Nothing is missing.' },
      ]);
    }
    return storage.createUploadTarget(uploadKey(video.id), options);
  }
  const partSizeBytes = partSizeFor(storage.minPartSizeBytes, multipartThresholdBytes, sizeBytes);
  const count = Math.max(1, Math.ceil(sizeBytes / partSizeBytes));
  const stored = new Set(
    (await storage.listUploadedParts(uploadKey(video.id), video.multipartUploadId)).map(part => part.partNumber),
  );
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter(n => !stored.has(n));
  const parts = await storage.signParts(
    uploadKey(video.id),
    video.multipartUploadId,
    { ...options, partSizeBytes },
    missing,
  );
  return {
    url: parts[0]?.url ?? '',
    method: 'PUT',
    headers: parts[0]?.headers ?? [{ name: 'Content-Type', value: contentType }],
    expiresAt: new Date(Math.floor(Date.now() / 1000 + uploadTtlSeconds) * 1000),
    partSizeBytes,
    parts: parts.map(({ partNumber, url, sizeBytes }) => ({ partNumber, url, sizeBytes })),
  };
}

/** Joins the parts of a multipart upload into the one object completeUpload then checks. */
async function finishMultipartUpload(
  context: VideosContext,
  video: Video,
  parts: UploadedPartInput[] | undefined,
) {
  const { storage } = context.videos;
  if (!video.multipartUploadId || !supportsMultipartUpload(storage)) {
    return;
  }
  const needed = () =>
    badInput(
      'This upload was sent in parts: send every part (resumeUpload gives those missing), then give their ETags or none.',
      [{ field: 'parts', message: 'Every part number with the ETag its PUT answered.' }],
    );
  if (!parts) {
    // without the list, the parts stored are the parts (the studio resumes without keeping ETags)
    try {
      parts = (await storage.listUploadedParts(uploadKey(video.id), video.multipartUploadId)).map(
        ({ partNumber, etag }) => ({ partNumber, etag }),
      );
    } catch {
      throw needed();
    }
  }
  const sizeBytes = Number(video.sourceSizeBytes);
  const partSize = partSizeFor(storage.minPartSizeBytes, context.videos.multipartThresholdBytes, sizeBytes);
  if (parts.length !== Math.max(1, Math.ceil(sizeBytes / partSize)) || parts.length > MAX_PARTS) {
    throw needed();
  }
  try {
    await storage.completeMultipartUpload(uploadKey(video.id), video.multipartUploadId, parts);
  } catch {
    throw badInput('The parts could not be joined: check that every part was sent and its ETag.', [
      { field: 'parts', message: 'A part is missing or its ETag does not match.' },
    ]);
  }
  video.multipartUploadId = null;
  await context.em.flush();
}

/** Marks the video FAILED (if still waiting for its upload), removes the upload and says why. */
async function refuse(context: VideosContext, video: Video, reason: string): Promise<never> {
  await context.em.transactional(async em => {
    const current = await em.findOneOrFail(Video, video.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (current.status === VideoStatus.AWAITING_UPLOAD) {
      current.status = VideoStatus.FAILED;
      current.failureReason = reason;
    }
  });
  await context.videos.storage.deletePrefix(uploadPrefix(video.id));
  throw badInput(reason, [{ field: 'videoId', message: reason }]);
}

/** Moves a probed upload to PROCESSING and queues its transcode in the same transaction. */
function acceptUpload(em: EntityManager, video: Video, probe: ProbeResult) {
  video.status = VideoStatus.PROCESSING;
  video.probe = probe;
  video.durationSeconds = Math.round(probe.durationSeconds);
  video.failureReason = null;
  enqueueJob<TranscodeJob>(em, TRANSCODE_QUEUE, { videoId: video.id });
}

/**
 * Checks the uploaded object (present, the declared size, a real video by ffprobe) and queues its
 * transcode. Idempotent: a video already PROCESSING or READY answers its current state.
 */
export async function completeUpload(
  context: VideosContext,
  videoId: string,
  parts?: UploadedPartInput[],
): Promise<Video> {
  const video = await requireOwnVideo(context, videoId, { admins: false });
  await refuseSuspended(context, video.ownerId);
  if (video.status === VideoStatus.PROCESSING || video.status === VideoStatus.READY) {
    return video;
  }
  if (video.status === VideoStatus.FAILED) {
    throw badInput(
      `This upload was refused (${video.failureReason ?? 'unknown reason'}); start a new one.`,
      [{ field: 'videoId', message: 'This upload was refused.' }],
    );
  }
  await finishMultipartUpload(context, video, parts);
  const { storage, workDir } = context.videos;
  const stored = await storage.head(uploadKey(video.id));
  if (!stored) {
    throw badInput('Nothing has been uploaded for this video yet.', [
      { field: 'videoId', message: 'Send the file to the upload URL first.' },
    ]);
  }
  if (stored.sizeBytes !== video.sourceSizeBytes) {
    return refuse(
      context,
      video,
      `The uploaded file has ${stored.sizeBytes} bytes, not the ${video.sourceSizeBytes} declared.`,
    );
  }
  await mkdir(workDir, { recursive: true });
  const scratch = await mkdtemp(join(workDir, `probe-${video.id}-`));
  let probe: ProbeResult;
  try {
    const path = join(scratch, 'source');
    await storage.download(uploadKey(video.id), path);
    probe = await probeUpload(path);
  } catch (error) {
    if (error instanceof UnacceptableMediaError) {
      // awaited here: the finally below awaits the scratch removal, and a rejection not yet
      // handled by then (a big file takes a while to remove) would crash the process
      return await refuse(context, video, error.reason);
    }
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // Two concurrent calls both probe; the row lock lets only the first queue a transcode.
  return context.em.transactional(async em => {
    const current = await em.findOneOrFail(Video, video.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (current.status === VideoStatus.AWAITING_UPLOAD) {
      acceptUpload(em, current, probe);
    }
    return current;
  });
}
