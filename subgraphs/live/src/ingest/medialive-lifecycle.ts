import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EntityManager } from '@mikro-orm/postgresql';
import { enqueueJob, ErrorCode, type JobRun, type Logger, type Messaging } from '@vp/kit';
import { type ObjectStorage } from '@vp/media';
import { GraphQLError } from 'graphql';
import { type MediaLiveSettings } from '../context';
import { liveMediaPrefix } from '../live-hls/live-paths';
import { handOffRecording, recordingOf } from '../recordings/recording.service';
import { Recording, RecordingStatus } from '../recordings/recording.entity';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { changeStatus, endSession } from '../streams/live-stream.service';
import { mediaLiveRecordingPrefix } from './medialive';
import { MediaLiveChannel } from './medialive-channel.entity';

/**
 * LIVE_INGEST=medialive, the stream's life on AWS Elemental MediaLive:
 *
 * 1. createLiveStream creates the input (its RTMP path carries the stream key) and the channel, and
 *    queues `live.medialive.start` in the same transaction as the stream.
 * 2. That job starts the channel once it is IDLE, waits for RUNNING (giving up after
 *    startTimeoutSeconds: the channel and input are deleted, the stream ENDED, the recording
 *    FAILED), then waits for the first live playlist in S3, which means a publisher is on air:
 *    SCHEDULED → LIVE. It keeps watching: no new segment for publisherGoneSeconds (the publisher
 *    left without endLiveStream) ends the stream as endLiveStream would.
 * 3. endLiveStream queues `live.medialive.end`: the channel is stopped, the archive files under
 *    `recordings/<streamId>/` are joined and handed to videos by the embedded path's own
 *    handOffRecording (`uploads/<recordingId>/source` + LiveRecordingReady), then the channel and
 *    input are deleted.
 */

export const MEDIALIVE_START_QUEUE = 'live.medialive.start';
export const MEDIALIVE_END_QUEUE = 'live.medialive.end';

interface StreamJob {
  streamId: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Called by createLiveStream before its flush: the input and channel exist on AWS before the stream
 * is stored. MediaLive refusing is SERVICE_UNAVAILABLE and nothing is stored (what was created on
 * AWS is removed again).
 */
export async function provisionMediaLive(
  em: EntityManager,
  mediaLive: MediaLiveSettings,
  stream: LiveStream,
  streamKey: string,
  log: Logger,
) {
  let created: Awaited<ReturnType<MediaLiveSettings['channels']['create']>>;
  try {
    created = await mediaLive.channels.create(stream.id, streamKey);
  } catch (error) {
    log.error({ err: error, streamId: stream.id }, 'MediaLive refused the stream');
    throw new GraphQLError('Live streaming is unavailable right now; try again in a minute.', {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    });
  }
  // `rtmp://<ip>:1935/live/<key>`: OBS gets the server part and the key apart, as with the ingest.
  const url = created.rtmpUrls[0] ?? '';
  em.create(MediaLiveChannel, {
    streamId: stream.id,
    inputId: created.inputId,
    channelId: created.channelId,
    rtmpUrl: url.endsWith(`/${streamKey}`) ? url.slice(0, -streamKey.length - 1) : url,
  } as MediaLiveChannel);
  enqueueJob<StreamJob>(em, MEDIALIVE_START_QUEUE, { streamId: stream.id });
}

/**
 * Called by rotateStreamKey before its flush: the input takes the new key first; MediaLive refusing
 * (it does while the channel runs) is an error and the old key stays.
 */
export async function rekeyMediaLive(
  em: EntityManager,
  mediaLive: MediaLiveSettings,
  streamId: string,
  streamKey: string,
  log: Logger,
) {
  const row = await em.findOne(MediaLiveChannel, { streamId });
  if (!row) {
    return;
  }
  try {
    await mediaLive.channels.rekey(row.inputId, streamKey);
  } catch (error) {
    log.warn({ err: error, streamId }, 'MediaLive refused the new stream key');
    throw new GraphQLError(
      'The stream key cannot be changed now (MediaLive refuses it while the stream is on air); end the stream and create a new one.',
      { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } },
    );
  }
}

