import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { mediaBinaries } from './binaries';
import {
  type ProbeResult,
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
  videoEncoderArgs,
  type Rung,
} from './ladder';
import { demuxerFor, safeInputArgs } from './probe';
import { reniceProcess, runProcess, type RunResult } from './run-process';

export const MASTER_PLAYLIST = 'master.m3u8';
export const POSTER = 'poster.jpg';
export const STORYBOARD_IMAGE = 'storyboard.jpg';
export const STORYBOARD_VTT = 'storyboard.vtt';

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

/** Measures a finished rung: peak and average bitrate of its segments, codecs from the stream itself. */
async function describeRendition(
  outputDir: string,
  rung: Rung,
  frameRate: number,
  hasAudio: boolean,
): Promise<Rendition & { durationSeconds: number }> {
  const playlist = `${rung.name}/index.m3u8`;
  const segments = parseMediaPlaylist(await readFile(join(outputDir, playlist), 'utf8'));
  if (segments.length === 0) {
    throw new Error(`ffmpeg wrote no segment for ${rung.name}`);
  }
  let totalBits = 0;
  let totalSeconds = 0;
  let peak = 0;
  for (const segment of segments) {
    const bits = (await stat(join(outputDir, rung.name, segment.uri))).size * 8;
    totalBits += bits;
    totalSeconds += segment.duration;
    // A very short last segment says little about the peak; measure it over at least one GOP.
    peak = Math.max(peak, bits / Math.max(segment.duration, 2));
  }
  const firstSegment = await readFile(join(outputDir, rung.name, segments[0].uri));
  const video = avcCodecFromAnnexB(firstSegment);
  if (!video) {
    throw new Error(`no H.264 sequence header in the first segment of ${rung.name}`);
  }
  const codecs = [video, ...(hasAudio ? [AAC_LC_CODEC] : [])].join(',');
  return {
    height: rung.height,
    width: rung.width,
    bandwidth: Math.ceil(peak),
    averageBandwidth: Math.ceil(totalBits / totalSeconds),
    codecs,
    frameRate,
    playlist,
    durationSeconds: totalSeconds,
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
 * Transcodes a probed upload to an HLS ladder in `outputDir`: one ffmpeg process per rung, run in
 * parallel (a single process uses only part of the cores), the lowest rung at a higher priority.
 * When it is done its playlist and a master naming only it are written and onFirstRenditionReady
 * is called; the master is rewritten once every rung is done. The lowest rung's process also
 * draws the storyboard; the poster is one frame from about 10 % in.
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

  // Two processes: the lowest rung alone (playable early), and one that decodes the source once for
  // every higher rung. Progress weighs each by its output pixels plus the cost of decoding the source.
  const groups: Rung[][] = rungs.length > 1 ? [[rungs[0]], rungs.slice(1)] : [[rungs[0]]];
  const decodeWeight = 0.3 * probe.width * probe.height;
  const weights = groups.map(
    group => group.reduce((sum, rung) => sum + rung.width * rung.height, 0) + decodeWeight,
  );
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const done = groups.map(() => 0);
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

  // The higher rungs yield to the lowest one until it is done, then compete normally again (a nice
  // value would otherwise also lose to unrelated work on the machine for the rest of the job).
  const higherRungNiceness = options.higherRungNiceness ?? 10;
  const higherRungPids = new Set<number>();
  const restorePriority = () => {
    for (const pid of higherRungPids) {
      reniceProcess(pid, 0);
    }
  };

  const encoderThreads = Math.max(1, availableParallelism());
  /** One `-f hls` output per rung (not -var_stream_map, which the npm build gets wrong). */
  const rungOutputArgs = (rung: Rung, label: string): string[] => [
    '-map',
    `[${label}]`,
    ...(hasAudio ? ['-map', '0:a:0'] : []),
    ...videoEncoderArgs(rung, frameRate, preset),
    '-threads:v',
    String(encoderThreads),
    ...(hasAudio ? audioEncoderArgs(rung) : []),
    '-max_muxing_queue_size',
    '4096',
    ...hlsOutputArgs(join(outputDir, rung.name, 'seg_%05d.ts')),
    join(outputDir, rung.name, 'index.m3u8'),
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
      ? `[0:v:0]${rungFilter(group[0], probe)},split=2[${labels[0]}][sb];` +
        `[sb]fps=1/${interval},scale=${thumb.width}:${thumb.height},tile=${STORYBOARD_COLUMNS}x${rows},format=yuvj420p[sprite]`
      : group.length === 1
        ? `[0:v:0]${rungFilter(group[0], probe)}[${labels[0]}]`
        : cascadeFilter(group, labels);
    // prettier-ignore
    const args = [
      '-nostdin', '-hide_banner', '-v', 'error', '-nostats', '-progress', 'pipe:1',
      ...safeInputArgs(input, demuxer),
      '-filter_complex', filter,
      ...group.flatMap((rung, position) => rungOutputArgs(rung, labels[position])),
      ...(isLowest
        ? [
          '-map', '[sprite]', '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2', '-update', '1', join(outputDir, STORYBOARD_IMAGE),
        ]
        : []),
    ];
    const result = await runProcess(binaries.ffmpeg, args, {
      timeoutMs,
      signal: stop.signal,
      niceness: isLowest ? 0 : higherRungNiceness,
      onSpawn: child => {
        if (!isLowest && child.pid) {
          higherRungPids.add(child.pid);
        }
      },
      onLine: progressReader(seconds => {
        done[index] = Math.max(done[index], seconds);
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

  const encodePoster = async (): Promise<void> => {
    const posterRung = posterSize(rungs);
    // prettier-ignore
    const result = await runProcess(
      binaries.ffmpeg,
      [
        '-nostdin', '-hide_banner', '-v', 'error',
        '-ss', (duration * 0.1).toFixed(3),
        ...safeInputArgs(input, demuxer),
        '-map', '0:v:0', '-frames:v', '1',
        '-vf', `scale=${posterRung.width}:${posterRung.height},setsar=1,format=yuvj420p`,
        '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1',
        join(outputDir, POSTER),
      ],
      { timeoutMs: Math.min(timeoutMs, 120_000), signal: stop.signal, niceness: 10 },
    );
    if (result.aborted) {
      throw new TranscodeAbortedError();
    }
    if (result.code !== 0 || !existsSync(join(outputDir, POSTER))) {
      throw failure('poster', result);
    }
  };

  const renditions: Rendition[] = [];
  let outputDuration = duration;
  try {
    const lowest = encodeGroup(groups[0], 0).then(async () => {
      restorePriority();
      const first = await describeRendition(outputDir, rungs[0], frameRate, hasAudio);
      outputDuration = first.durationSeconds;
      const { durationSeconds: _measured, ...rendition } = first;
      renditions[0] = rendition;
      await writeAtomically(join(outputDir, MASTER_PLAYLIST), masterPlaylist([rendition]));
      await writeFile(
        join(outputDir, STORYBOARD_VTT),
        storyboardVtt(outputDuration, interval, thumb),
      );
      options.onFirstRenditionReady?.();
    });
    const higher = groups.slice(1).map(async (group, offset) => {
      await encodeGroup(group, offset + 1);
      for (const rung of group) {
        const { durationSeconds: _measured, ...rendition } = await describeRendition(
          outputDir,
          rung,
          frameRate,
          hasAudio,
        );
        renditions[rungs.indexOf(rung)] = rendition;
      }
    });
    const all = [lowest, ...higher, encodePoster()];
    // Stop everything at the first failure instead of encoding rungs nobody will see.
    all.forEach(task => task.catch(() => stop.abort()));
    const settled = await Promise.allSettled(all);
    const firstFailure = settled.find(outcome => outcome.status === 'rejected');
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
