import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { LockMode } from '@mikro-orm/core';
import { badInput, notFound } from '@vp/kit';
import { cacheControlFor, type ObjectStorage } from '@vp/media';
import { type VideosContext } from '../config';
import { mediaBinaries } from '../transcoding/binaries';
import { type Rendition } from '../transcoding/contracts';
import { safeInputArgs } from '../transcoding/probe';
import { runProcess } from '../transcoding/run-process';
import { POSTER, posterSize } from '../transcoding/transcode';
import { refuseCatalogContent } from '../videos/catalog-content';
import { mediaPrefix } from '../videos/media-keys';
import { requireOwnVideo } from '../videos/video-access';
import { Video, VideoStatus } from '../videos/video.entity';

export interface MediaSegment {
  /** Relative to the playlist, as written in it. */
  uri: string;
  start: number;
  duration: number;
}

/** The segments of a VOD media playlist with their start times, and its fMP4 init segment if any. */
export function segmentsOf(playlist: string): { segments: MediaSegment[]; init: string | null } {
  const segments: MediaSegment[] = [];
  let init: string | null = null;
  let pending: number | null = null;
  let start = 0;
  for (const raw of playlist.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      pending = Number.parseFloat(line.slice('#EXTINF:'.length));
    } else if (line.startsWith('#EXT-X-MAP:')) {
      init = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
    } else if (line && !line.startsWith('#') && pending !== null) {
      segments.push({ uri: line, start, duration: pending });
      start += pending;
      pending = null;
    }
  }
  return { segments, init };
}

/** The segment showing `atSeconds` and the offset in it; past the end, the last frame's segment. */
export function segmentAt(segments: MediaSegment[], atSeconds: number) {
  const segment =
    segments.find(candidate => atSeconds < candidate.start + candidate.duration) ?? segments.at(-1);
  if (!segment) {
    return null;
  }
  // a little before the segment's end: seeking to its very end finds no frame to decode
  const offset = Math.max(0, Math.min(atSeconds - segment.start, segment.duration - 0.1));
  return { segment, offset };
}

/** A key under the video's prefix named in a playlist it serves, refused if it would leave it. */
function keyBeside(playlistKey: string, uri: string, prefix: string): string {
  const key = posix.normalize(posix.join(posix.dirname(playlistKey), uri));
  if (uri.includes('://') || uri.startsWith('/') || !key.startsWith(prefix)) {
    throw new Error(`a playlist names a segment outside its video: ${uri}`);
  }
  return key;
}

const GRAB_TIMEOUT_MS = 60_000;

/**
 * One JPEG of the frame at `atSeconds`, drawn from the highest rendition stored under the video's
 * prefix: only its playlist and the one segment showing that time are copied out of storage (local
 * or S3 alike), never the whole video. Scaled to the size the transcode gives posters.
 */
export async function grabFrame(
  storage: ObjectStorage,
  video: Pick<Video, 'id' | 'renditionList'>,
  atSeconds: number,
  scratch: string,
): Promise<string> {
  const renditions: Rendition[] = video.renditionList ?? [];
  if (renditions.length === 0) {
    throw new Error(`video ${video.id} has no renditions`);
  }
  const highest = [...renditions].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  const size = posterSize(renditions);
  const prefix = mediaPrefix(video.id);
  const playlistKey = `${prefix}${highest.playlist}`;
  await mkdir(scratch, { recursive: true });
  await storage.download(playlistKey, join(scratch, 'index.m3u8'));
  const { segments, init } = segmentsOf(await readFile(join(scratch, 'index.m3u8'), 'utf8'));
  const found = segmentAt(segments, atSeconds);
  if (!found) {
    throw new Error(`the playlist ${playlistKey} lists no segment`);
  }
  const fragmented = init !== null || /\.(m4s|mp4)$/i.test(found.segment.uri);
  const input = join(scratch, fragmented ? 'segment.mp4' : 'segment.ts');
  await storage.download(keyBeside(playlistKey, found.segment.uri, prefix), input);
  if (init !== null) {
    // an fMP4 media segment plays only after its init segment: the two together are one file
    const initPath = join(scratch, 'init.mp4');
    await storage.download(keyBeside(playlistKey, init, prefix), initPath);
    await writeFile(input, Buffer.concat([await readFile(initPath), await readFile(input)]));
  }
  const output = join(scratch, 'poster.jpg');
  // prettier-ignore
  const result = await runProcess(
    mediaBinaries().ffmpeg,
    [
      '-nostdin', '-hide_banner', '-v', 'error',
      ...safeInputArgs(input, fragmented ? 'mov' : 'mpegts'),
      // after the input: decoded up to the frame (a segment is a few seconds); seeking in the input
      // of an MPEG-TS segment lands on frames that do not decode and yields none
      '-ss', found.offset.toFixed(3),
      '-map', '0:v:0', '-frames:v', '1',
      '-vf', `scale=${size.width}:${size.height},setsar=1,format=yuvj420p`,
      '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1',
      output,
    ],
    { timeoutMs: GRAB_TIMEOUT_MS },
  );
  if (result.code !== 0 || !existsSync(output)) {
    throw new Error(`ffmpeg drew no frame at ${atSeconds}s of ${video.id}: ${result.stderr}`);
  }
  return output;
}

/**
 * Makes the frame at `atSeconds` the video's poster (its owner only). The JPEG goes under a new
 * key each time: images are cached as immutable, so a changed poster must have a new URL. The row
 * is locked while the key is swapped, so concurrent calls each delete exactly the poster they
 * replaced; the transcode's own poster.jpg stays (it belongs to the transcode's set of outputs).
 * No event: posters travel in none (search and the feeds read thumbnailUrl from the graph).
 */
export async function setThumbnail(
  context: VideosContext,
  videoId: string,
  atSeconds: number,
): Promise<Video> {
  const video = await requireOwnVideo(context, videoId, { admins: false });
  refuseCatalogContent(video, 'videoId');
  if (video.status !== VideoStatus.READY) {
    throw badInput('Only a READY video has frames to choose from.', [
      { field: 'videoId', message: `The video is ${video.status}.` },
    ]);
  }
  const duration = video.durationSeconds ?? 0;
  if (!Number.isFinite(atSeconds) || atSeconds < 0 || atSeconds > duration) {
    const message = `Choose a time from 0 to ${duration} seconds.`;
    throw badInput(`atSeconds: ${message}`, [{ field: 'atSeconds', message }]);
  }
  const { storage, workDir } = context.videos;
  const scratch = join(workDir, 'thumbnails', randomUUID());
  const key = `${mediaPrefix(video.id)}poster-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.jpg`;
  try {
    const jpeg = await grabFrame(storage, video, atSeconds, scratch);
    await storage.putFile(key, jpeg, { contentType: 'image/jpeg', cacheControl: cacheControlFor(key) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  let replaced: string | null = null;
  const updated = await context.em.transactional(async em => {
    const row = await em.findOne(Video, { id: video.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) {
      return null;
    }
    replaced = row.posterKey;
    row.posterKey = key;
    return row;
  });
  if (!updated) {
    // deleted while the frame was drawn
    await storage.deleteObject(key).catch(() => undefined);
    throw notFound('The video');
  }
  if (replaced && replaced !== key && replaced !== `${mediaPrefix(video.id)}${POSTER}`) {
    await storage.deleteObject(replaced).catch(err => {
      context.log.warn({ err, videoId: video.id, key: replaced }, 'a replaced poster could not be removed');
    });
  }
  return updated;
}