/** The RTMP server URL of a stream's MediaLive input (null: not a MediaLive stream). */
export async function mediaLiveRtmpUrl(em: EntityManager, streamId: string) {
  return (await em.findOne(MediaLiveChannel, { streamId }))?.rtmpUrl ?? null;
}

/** Called by endLiveStream after the stream is ENDED. */
export function queueMediaLiveEnd(em: EntityManager, streamId: string) {
  enqueueJob<StreamJob>(em, MEDIALIVE_END_QUEUE, { streamId });
}

/**
 * For streams ended by someone else than their owner (a takedown, a suspension): their MediaLive
 * channel, if they have one, is stopped and released too (no-op on the embedded ingest).
 */
export async function releaseMediaLiveOf(em: EntityManager, streamIds: string[]) {
  if (streamIds.length === 0) {
    return;
  }
  const rows = await em.find(MediaLiveChannel, { streamId: { $in: streamIds } });
  rows.forEach(row => queueMediaLiveEnd(em, row.streamId));
  await em.flush();
}

/**
 * The channel runs: SCHEDULED → LIVE. No ingest heartbeat: no embedded instance holds the stream,
 * so housekeeping leaves it alone. A stream ended meanwhile stays ENDED.
 */
const goLive = (em: EntityManager, streamId: string) =>
  changeStatus(em, streamId, LiveStreamStatus.SCHEDULED, {
    status: LiveStreamStatus.LIVE,
    startedAt: new Date(),
  });

/** Deletes the channel (stopping it first if it runs) and the input, then forgets them. */
async function releaseChannel(
  em: EntityManager,
  mediaLive: MediaLiveSettings,
  row: MediaLiveChannel,
  signal: AbortSignal,
) {
  const { channels, pollSeconds } = mediaLive;
  for (;;) {
    const state = await channels.state(row.channelId);
    if (state === 'DELETED' || state === 'DELETING') {
      break;
    }
    if (state === 'RUNNING' || state === 'STARTING' || state === 'RECOVERING') {
      await channels.stop(row.channelId);
    } else if (state === 'IDLE' || state === 'CREATE_FAILED' || state === 'UPDATE_FAILED') {
      await channels.remove(row);
      break;
    }
    await sleep(pollSeconds * 1000, signal);
  }
  await em.nativeDelete(MediaLiveChannel, { streamId: row.streamId });
}

