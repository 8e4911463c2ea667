import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EntityManager } from '@mikro-orm/postgresql';
import { LiveRecordingReady } from '@vp/contracts';
import { emitEvent, type Logger } from '@vp/kit';
import { type ObjectStorage } from '@vp/media';
import { type LiveStream } from '../streams/live-stream.entity';
import { Recording, RecordingStatus } from './recording.entity';

/** The recording of a stream's session, created the first time it goes on air (idempotent). */
export async function recordingOf(em: EntityManager, streamId: string): Promise<Recording> {
  await em.execute(
    `insert into "live"."recording" ("id", "stream_id", "status", "created_at", "updated_at")
     values (?, ?, 'RECORDING', now(), now()) on conflict ("stream_id") do nothing`,
    [randomUUID(), streamId],
  );
  return em.findOneOrFail(Recording, { streamId }, { refresh: true });
}

/** The pieces a session left in its recording folder, in order (one per publish). */
export async function recordingParts(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const parts: string[] = [];
  for (const name of names.filter(name => /^part-\d{4}\.ts$/.test(name)).sort()) {
    if ((await stat(join(dir, name))).size > 0) {
      parts.push(join(dir, name));
    }
  }
  return parts;
}

export const nextPartName = async (dir: string) => {
  const names = await readdir(dir).catch(() => [] as string[]);
  const count = names.filter(name => /^part-\d{4}\.ts$/.test(name)).length;
  return join(dir, `part-${String(count + 1).padStart(4, '0')}.ts`);
};

function run(binary: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4096)));
    child.once('error', error => resolve({ code: null, stderr: String(error) }));
    child.once('exit', code => resolve({ code, stderr }));
  });
}

/**
 * Joins the session's pieces (the concat demuxer shifts each piece's timestamps after the last,
 * so a reconnect leaves no jump) into one MP4 with the index up front. Copy only: no re-encode.
 */
export async function joinParts(ffmpeg: string, parts: string[], output: string) {
  const list = join(output, '..', 'parts.txt');
  await writeFile(list, parts.map(part => `file '${part.replace(/'/g, "'\\''")}'\n`).join(''));
  const result = await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-protocol_whitelist',
    'file',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-map',
    '0',
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    output,
  ]);
  if (result.code !== 0) {
    throw new Error(`ffmpeg could not join the recording: ${result.stderr.trim()}`);
  }
}

/**
 * The stream has ended: the whole session becomes one MP4, stored at `uploads/<videoId>/source`,
 * and LiveRecordingReady is emitted in the same transaction that marks the recording HANDED_OFF
 * (the outbox delivers it at least once). Nothing kept, or a failure: FAILED, with the reason.
 */
export async function handOffRecording(options: {
  em: EntityManager;
  stream: LiveStream;
  dir: string;
  storage: ObjectStorage;
  ffmpeg: string;
  log: Logger;
}): Promise<Recording> {
  const { em, stream, dir, storage, log } = options;
  const recording = await recordingOf(em, stream.id);
  if (recording.status !== RecordingStatus.RECORDING) {
    return recording; // handed off (or failed) already: a second end changes nothing
  }
  try {
    const parts = await recordingParts(dir);
    if (parts.length === 0) {
      throw new Error('the session left no recording');
    }
    const file = join(dir, 'recording.mp4');
    await joinParts(options.ffmpeg, parts, file);
    const sourceKey = `uploads/${recording.id}/source`;
    const contentType = 'video/mp4';
    await storage.putFile(sourceKey, file, { contentType, cacheControl: 'no-store' });
    const stored = await storage.head(sourceKey);
    if (!stored) {
      throw new Error('the stored recording is missing');
    }
    await em.transactional(async tx => {
      const row = await tx.findOneOrFail(Recording, { id: recording.id });
      row.status = RecordingStatus.HANDED_OFF;
      row.sourceKey = sourceKey;
      row.sizeBytes = stored.sizeBytes;
      // The videos subgraph turns it into a Video (PROCESSING → transcode → READY, unpublished).
      emitEvent(tx as EntityManager, LiveRecordingReady, {
        streamId: stream.id,
        ownerId: stream.ownerId,
        title: stream.title,
        description: stream.description,
        requiredPlan: stream.requiredPlan,
        audience: stream.audience,
        sourceKey,
        videoId: recording.id,
        sizeBytes: stored.sizeBytes,
        contentType,
      });
    });
    log.info(
      { streamId: stream.id, videoId: recording.id, sizeBytes: stored.sizeBytes },
      'recording handed off',
    );
    await rm(dir, { recursive: true, force: true });
  } catch (error) {
    log.error({ err: error, streamId: stream.id }, 'recording failed');
    await em.nativeUpdate(
      Recording,
      { id: recording.id, status: RecordingStatus.RECORDING },
      { status: RecordingStatus.FAILED, failureReason: String((error as Error).message ?? error) },
    );
  }
  return em.findOneOrFail(Recording, { id: recording.id }, { refresh: true });
}
