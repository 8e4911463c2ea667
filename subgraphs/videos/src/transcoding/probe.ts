import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { mediaBinaries } from './binaries';
import { type ProbeResult, UnacceptableMediaError } from './contracts';
import { runProcess } from './run-process';

export interface ProbeLimits {
  maxDurationSeconds: number;
  maxWidth: number;
  maxHeight: number;
  maxStreams: number;
  /** Per ffprobe/ffmpeg run. */
  timeoutMs: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = {
  maxDurationSeconds: 12 * 3600,
  maxWidth: 7680,
  maxHeight: 4320,
  maxStreams: 16,
  timeoutMs: 30_000,
};

/**
 * Container families we accept. `demuxers` are ffmpeg's names for the demuxer (its `format_name`
 * is the whole comma list); anything else (hls, concat, image2, lavfi, tty, sdp…) is refused.
 */
const FAMILIES = {
  isobmff: { format: 'mov,mp4,m4a,3gp,3g2,mj2', demuxer: 'mov' },
  matroska: { format: 'matroska,webm', demuxer: 'matroska' },
  avi: { format: 'avi', demuxer: 'avi' },
  mpegts: { format: 'mpegts', demuxer: 'mpegts' },
  flv: { format: 'flv', demuxer: 'flv' },
  mpegps: { format: 'mpeg', demuxer: 'mpeg' },
} as const;

export type ContainerFamily = keyof typeof FAMILIES;

/** Passed to ffprobe and ffmpeg as `-format_whitelist`: nested demuxers (HLS inside AVI…) inherit it. */
export const DEMUXER_WHITELIST = Object.values(FAMILIES)
  .map(family => family.format)
  .join(',');

const SUPPORTED = 'MP4, MOV, 3GP, MKV, WebM, AVI, MPEG-TS, MPEG-PS or FLV';

/** The demuxer to force when ffmpeg reads a probed upload, so it cannot pick another one. */
export function demuxerFor(formatName: string): string {
  const family = familyOfFormat(formatName);
  if (!family) {
    throw new UnacceptableMediaError(`The file is not a supported video format (${SUPPORTED}).`);
  }
  return FAMILIES[family].demuxer;
}

function familyOfFormat(formatName: string): ContainerFamily | null {
  for (const [family, { format }] of Object.entries(FAMILIES)) {
    if (format === formatName) {
      return family as ContainerFamily;
    }
  }
  return null;
}

const ISO_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot']);

/** The container the first bytes announce, before any parser sees the file. */
export function sniffContainer(head: Buffer): ContainerFamily | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head.length >= 8 && ISO_BOXES.has(ascii(4, 8))) {
    return 'isobmff';
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
    return 'matroska';
  }
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') {
    return 'avi';
  }
  if (head.length >= 4 && ascii(0, 3) === 'FLV' && head[3] === 1) {
    return 'flv';
  }
  // MPEG-TS: a sync byte every 188 bytes (M2TS: 192, after a 4-byte timecode).
  if (head.length >= 189 && head[0] === 0x47 && head[188] === 0x47) {
    return 'mpegts';
  }
  if (head.length >= 197 && head[4] === 0x47 && head[196] === 0x47) {
    return 'mpegts';
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x000001ba) {
    return 'mpegps';
  }
  return null;
}

interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  sample_aspect_ratio?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

interface FfprobeOutput {
  format?: { format_name?: string; duration?: string; nb_streams?: number };
  streams?: FfprobeStream[];
}

/** Arguments that keep ffprobe/ffmpeg inside the upload: the file protocol only, allowed demuxers only. */
export function safeInputArgs(absolutePath: string, demuxer?: string): string[] {
  return [
    '-protocol_whitelist',
    'file',
    '-format_whitelist',
    DEMUXER_WHITELIST,
    ...(demuxer ? ['-f', demuxer] : []),
    '-i',
    `file:${absolutePath}`,
  ];
}

function parseRate(rate: string | undefined): number {
  const [num, den] = (rate ?? '').split('/').map(Number);
  if (!num || !Number.isFinite(num)) {
    return 0;
  }
  const value = den ? num / den : num;
  return Number.isFinite(value) ? value : 0;
}

function rotationOf(stream: FfprobeStream): number {
  const fromSideData = stream.side_data_list?.find(
    data => typeof data.rotation === 'number',
  )?.rotation;
  const rotation = fromSideData ?? Number(stream.tags?.rotate ?? 0);
  return Number.isFinite(rotation) ? rotation : 0;
}

