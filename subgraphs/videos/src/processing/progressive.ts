import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheControlFor, contentTypeFor, type ObjectStorage } from '@vp/media';
import {
  type ProbeResult,
  type PublishedRung,
  type PublishUpdate,
  type Rendition,
} from '../transcoding/contracts';
import { planLadder } from '../transcoding/ladder';
import {
  codecsOfSegmentFile,
  isCompletePlaylist,
  MASTER_PLAYLIST,
  parseMediaPlaylist,
  RUNG_PLAYLIST,
} from '../transcoding/transcode';
import { mediaPrefix } from '../videos/media-keys';
import { Video, VideoStatus } from '../videos/video.entity';
import { type TranscodeDependencies } from './transcode.job';

/**
 * Progressive publishing, the storage side: what the transcoder made playable is stored as it comes
 * (segments first, then the playlists naming them, the master last) and recorded on the video, so
 * its owner can play it, and publish it, within seconds of completeUpload.
 */

/** The video was deleted (or is no longer PROCESSING) while it was being transcoded. */
export class VideoGoneError extends Error {
  constructor(readonly videoId: string) {
    super(`video ${videoId} is gone`);
  }
}

const UPLOAD_CONCURRENCY = 4;

/** Stores files of the output folder under the video's prefix, a few at a time. */
export async function storeFiles(
  storage: ObjectStorage,
  videoId: string,
  outputDir: string,
  files: string[],
  cacheControl: (file: string) => string,
  onStored?: (file: string) => void,
): Promise<void> {
  const prefix = mediaPrefix(videoId);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const key = `${prefix}${file}`;
      await storage.putFile(key, join(outputDir, file), {
        contentType: contentTypeFor(key) ?? 'application/octet-stream',
        cacheControl: cacheControl(file),
      });
      onStored?.(file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, files.length) }, worker));
}

const isPlaylist = (file: string) => file.endsWith('.m3u8');

/**
 * The `onPublish` of one try: stores an update (media in parallel, then the playlists one by one
 * in the order given, so nothing is named before it exists; a growing playlist and the master are
 * cached a second, a finished rung's playlist a day), then records the playable rungs on the video
 * and tells subscribers. `stored` is every file this try stored (the final store skips segments in it).
 */
export function progressivePublisher(
  deps: TranscodeDependencies,
  videoId: string,
  outputDir: string,
  onPlayable: (playableAt: Date, renditions: Rendition[]) => void,
) {
  const { storage } = deps.settings;
  const stored = new Set<string>();
  const publish = async (update: PublishUpdate): Promise<void> => {
    const complete = new Set(
      update.renditions
        .filter(rendition => rendition.complete)
        .map(rendition => rendition.playlist),
    );
    const remember = (file: string) => stored.add(file);
    await storeFiles(
      storage,
      videoId,
      outputDir,
      update.files.filter(file => !isPlaylist(file)),
      file => cacheControlFor(file, { live: false }),
      remember,
    );
    for (const file of update.files.filter(isPlaylist)) {
      // The master still changes until READY (rungs join it); a rung's playlist once it has ENDLIST never.
      const done = file !== MASTER_PLAYLIST && complete.has(file);
      await storeFiles(storage, videoId, outputDir, [file], () =>
        cacheControlFor(file, { live: false, complete: done }),
      );
      remember(file);
    }
    const em = deps.em();
    const video = await em.findOne(Video, { id: videoId });
    if (!video || video.status !== VideoStatus.PROCESSING) {
      throw new VideoGoneError(videoId);
    }
    const first = !video.playableAt;
    video.renditionList = update.renditions;
    video.masterPlaylistKey = `${mediaPrefix(videoId)}${MASTER_PLAYLIST}`;
    video.playableAt ??= new Date();
    await em.flush();
    if (first) {
      deps.log.info({ videoId }, 'video playable (its lowest rung is growing)');
    }
    onPlayable(video.playableAt, update.renditions);
  };
  return { publish, stored };
}

/**
 * The lowest rung as an earlier try stored it, to resume after: the segments of its stored playlist
 * that exist in storage (a try stores segments before the playlist naming them, so normally all),
 * whether it had ENDLIST, and its codecs (from the video's row, else its first segment).
 */
export async function storedLowestRung(
  storage: ObjectStorage,
  video: Video,
  probe: ProbeResult,
  scratch: string,
): Promise<PublishedRung | undefined> {
  const prefix = mediaPrefix(video.id);
  const rung = planLadder(probe)[0];
  const key = `${prefix}${rung.name}/${RUNG_PLAYLIST}`;
  if (!(await storage.head(key))) {
    return undefined;
  }
  const path = join(scratch, 'stored-lowest.m3u8');
  await storage.download(key, path);
  const text = await readFile(path, 'utf8');
  const listed = parseMediaPlaylist(text);
  const segments = [];
  for (const segment of listed) {
    const head = await storage.head(`${prefix}${rung.name}/${segment.uri}`);
    if (!head) {
      break;
    }
    segments.push({ ...segment, sizeBytes: head.sizeBytes });
  }
  if (segments.length === 0) {
    return undefined;
  }
  const complete = isCompletePlaylist(text) && segments.length === listed.length;
  let codecs =
    video.renditionList?.find(rendition => rendition.playlist === `${rung.name}/${RUNG_PLAYLIST}`)
      ?.codecs ?? null;
  if (complete && !codecs) {
    const first = join(scratch, 'stored-first-segment.ts');
    await storage.download(`${prefix}${rung.name}/${segments[0].uri}`, first);
    codecs = await codecsOfSegmentFile(first, probe.audioCodec !== null);
  }
  return { segments, complete, codecs };
}
