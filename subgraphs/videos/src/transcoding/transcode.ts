import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { mediaBinaries } from './binaries';
import {
  type PlayableRendition,
  type ProbeResult,
  type PublishedSegment,
  type Rendition,
  type TranscodeOptions,
  type TranscodeResult,
} from './contracts';
import {
  AAC_LC_CODEC,
  DEFAULT_PRESET,
  audioEncoderArgs,
  avcCodecFromAnnexB,
  hlsOutputArgs,
  outputFrameRate,
  planLadder,
  rungFilter,
  SEGMENT_SECONDS,
  videoEncoderArgs,
  type Rung,
} from './ladder';
import { demuxerFor, safeInputArgs } from './probe';
import { reniceProcess, runProcess, type RunResult } from './run-process';

export const MASTER_PLAYLIST = 'master.m3u8';
export const POSTER = 'poster.jpg';
export const STORYBOARD_IMAGE = 'storyboard.jpg';
export const STORYBOARD_VTT = 'storyboard.vtt';
/** Every rung's playlist, relative to its folder. */
export const RUNG_PLAYLIST = 'index.m3u8';
/**
 * The lowest rung's playlist as ffmpeg writes it (private, never stored): ours (`index.m3u8`) is
 * rebuilt from it, with the segments an earlier try published before it.
 */
export const ENCODER_PLAYLIST = 'encoder.m3u8';

/** Options beyond the fixed contract; all optional. */
export interface TranscodeTuning {
  /** x264 preset (default veryfast). */
  preset?: string;
  /** Hard limit per ffmpeg process (default 5 min + 6× the duration). */
  timeoutMs?: number;
  /**
   * Nice value of the higher rungs while the lowest one encodes, so it is playable first; they are
   * set back to 0 when it is done (where the system allows it). Default 10.
   */
  higherRungNiceness?: number;
}

/** Thrown when `signal` aborts a transcode (after the processes are killed and output removed). */
export class TranscodeAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The transcode was aborted');
  }
}

const STORYBOARD_COLUMNS = 10;
const STORYBOARD_THUMB_LONG_SIDE = 160;
const PROGRESS_INTERVAL_MS = 250;
/** How often the growing rung's playlist is looked at for new segments. */
const GROWING_POLL_MS = 200;
/**
 * Every rung's timestamps start this far in. x264's B-frames make the first decode time negative,
 * which the muxer fixes by shifting the whole stream by the encoder's delay; a resumed encode
 * (which starts at a positive time) would not be shifted and land a few frames early. Starting
 * every encode past zero makes a fresh and a resumed encode of the same segment identical in time.
 */
const TIMESTAMP_OFFSET_SECONDS = 1;
/** A resumed rung this close to the end counts as complete (ffmpeg would encode nothing). */
const RESUME_END_MARGIN_SECONDS = 0.25;

/**
 * The poster's size: the largest rung up to 720p (a poster is a page image, not a frame to zoom
 * into), the smallest rung when every one is bigger. Rungs are listed lowest first.
 */
export function posterSize<T extends { width: number; height: number }>(rungs: readonly T[]): T {
  const bySize = [...rungs].sort((a, b) => a.width * a.height - b.width * b.height);
  return bySize.filter(rung => Math.min(rung.width, rung.height) <= 720).pop() ?? bySize[0];
}

/** Seconds between storyboard thumbnails: 2 s for short videos, then at most ~200 thumbnails. */
export function storyboardInterval(durationSeconds: number): number {
  return Math.max(2, Math.ceil(durationSeconds / 200));
}

export function thumbnailSize(probe: Pick<ProbeResult, 'width' | 'height'>): {
  width: number;
  height: number;
} {
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
  const long = STORYBOARD_THUMB_LONG_SIDE;
  return probe.width >= probe.height
    ? { width: long, height: even((long * probe.height) / probe.width) }
    : { width: even((long * probe.width) / probe.height), height: long };
}