async function startStream(
  em: EntityManager,
  mediaLive: MediaLiveSettings,
  storage: ObjectStorage,
  { streamId }: StreamJob,
  run: JobRun,
  log: Logger,
) {
  const row = await em.findOne(MediaLiveChannel, { streamId });
  if (!row) {
    return; // released already
  }
  const { channels, pollSeconds, startTimeoutSeconds } = mediaLive;
  const deadline = Date.now() + startTimeoutSeconds * 1000;
  let startAsked = false;
  for (;;) {
    const stream = await em.findOne(LiveStream, { id: streamId }, { refresh: true });
    if (!stream || stream.status === LiveStreamStatus.ENDED) {
      return; // ended before it started: the end job releases the channel
    }
    const state = await channels.state(row.channelId);
    if (state === 'RUNNING') {
      break;
    }
    if (state === 'IDLE' && !startAsked) {
      await channels.start(row.channelId);
      startAsked = true;
    } else if (state === 'CREATE_FAILED' || Date.now() > deadline) {
      log.error({ streamId, channelId: row.channelId, state }, 'MediaLive channel never started');
      await endSession(em, streamId);
      await recordingOf(em, streamId);
      await em.nativeUpdate(
        Recording,
        { streamId, status: RecordingStatus.RECORDING },
        { status: RecordingStatus.FAILED, failureReason: 'the MediaLive channel never started' },
      );
      await releaseChannel(em, mediaLive, row, run.signal);
      return;
    }
    await sleep(pollSeconds * 1000, run.signal);
  }
  log.info({ streamId, channelId: row.channelId }, 'MediaLive channel running');
  await recordingOf(em, streamId);
  // RUNNING is not on air: the first playlist MediaLive writes is (a publisher is pushing).
  const prefix = liveMediaPrefix(streamId);
  const master = `${prefix}master.m3u8`;
  let onAir = false;
  let segments = new Set<string>();
  let lastNewSegmentAt = Date.now();
  for (;;) {
    const stream = await em.findOne(LiveStream, { id: streamId }, { refresh: true });
    if (!stream || stream.status === LiveStreamStatus.ENDED) {
      return; // ended by its owner, a takedown or a suspension: their end job releases it
    }
    if (!onAir && (await storage.head(master))) {
      await goLive(em, streamId);
      log.info({ streamId }, 'MediaLive stream on air');
      onAir = true;
      lastNewSegmentAt = Date.now();
    }
    if (onAir) {
      // New segment keys every 2 s while a publisher pushes; none for the grace period: it left.
      const now = new Set((await storage.list(prefix)).filter(key => key.endsWith('.ts')));
      if ([...now].some(key => !segments.has(key))) {
        lastNewSegmentAt = Date.now();
      }
      segments = now;
      if (Date.now() - lastNewSegmentAt > mediaLive.publisherGoneSeconds * 1000) {
        log.info({ streamId }, 'MediaLive publisher gone: ending the stream');
        await endSession(em, streamId);
        queueMediaLiveEnd(em, streamId);
        await em.flush();
        return;
      }
    }
    await sleep(pollSeconds * 1000, run.signal);
  }
}

async function finishStream(
  em: EntityManager,
  mediaLive: MediaLiveSettings,
  storage: ObjectStorage,
  { streamId }: StreamJob,
  run: JobRun,
  log: Logger,
) {
  const row = await em.findOne(MediaLiveChannel, { streamId });
  if (row) {
    // Stopped first: the archive's last file is written when the channel stops.
    await releaseChannel(em, mediaLive, row, run.signal);
  }
  const stream = await em.findOne(LiveStream, { id: streamId });
  if (!stream || stream.takenDownAt) {
    return; // a stream a moderator took down leaves no recording to publish again
  }
  const prefix = mediaLiveRecordingPrefix(streamId);
  const keys = (await storage.list(prefix)).filter(key => key.endsWith('.ts')).sort();
  const dir = await mkdtemp(join(tmpdir(), 'vp-medialive-recording-'));
  try {
    // Named as the embedded ingest names its pieces, so handOffRecording joins them the same way.
    for (const [index, key] of keys.entries()) {
      await storage.download(key, join(dir, `part-${String(index + 1).padStart(4, '0')}.ts`));
    }
    const recording = await handOffRecording({
      em,
      stream,
      dir,
      storage,
      ffmpeg: mediaLive.ffmpegPath,
      log,
    });
    if (recording.status !== RecordingStatus.RECORDING) {
      await storage.deletePrefix(prefix);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The two jobs, in the live subgraph's messaging (any instance may run them). */
export async function registerMediaLiveJobs(
  messaging: Messaging,
  mediaLive: MediaLiveSettings,
  storage: ObjectStorage,
  log: Logger,
) {
  const em = () => messaging.em() as EntityManager;
  await messaging.defineJob<StreamJob>(
    MEDIALIVE_START_QUEUE,
    (data, run) => startStream(em(), mediaLive, storage, data, run, log),
    // Long: after RUNNING it waits for the publisher (a stream created ahead of its time).
    { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 23 * 3600 },
  );
  await messaging.defineJob<StreamJob>(
    MEDIALIVE_END_QUEUE,
    (data, run) => finishStream(em(), mediaLive, storage, data, run, log),
    { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600 },
  );
}