/** Width and height as shown: sample aspect ratio applied, swapped for a 90° rotation (phone videos). */
function displaySize(stream: FfprobeStream): { width: number; height: number } {
  let width = stream.width ?? 0;
  const height = stream.height ?? 0;
  const sar = parseRate((stream.sample_aspect_ratio ?? '').replace(':', '/'));
  if (sar > 0 && Math.abs(sar - 1) > 0.001) {
    width = Math.round(width * sar);
  }
  return Math.abs(rotationOf(stream)) % 180 === 90
    ? { width: height, height: width }
    : { width, height };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Decodes one video frame at `atSeconds` into a 16×16 grey thumbnail: true when it came out. */
async function decodesFrameAt(
  path: string,
  demuxer: string,
  atSeconds: number,
  timeoutMs: number,
): Promise<boolean> {
  const result = await runProcess(
    mediaBinaries().ffmpeg,
    [
      '-nostdin',
      '-hide_banner',
      '-v',
      'error',
      '-ss',
      atSeconds.toFixed(3),
      ...safeInputArgs(path, demuxer),
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      'scale=16:16',
      '-pix_fmt',
      'gray',
      '-f',
      'rawvideo',
      'pipe:1',
    ],
    { timeoutMs, collectStdout: true },
  );
  return result.code === 0 && result.stdout.length >= 256;
}

const DAMAGED = 'The file is damaged or incomplete and could not be read.';

/**
 * Checks that an upload is a video we can transcode, without letting ffprobe or ffmpeg touch
 * anything but the file itself. Throws UnacceptableMediaError with a reason for the uploader.
 */
export async function probeUpload(
  path: string,
  limits: Partial<ProbeLimits> = {},
): Promise<ProbeResult> {
  const limit = { ...DEFAULT_PROBE_LIMITS, ...limits };
  const absolute = resolve(path);

  const info = await stat(absolute).catch(() => null);
  if (!info?.isFile()) {
    throw new UnacceptableMediaError('The uploaded file is missing.');
  }
  if (info.size === 0) {
    throw new UnacceptableMediaError('The file is empty.');
  }
  const sniffed = sniffContainer(await readHead(absolute));
  if (!sniffed) {
    throw new UnacceptableMediaError(`The file is not a supported video format (${SUPPORTED}).`);
  }

  const probe = await runProcess(
    mediaBinaries().ffprobe,
    [
      '-hide_banner',
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      ...safeInputArgs(absolute).filter(arg => arg !== '-i'),
    ],
    { timeoutMs: limit.timeoutMs, collectStdout: true },
  );
  if (probe.timedOut) {
    throw new UnacceptableMediaError('The file took too long to analyse.');
  }
  if (probe.code !== 0) {
    if (/not on whitelist/i.test(probe.stderr)) {
      throw new UnacceptableMediaError(`The file is not a supported video format (${SUPPORTED}).`);
    }
    throw new UnacceptableMediaError(DAMAGED);
  }
  let output: FfprobeOutput;
  try {
    output = JSON.parse(probe.stdout.toString('utf8')) as FfprobeOutput;
  } catch {
    throw new UnacceptableMediaError(DAMAGED);
  }

  const formatName = output.format?.format_name ?? '';
  const family = familyOfFormat(formatName);
  if (!family) {
    throw new UnacceptableMediaError(`The file is not a supported video format (${SUPPORTED}).`);
  }
  if (family !== sniffed) {
    throw new UnacceptableMediaError("The file's contents do not match a supported video format.");
  }

  const streams = output.streams ?? [];
  if (streams.length > limit.maxStreams) {
    throw new UnacceptableMediaError(
      `The file has too many streams (${streams.length}; at most ${limit.maxStreams}).`,
    );
  }
  const video = streams.find(
    stream => stream.codec_type === 'video' && !stream.disposition?.attached_pic,
  );
  if (!video) {
    throw new UnacceptableMediaError('The file has no video stream.');
  }
  if (!video.codec_name || video.codec_name === 'none') {
    throw new UnacceptableMediaError('The video codec is not supported.');
  }
  const audio = streams.find(stream => stream.codec_type === 'audio' && stream.codec_name);

  const { width, height } = displaySize(video);
  if (width <= 0 || height <= 0) {
    throw new UnacceptableMediaError('The video has no picture size.');
  }
  if (Math.max(width, height) > limit.maxWidth || Math.min(width, height) > limit.maxHeight) {
    throw new UnacceptableMediaError(
      `The video is larger than ${limit.maxWidth}×${limit.maxHeight}.`,
    );
  }

  const durationSeconds = Number(output.format?.duration ?? video.duration ?? NaN);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new UnacceptableMediaError('The video has no duration.');
  }
  if (durationSeconds > limit.maxDurationSeconds) {
    const max = limit.maxDurationSeconds;
    throw new UnacceptableMediaError(
      `The video is longer than ${max >= 3600 ? `${max / 3600} hours` : `${max} seconds`}.`,
    );
  }

  // ffprobe reads headers only: decoding a frame at each end proves the codec is decodable and
  // catches files cut short after a complete header (an MP4 with its index first).
  const demuxer = FAMILIES[family].demuxer;
  const [start, end] = await Promise.all([
    decodesFrameAt(absolute, demuxer, 0, limit.timeoutMs),
    decodesFrameAt(absolute, demuxer, Math.max(0, durationSeconds - 1), limit.timeoutMs),
  ]);
  if (!start) {
    throw new UnacceptableMediaError(`The video could not be decoded (codec ${video.codec_name}).`);
  }
  if (!end) {
    throw new UnacceptableMediaError(DAMAGED);
  }

  const frameRate = parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate) || 30;
  return {
    formatName,
    durationSeconds,
    width,
    height,
    videoCodec: video.codec_name,
    audioCodec: audio?.codec_name ?? null,
    frameRate,
    isShortCandidate: height > width && durationSeconds <= 60,
  };
}