function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, size = 2) => String(value).padStart(size, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** The WebVTT of a storyboard sprite: one cue per thumbnail, pointing at its tile with `#xywh=`. */
export function storyboardVtt(
  durationSeconds: number,
  interval: number,
  thumb: { width: number; height: number },
): string {
  const count = Math.max(1, Math.ceil(durationSeconds / interval));
  const cues = ['WEBVTT', ''];
  for (let index = 0; index < count; index++) {
    const x = (index % STORYBOARD_COLUMNS) * thumb.width;
    const y = Math.floor(index / STORYBOARD_COLUMNS) * thumb.height;
    const end = Math.min(durationSeconds, (index + 1) * interval);
    cues.push(
      `${timestamp(index * interval)} --> ${timestamp(end)}`,
      `${STORYBOARD_IMAGE}#xywh=${x},${y},${thumb.width},${thumb.height}`,
      '',
    );
  }
  return cues.join('\n');
}

interface Segment {
  uri: string;
  duration: number;
}

export function parseMediaPlaylist(text: string): Segment[] {
  const segments: Segment[] = [];
  let duration: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    } else if (line && !line.startsWith('#') && duration !== null) {
      segments.push({ uri: line, duration });
      duration = null;
    }
  }
  return segments;
}

export const isCompletePlaylist = (text: string) => /^#EXT-X-ENDLIST\s*$/m.test(text);

/** Peak and average bitrate of a rung's segments, as the master playlist states them. */
function measure(segments: readonly PublishedSegment[]) {
  let totalBits = 0;
  let totalSeconds = 0;
  let peak = 0;
  for (const segment of segments) {
    const bits = segment.sizeBytes * 8;
    totalBits += bits;
    totalSeconds += segment.duration;
    // A very short last segment says little about the peak; measure it over at least one GOP.
    peak = Math.max(peak, bits / Math.max(segment.duration, 2));
  }
  return {
    bandwidth: Math.ceil(peak),
    averageBandwidth: Math.ceil(totalBits / Math.max(totalSeconds, 0.001)),
    durationSeconds: totalSeconds,
  };
}

function codecsOf(firstSegment: Buffer, hasAudio: boolean, what: string): string {
  const video = avcCodecFromAnnexB(firstSegment);
  if (!video) {
    throw new Error(`no H.264 sequence header in the first segment of ${what}`);
  }
  return [video, ...(hasAudio ? [AAC_LC_CODEC] : [])].join(',');
}

/** The codecs string of a rung from its first MPEG-TS segment (for a resumed rung's caller). */
export async function codecsOfSegmentFile(path: string, hasAudio: boolean): Promise<string> {
  return codecsOf(await readFile(path), hasAudio, path);
}

/**
 * A rung's media playlist as we publish it: EXT-X-PLAYLIST-TYPE EVENT, segments only ever
 * appended, ENDLIST once the rung is complete (an EVENT playlist with ENDLIST is a finished VOD).
 */
export function mediaPlaylist(
  segments: readonly { uri: string; duration: number }[],
  complete: boolean,
): string {
  const target = Math.max(
    SEGMENT_SECONDS,
    ...segments.map(segment => Math.round(segment.duration)),
  );
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:EVENT',
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  for (const segment of segments) {
    lines.push(`#EXTINF:${segment.duration.toFixed(6)},`, segment.uri);
  }
  if (complete) {
    lines.push('#EXT-X-ENDLIST');
  }
  return `${lines.join('\n')}\n`;
}

/** Measures a finished rung: peak and average bitrate of its segments, codecs from the stream itself. */
async function describeRendition(
  outputDir: string,
  rung: Rung,
  frameRate: number,
  hasAudio: boolean,
): Promise<Rendition & { durationSeconds: number }> {
  const playlist = `${rung.name}/${RUNG_PLAYLIST}`;
  const listed = parseMediaPlaylist(await readFile(join(outputDir, playlist), 'utf8'));
  if (listed.length === 0) {
    throw new Error(`ffmpeg wrote no segment for ${rung.name}`);
  }
  const segments = await Promise.all(
    listed.map(async segment => ({
      ...segment,
      sizeBytes: (await stat(join(outputDir, rung.name, segment.uri))).size,
    })),
  );
  const firstSegment = await readFile(join(outputDir, rung.name, segments[0].uri));
  return {
    height: rung.height,
    width: rung.width,
    ...measure(segments),
    codecs: codecsOf(firstSegment, hasAudio, rung.name),
    frameRate,
    playlist,
  };
}

