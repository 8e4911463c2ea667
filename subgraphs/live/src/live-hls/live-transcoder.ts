import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIO_KBPS, type LiveRung, rungName } from './ladder';
import { MASTER_PLAYLIST, SOURCE_RUNG } from './live-paths';

/** Segment length and keyframe interval of the live ladder: 2 s, as the ingest guide asks of publishers. */
export const SEGMENT_SECONDS = 2;
export const PLAYLIST_SEGMENTS = 6;

export interface LiveTranscodeJob {
  /** The RTMP URL ffmpeg reads the publisher from (this process's ingest, loopback only). */
  inputUrl: string;
  /** `<hlsDir>/live/<streamId>`. */
  streamDir: string;
  /** Where this run's piece of the recording goes (an MPEG-TS copy of the source). */
  recordingFile: string;
  ladder: LiveRung[];
  /** A publisher came back: continue the playlists (ffmpeg marks the seam with a discontinuity). */
  append: boolean;
}

const hlsOutput = (streamDir: string, rung: string, append: boolean) => [
  '-f',
  'hls',
  '-hls_time',
  String(SEGMENT_SECONDS),
  '-hls_list_size',
  String(PLAYLIST_SEGMENTS),
  '-hls_segment_type',
  'mpegts',
  // temp_file: a segment appears under its name only once complete, so a listed segment is whole;
  // omit_endlist: a publisher that drops may come back, the platform writes the end itself.
  '-hls_flags',
  `delete_segments+independent_segments+temp_file+omit_endlist${append ? '+append_list+discont_start' : ''}`,
  '-hls_segment_filename',
  join(streamDir, rung, 'seg_%05d.ts'),
  join(streamDir, rung, 'index.m3u8'),
];

/**
 * The ffmpeg arguments of one publish: the source copied as it comes (the publisher's 2 s GOP
 * makes the segments), each lower rung encoded with a keyframe forced every 2 s, and the source
 * copied once more into the recording. Only rtmp and tcp may be opened for the input.
 */
export function liveTranscodeArgs(job: LiveTranscodeJob): string[] {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-protocol_whitelist',
    'rtmp,tcp',
    // The flv header names both tracks: no need to read seconds of media before starting.
    '-analyzeduration',
    '1000000',
    '-i',
    job.inputUrl,
  ];
  const tracks = ['-map', '0:v:0', '-map', '0:a:0?'];
  args.push(...tracks, '-c', 'copy', ...hlsOutput(job.streamDir, SOURCE_RUNG, job.append));
  for (const rung of job.ladder) {
    const kbps = rung.videoKbps;
    args.push(
      ...tracks,
      '-vf',
      `scale=-2:'min(${rung.height},ih)':flags=bicubic`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      `${kbps}k`,
      '-maxrate',
      `${Math.round(kbps * 1.2)}k`,
      '-bufsize',
      `${kbps * 2}k`,
      '-force_key_frames',
      `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
      '-sc_threshold',
      '0',
      '-c:a',
      'aac',
      '-b:a',
      `${AUDIO_KBPS}k`,
      '-ac',
      '2',
      ...hlsOutput(job.streamDir, rungName(rung), job.append),
    );
  }
  args.push(...tracks, '-c', 'copy', '-f', 'mpegts', job.recordingFile);
  return args;
}

export interface SourceInfo {
  width?: number;
  height?: number;
  /** The publisher's announced video + audio bitrate, kbps (0 when it said nothing). */
  kbps?: number;
}

/** The master playlist, written by the platform: the source first, then the lower rungs. */
export function masterPlaylist(ladder: LiveRung[], source: SourceInfo): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const sourceBandwidth = Math.round((source.kbps || 6000) * 1000);
  const resolution =
    source.width && source.height ? `,RESOLUTION=${source.width}x${source.height}` : '';
  lines.push(
    `#EXT-X-STREAM-INF:BANDWIDTH=${sourceBandwidth}${resolution}`,
    `${SOURCE_RUNG}/index.m3u8`,
  );
  for (const rung of ladder) {
    if (source.height && rung.height >= source.height) {
      continue; // the rung would only copy the source's size at a lower bitrate
    }
    const bandwidth = Math.round((rung.videoKbps * 1.2 + AUDIO_KBPS) * 1000);
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth}`, `${rungName(rung)}/index.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes a file whole or not at all (players poll playlists while they change). */
export async function writeAtomically(path: string, text: string) {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export async function prepareStreamDir(streamDir: string, ladder: LiveRung[]) {
  for (const rung of [SOURCE_RUNG, ...ladder.map(rungName)]) {
    await mkdir(join(streamDir, rung), { recursive: true });
  }
}

export const writeMasterPlaylist = (streamDir: string, ladder: LiveRung[], source: SourceInfo) =>
  writeAtomically(join(streamDir, MASTER_PLAYLIST), masterPlaylist(ladder, source));

/** The stream is over: every rung's playlist gets #EXT-X-ENDLIST, so players stop polling. */
export async function endPlaylists(streamDir: string, ladder: LiveRung[]) {
  for (const rung of [SOURCE_RUNG, ...ladder.map(rungName)]) {
    const path = join(streamDir, rung, 'index.m3u8');
    if (!existsSync(path)) {
      continue;
    }
    const text = await readFile(path, 'utf8');
    if (!text.includes('#EXT-X-ENDLIST')) {
      await writeAtomically(path, `${text.trimEnd()}\n#EXT-X-ENDLIST\n`);
    }
  }
}

/** A running ffmpeg with a promise of its exit and the tail of its stderr. */
export class FfmpegRun {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';
  private readonly child: ChildProcess;

  constructor(binary: string, args: string[]) {
    this.child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4096);
    });
    this.exited = new Promise(resolve => {
      this.child.once('error', () => resolve({ code: null, signal: null }));
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  get stderrTail() {
    return this.stderr;
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Asks ffmpeg to finish (SIGINT writes the trailers), then kills it if it does not. */
  async stop(graceMs = 4000): Promise<void> {
    if (!this.running) {
      await this.exited;
      return;
    }
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Waits for ffmpeg to exit by itself (its input ended), then stops it. */
  async finish(waitMs: number): Promise<void> {
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>(resolve => setTimeout(() => resolve(true), waitMs).unref()),
    ]);
    if (timedOut) {
      await this.stop();
    }
  }
}