/** The master playlist, written by us (not ffmpeg) so every ffmpeg build produces the same one. */
export function masterPlaylist(renditions: Rendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const rendition of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},AVERAGE-BANDWIDTH=${rendition.averageBandwidth},` +
        `RESOLUTION=${rendition.width}x${rendition.height},CODECS="${rendition.codecs}",FRAME-RATE=${rendition.frameRate.toFixed(3)}`,
      rendition.playlist,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes through a temporary file and a rename, so a player never reads half a master playlist. */
async function writeAtomically(path: string, content: string): Promise<void> {
  await writeFile(`${path}.tmp`, content);
  await rename(`${path}.tmp`, path);
}

/** Turns `-progress pipe:1` lines into seconds of output written. */
function progressReader(onSeconds: (seconds: number) => void): (line: string) => void {
  return line => {
    const [key, value] = line.split('=');
    // out_time_ms is microseconds too (an old ffmpeg naming bug); 5.1 adds out_time_us.
    if ((key === 'out_time_us' || key === 'out_time_ms') && /^\d+$/.test(value ?? '')) {
      onSeconds(Number(value) / 1e6);
    }
  };
}

function failure(what: string, result: RunResult): Error {
  const reason = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
  return new Error(
    `ffmpeg (${what}) ${reason}: ${result.stderr.trim().split('\n').slice(-5).join(' | ')}`,
  );
}

/**
 * Transcodes a probed upload to an HLS ladder in `outputDir`: two ffmpeg processes run in parallel,
 * the lowest rung at a higher priority, the higher rungs from one decode. The lowest rung grows in
 * public: whenever ffmpeg closes segments of it, its EVENT playlist and a master naming it are
 * written and `onPublish` is told (so the caller can store them: playable within seconds); when it
 * ends, ENDLIST. The higher rungs join the master when they are done. The lowest rung's process
 * also draws the storyboard (a separate process when it resumes mid-way); the poster is one frame
 * from about 10 % in.
 */
export async function transcodeToHls(
  options: TranscodeOptions & TranscodeTuning,
): Promise<TranscodeResult> {
  const { probe } = options;
  const binaries = mediaBinaries();
  const input = resolve(options.input);
  const outputDir = resolve(options.outputDir);
  const demuxer = demuxerFor(probe.formatName);
  const rungs = planLadder(probe);
  const frameRate = outputFrameRate(probe);
  const hasAudio = probe.audioCodec !== null;
  const preset = options.preset ?? DEFAULT_PRESET;
  const timeoutMs = options.timeoutMs ?? 300_000 + probe.durationSeconds * 6_000;
  const duration = probe.durationSeconds;

  if (options.signal?.aborted) {
    throw new TranscodeAbortedError();
  }
  const createdOutputDir = !existsSync(outputDir);
  await mkdir(outputDir, { recursive: true });
  await Promise.all(rungs.map(rung => mkdir(join(outputDir, rung.name), { recursive: true })));

  // One controller stops every process: the caller's abort, or the first failure.
  const stop = new AbortController();
  const onCallerAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  // The lowest rung as an earlier try published it: its segments stay, the encode resumes after
  // them (input seek to where they end, timestamps offset to match, segment numbers continued).
  const lowestRung = rungs[0];
  const lowestDir = join(outputDir, lowestRung.name);
  const resume = options.resumeLowest;
  const kept: PublishedSegment[] = [...(resume?.segments ?? [])];
  const startAt = kept.reduce((sum, segment) => sum + segment.duration, 0);
  const lowestAlreadyDone =
    kept.length > 0 && (resume!.complete || startAt >= duration - RESUME_END_MARGIN_SECONDS);
  if (lowestAlreadyDone && !resume?.codecs) {
    throw new Error('a complete resumed rung needs its codecs');
  }

  // Two processes: the lowest rung alone (playable early), and one that decodes the source once for
  // every higher rung. Progress weighs each by its output pixels plus the cost of decoding the source.
  const groups: Rung[][] = rungs.length > 1 ? [[rungs[0]], rungs.slice(1)] : [[rungs[0]]];
  const decodeWeight = 0.3 * probe.width * probe.height;
  const weights = groups.map(
    group => group.reduce((sum, rung) => sum + rung.width * rung.height, 0) + decodeWeight,
  );
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const done = groups.map(() => 0);
  done[0] = lowestAlreadyDone ? duration : startAt;
  let lastPercent = -1;
  let lastReport = 0;
  const report = (force = false) => {
    const fraction =
      done.reduce(
        (sum, seconds, index) => sum + (Math.min(seconds, duration) / duration) * weights[index],
        0,
      ) / totalWeight;
    const percent = Math.min(99, Math.floor(fraction * 100));
    const now = Date.now();
    if (percent > lastPercent && (force || now - lastReport >= PROGRESS_INTERVAL_MS)) {
      lastPercent = percent;
      lastReport = now;
      options.onProgress?.(percent);
    }
  };

  const thumb = thumbnailSize(probe);
  const interval = storyboardInterval(duration);
  const thumbCount = Math.max(1, Math.ceil(duration / interval));
  // One spare row: the fps filter may emit one frame more than the count at the very end.
  const rows = Math.ceil((thumbCount + 1) / STORYBOARD_COLUMNS);
  const spriteFilter = `fps=1/${interval},scale=${thumb.width}:${thumb.height},tile=${STORYBOARD_COLUMNS}x${rows},format=yuvj420p`;
  // prettier-ignore
  const spriteOutput = [
    '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2', '-update', '1', join(outputDir, STORYBOARD_IMAGE),
  ];
  // The lowest rung's process draws the storyboard from its scaled frames, unless it starts mid-way.
  const lowestDrawsStoryboard = startAt === 0;

  // The higher rungs yield to the lowest one until it is complete (the whole video playable and
  // seekable in its lowest quality: issue 17 asks for ≤ 15 s on a 60 s 1080p source), then compete
  // normally again, so that they lose CPU to unrelated work on the machine only meanwhile. A
  // process spawned after that starts at 0.
  const higherRungNiceness = options.higherRungNiceness ?? 10;
  const higherRungPids = new Set<number>();
  let restored = false;
  const restorePriority = () => {
    if (restored) {
      return;
    }
    restored = true;
    for (const pid of higherRungPids) {
      reniceProcess(pid, 0);
    }
  };

  // Publishing is one queue: each step writes its playlists and is stored by the caller before the
  // next step may rewrite them, so a stored master never names a rung whose files are not stored.
  let chain: Promise<void> = Promise.resolve();
  let publishFailure: unknown = null;
  const enqueue = (step: () => Promise<void>): Promise<void> => {
    const run = chain.then(() => (publishFailure ? Promise.reject(publishFailure) : step()));
    chain = run.catch(error => {
      publishFailure ??= error;
      stop.abort();
    });
    return run;
  };
  const playable: (PlayableRendition | undefined)[] = rungs.map(() => undefined);
  const playableNow = () => playable.filter((entry): entry is PlayableRendition => !!entry);
  const publish = async (files: string[]) => {
    await writeAtomically(join(outputDir, MASTER_PLAYLIST), masterPlaylist(playableNow()));
    await options.onPublish?.({ files: [...files, MASTER_PLAYLIST], renditions: playableNow() });
  };

  // The growing lowest rung: every segment listed so far (kept ones first), and its codecs.
  const lowestSegments: PublishedSegment[] = [...kept];
  let lowestCodecs: string | null = resume?.codecs ?? null;
  const lowestPlaylist = `${lowestRung.name}/${RUNG_PLAYLIST}`;
  const lowestRendition = (complete: boolean): PlayableRendition => {
    const measured = measure(lowestSegments);
    // While it grows, the peak is not known yet: announce the rung's cap (maxrate + audio).
    const cap = (lowestRung.maxrateKbps + (hasAudio ? lowestRung.audioKbps : 0)) * 1000;
    return {
      height: lowestRung.height,
      width: lowestRung.width,
      bandwidth: complete ? measured.bandwidth : Math.max(cap, measured.bandwidth),
      averageBandwidth: measured.averageBandwidth,
      codecs: lowestCodecs!,
      frameRate,
      playlist: lowestPlaylist,
      complete,
    };
  };
  /** Takes the segments ffmpeg has closed since the last look; publishes them when there are some. */
  const pollLowest = async (): Promise<void> => {
    let text: string;
    try {
      text = await readFile(join(lowestDir, ENCODER_PLAYLIST), 'utf8');
    } catch {
      return; // not written yet
    }
    const fresh = parseMediaPlaylist(text).slice(lowestSegments.length - kept.length);
    if (fresh.length === 0) {
      return;
    }
    for (const segment of fresh) {
      const path = join(lowestDir, segment.uri);
      const sizeBytes = (await stat(path)).size;
      lowestCodecs ??= codecsOf(await readFile(path), hasAudio, lowestRung.name);
      lowestSegments.push({ ...segment, sizeBytes });
    }
    await writeAtomically(join(outputDir, lowestPlaylist), mediaPlaylist(lowestSegments, false));
    playable[0] = lowestRendition(false);
    await publish([...fresh.map(segment => `${lowestRung.name}/${segment.uri}`), lowestPlaylist]);
  };
  const completeLowest = async (): Promise<void> => {
    if (lowestSegments.length === 0) {
      throw new Error(`ffmpeg wrote no segment for ${lowestRung.name}`);
    }
    await writeAtomically(join(outputDir, lowestPlaylist), mediaPlaylist(lowestSegments, true));
    playable[0] = lowestRendition(true);
    await writeFile(
      join(outputDir, STORYBOARD_VTT),
      storyboardVtt(measure(lowestSegments).durationSeconds, interval, thumb),
    );
    await publish([lowestPlaylist]);
  };

  const encoderThreads = Math.max(1, availableParallelism());
  /** One `-f hls` output per rung (not -var_stream_map, which the npm build gets wrong). */
  const rungOutputArgs = (rung: Rung, label: string, growing: boolean): string[] => [
    '-map',
    `[${label}]`,
    ...(hasAudio ? ['-map', '0:a:0'] : []),
    ...videoEncoderArgs(rung, frameRate, preset),
    '-threads:v',
    String(encoderThreads),
    ...(hasAudio ? audioEncoderArgs(rung) : []),
    '-max_muxing_queue_size',
    '4096',
    '-output_ts_offset',
    (TIMESTAMP_OFFSET_SECONDS + (growing ? startAt : 0)).toFixed(6),
    ...hlsOutputArgs(join(outputDir, rung.name, 'seg_%05d.ts'), {
      growing,
      startNumber: growing ? kept.length : 0,
    }),
    join(outputDir, rung.name, growing ? ENCODER_PLAYLIST : RUNG_PLAYLIST),
  ];

  /**
   * The higher rungs' scaling, largest first, each rung scaled from the next larger one rather than
   * from the source: ffmpeg filters on its main thread, which is what limits the one process.
   */
  const cascadeFilter = (group: Rung[], labels: string[]): string => {
    const order = group.map((_rung, position) => position).reverse();
    const cappedRate = { frameRate: frameRate };
    return order
      .map((position, step) => {
        const from = step === 0 ? '[0:v:0]' : `[to_${labels[position]}]`;
        const scale =
          step === 0 ? rungFilter(group[position], probe) : rungFilter(group[position], cappedRate);
        const next = order[step + 1];
        return next === undefined
          ? `${from}${scale}[${labels[position]}]`
          : `${from}${scale},split=2[${labels[position]}][to_${labels[next]}]`;
      })
      .join(';');
  };

  const encodeGroup = async (group: Rung[], index: number): Promise<void> => {
    const isLowest = index === 0;
    const labels = group.map((_rung, position) => `hls${position}`);
    const filter = isLowest
      ? lowestDrawsStoryboard
        ? `[0:v:0]${rungFilter(group[0], probe)},split=2[${labels[0]}][sb];[sb]${spriteFilter}[sprite]`
        : `[0:v:0]${rungFilter(group[0], probe)}[${labels[0]}]`
      : group.length === 1
        ? `[0:v:0]${rungFilter(group[0], probe)}[${labels[0]}]`
        : cascadeFilter(group, labels);
    // Resuming: a seek before the input is frame-accurate when transcoding; a hair early, so the
    // keyframe that starts the next segment is the first frame kept.
    const seek = isLowest && startAt > 0 ? ['-ss', Math.max(0, startAt - 0.005).toFixed(6)] : [];
    // prettier-ignore
    const args = [
      '-nostdin', '-hide_banner', '-v', 'error', '-nostats', '-progress', 'pipe:1',
      ...seek,
      ...safeInputArgs(input, demuxer),
      '-filter_complex', filter,
      ...group.flatMap((rung, position) => rungOutputArgs(rung, labels[position], isLowest)),
      ...(isLowest && lowestDrawsStoryboard ? ['-map', '[sprite]', ...spriteOutput] : []),
    ];
    const result = await runProcess(binaries.ffmpeg, args, {
      timeoutMs,
      signal: stop.signal,
      niceness: isLowest || restored ? 0 : higherRungNiceness,
      onSpawn: child => {
        if (!isLowest && child.pid) {
          higherRungPids.add(child.pid);
        }
      },
      onLine: progressReader(seconds => {
        done[index] = Math.max(done[index], (isLowest ? startAt : 0) + seconds);
        report();
      }),
    });
    if (result.aborted) {
      throw new TranscodeAbortedError();
    }
    if (result.code !== 0) {
      throw failure(group.map(rung => rung.name).join('+'), result);
    }
    done[index] = duration;
    report(true);
  };

  /** One-frame (or one-sprite) side jobs at nice 10: the poster, and a resumed try's storyboard. */
  const encodeStill = async (what: string, args: string[], path: string): Promise<void> => {
    // prettier-ignore
    const result = await runProcess(
      binaries.ffmpeg,
      ['-nostdin', '-hide_banner', '-v', 'error', ...args],
      { timeoutMs: Math.min(timeoutMs, what === 'poster' ? 120_000 : timeoutMs), signal: stop.signal, niceness: 10 },
    );
    if (result.aborted) {
      throw new TranscodeAbortedError();
    }
    if (result.code !== 0 || !existsSync(path)) {
      throw failure(what, result);
    }
  };
  const encodePoster = (): Promise<void> => {
    const posterRung = posterSize(rungs);
    // prettier-ignore
    return encodeStill('poster', [
      '-ss', (duration * 0.1).toFixed(3),
      ...safeInputArgs(input, demuxer),
      '-map', '0:v:0', '-frames:v', '1',
      '-vf', `scale=${posterRung.width}:${posterRung.height},setsar=1,format=yuvj420p`,
      '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1',
      join(outputDir, POSTER),
    ], join(outputDir, POSTER));
  };
  const encodeStoryboard = (): Promise<void> =>
    // prettier-ignore
    encodeStill('storyboard', [
      ...safeInputArgs(input, demuxer),
      '-map', '0:v:0', '-vf', spriteFilter, ...spriteOutput,
    ], join(outputDir, STORYBOARD_IMAGE));

  const renditions: Rendition[] = [];
  const plain = ({ complete: _complete, ...rendition }: PlayableRendition): Rendition => rendition;
  let outputDuration = duration;
  try {
    const lowest = (async () => {
      if (!lowestAlreadyDone) {
        // At most one look waits in the queue: a slow store must not pile looks up behind it.
        let looking = false;
        const timer = setInterval(() => {
          if (!looking) {
            looking = true;
            void enqueue(pollLowest)
              .catch(() => undefined)
              .finally(() => (looking = false));
          }
        }, GROWING_POLL_MS);
        try {
          await encodeGroup(groups[0], 0);
        } finally {
          clearInterval(timer);
        }
        restorePriority();
        await enqueue(pollLowest);
      }
      await enqueue(completeLowest);
      renditions[0] = plain(playable[0]!);
      outputDuration = measure(lowestSegments).durationSeconds;
      options.onFirstRenditionReady?.();
    })();
    const higher = groups.slice(1).map(async (group, offset) => {
      await encodeGroup(group, offset + 1);
      await enqueue(async () => {
        for (const rung of group) {
          const { durationSeconds: _measured, ...rendition } = await describeRendition(
            outputDir,
            rung,
            frameRate,
            hasAudio,
          );
          const index = rungs.indexOf(rung);
          renditions[index] = rendition;
          playable[index] = { ...rendition, complete: true };
        }
        const files = (
          await Promise.all(
            group.map(async rung =>
              parseMediaPlaylist(
                await readFile(join(outputDir, rung.name, RUNG_PLAYLIST), 'utf8'),
              ).map(segment => `${rung.name}/${segment.uri}`),
            ),
          )
        ).flat();
        await publish([...files, ...group.map(rung => `${rung.name}/${RUNG_PLAYLIST}`)]);
      });
    });
    const all = [
      lowest,
      ...higher,
      encodePoster(),
      ...(lowestDrawsStoryboard ? [] : [encodeStoryboard()]),
    ];
    // Stop everything at the first failure instead of encoding rungs nobody will see.
    all.forEach(task => task.catch(() => stop.abort()));
    const settled = await Promise.allSettled(all);
    await chain;
    const firstFailure = settled.find(outcome => outcome.status === 'rejected');
    if (publishFailure && !options.signal?.aborted) {
      throw publishFailure;
    }
    if (firstFailure) {
      const reasons = settled.flatMap(outcome =>
        outcome.status === 'rejected' ? [outcome.reason as Error] : [],
      );
      throw reasons.find(reason => !(reason instanceof TranscodeAbortedError)) ?? reasons[0];
    }
    if (!existsSync(join(outputDir, STORYBOARD_IMAGE))) {
      throw new Error('ffmpeg wrote no storyboard');
    }
    await writeAtomically(join(outputDir, MASTER_PLAYLIST), masterPlaylist(renditions));
  } catch (error) {
    await removeOutput(outputDir, createdOutputDir, rungs);
    if (options.signal?.aborted) {
      throw new TranscodeAbortedError();
    }
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
  options.onProgress?.(100);
  return {
    durationSeconds: outputDuration,
    renditions,
    masterPlaylist: MASTER_PLAYLIST,
    poster: POSTER,
    storyboard: { image: STORYBOARD_IMAGE, vtt: STORYBOARD_VTT },
  };
}

/** Removes what a failed or aborted transcode wrote (the folder too, when it made it). */
async function removeOutput(
  outputDir: string,
  createdOutputDir: boolean,
  rungs: Rung[],
): Promise<void> {
  if (createdOutputDir) {
    await rm(outputDir, { recursive: true, force: true });
    return;
  }
  const ours = [
    MASTER_PLAYLIST,
    `${MASTER_PLAYLIST}.tmp`,
    POSTER,
    STORYBOARD_IMAGE,
    STORYBOARD_VTT,
    ...rungs.map(rung => rung.name),
  ];
  await Promise.all(ours.map(name => rm(join(outputDir, name), { recursive: true, force: true })));
}
