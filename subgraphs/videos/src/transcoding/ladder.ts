import { type ProbeResult } from './contracts';

/**
 * The HLS ladder: H.264 (libx264, High profile, capped CRF) + AAC in MPEG-TS segments. One place for
 * the numbers so the ffmpeg worker, the MediaConvert adapter and the benchmark's baseline agree.
 */

/** Seconds between keyframes, identical in every rung so players can switch at any segment. */
export const GOP_SECONDS = 2;
/** Target segment length: a multiple of the GOP, so every segment starts on an aligned keyframe. */
export const SEGMENT_SECONDS = 4;
export const MAX_OUTPUT_FRAME_RATE = 60;
/** The explicit x264 preset (the benchmark's baseline uses the same one for a fair comparison). */
export const DEFAULT_PRESET = 'veryfast';
export const CRF = 23;

interface RungSpec {
  /** The short side: 720 means 1280×720 for landscape and 720×1280 for portrait. */
  size: number;
  maxrateKbps: number;
  audioKbps: number;
}

/** Highest first. maxrate caps the capped-CRF encode; bufsize is twice it. */
export const LADDER: readonly RungSpec[] = [
  { size: 1080, maxrateKbps: 5000, audioKbps: 128 },
  { size: 720, maxrateKbps: 3000, audioKbps: 128 },
  { size: 480, maxrateKbps: 1500, audioKbps: 128 },
  { size: 360, maxrateKbps: 800, audioKbps: 96 },
];

export interface Rung {
  /** Folder name and label, e.g. `720p`. */
  name: string;
  width: number;
  height: number;
  maxrateKbps: number;
  audioKbps: number;
}

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
const evenDown = (value: number) => Math.max(2, Math.floor(value / 2) * 2);

function sizedTo(
  size: number,
  probe: Pick<ProbeResult, 'width' | 'height'>,
): { width: number; height: number } {
  const shortSide = Math.min(probe.width, probe.height);
  if (size >= shortSide) {
    return { width: evenDown(probe.width), height: evenDown(probe.height) };
  }
  const scale = size / shortSide;
  return probe.width >= probe.height
    ? { width: even(probe.width * scale), height: size }
    : { width: size, height: even(probe.height * scale) };
}

/**
 * The rungs for a source, lowest first: every ladder size at or below the source's short side
 * (never upscaled). A source smaller than the lowest rung gets one rung at its own size.
 * Portrait videos are laddered by their short side too (a 1080×1920 short is "1080p").
 */
export function planLadder(probe: Pick<ProbeResult, 'width' | 'height'>): Rung[] {
  const shortSide = Math.min(probe.width, probe.height);
  const fitting = LADDER.filter(spec => spec.size <= shortSide);
  const specs =
    fitting.length > 0 ? fitting : [{ ...LADDER[LADDER.length - 1], size: evenDown(shortSide) }];
  return specs
    .map(spec => ({
      name: `${spec.size}p`,
      ...sizedTo(spec.size, probe),
      maxrateKbps: spec.maxrateKbps,
      audioKbps: spec.audioKbps,
    }))
    .reverse();
}

/** The output frame rate: the source's, capped at 60 fps. */
export function outputFrameRate(probe: Pick<ProbeResult, 'frameRate'>): number {
  return Math.min(probe.frameRate > 0 ? probe.frameRate : 30, MAX_OUTPUT_FRAME_RATE);
}

export function gopFrames(frameRate: number): number {
  return Math.max(1, Math.round(frameRate * GOP_SECONDS));
}

/** The video filter of a rung (without the input label). */
export function rungFilter(rung: Rung, probe: Pick<ProbeResult, 'frameRate'>): string {
  const capFrameRate =
    probe.frameRate > MAX_OUTPUT_FRAME_RATE ? `fps=${MAX_OUTPUT_FRAME_RATE},` : '';
  return `${capFrameRate}scale=${rung.width}:${rung.height},setsar=1`;
}

/**
 * libx264 options of a rung: fixed GOP, no scene-cut keyframes, keyframes forced on the 2 s grid.
 * `videoIndex` targets one video stream of a multi-output command (the benchmark's baseline).
 */
export function videoEncoderArgs(
  rung: Rung,
  frameRate: number,
  preset = DEFAULT_PRESET,
  videoIndex?: number,
): string[] {
  const gop = String(gopFrames(frameRate));
  const v = videoIndex === undefined ? ':v' : `:v:${videoIndex}`;
  // prettier-ignore
  return [
    `-c${v}`, 'libx264',
    `-preset${v}`, preset,
    `-profile${v}`, 'high',
    `-pix_fmt${v}`, 'yuv420p',
    `-crf${v}`, String(CRF),
    `-maxrate${v}`, `${rung.maxrateKbps}k`,
    `-bufsize${v}`, `${rung.maxrateKbps * 2}k`,
    `-g${v}`, gop,
    `-keyint_min${v}`, gop,
    `-sc_threshold${v}`, '0',
    `-force_key_frames${v}`, `expr:gte(t,n_forced*${GOP_SECONDS})`,
  ];
}

export function audioEncoderArgs(rung: Rung, audioIndex?: number): string[] {
  const a = audioIndex === undefined ? ':a' : `:a:${audioIndex}`;
  return [`-c${a}`, 'aac', `-b${a}`, `${rung.audioKbps}k`, `-ac${a}`, '2', `-ar${a}`, '48000'];
}

/**
 * The HLS muxer options of one rung's output (4 s segments). A growing rung is an EVENT playlist
 * whose segments and playlist are written to `.tmp` files and renamed, so a reader polling it never
 * sees half a segment or half a list; `startNumber` numbers segments after those already published.
 */
export function hlsOutputArgs(
  segmentPattern: string,
  options: { growing?: boolean; startNumber?: number } = {},
): string[] {
  // prettier-ignore
  return [
    '-f', 'hls',
    '-hls_time', String(SEGMENT_SECONDS),
    '-hls_playlist_type', options.growing ? 'event' : 'vod',
    '-hls_list_size', '0',
    '-hls_flags', options.growing ? 'independent_segments+temp_file' : 'independent_segments',
    ...(options.startNumber ? ['-start_number', String(options.startNumber)] : []),
    '-hls_segment_filename', segmentPattern,
  ];
}

/**
 * `avc1.PPCCLL` from the first H.264 SPS in an Annex B byte stream (an MPEG-TS segment): the three
 * bytes after the SPS NAL header are profile_idc, the constraint flags and level_idc. Reading them
 * directly avoids ffprobe, whose npm build crashes on MPEG-TS.
 */
export function avcCodecFromAnnexB(bytes: Buffer): string | null {
  for (let index = 0; index + 6 < bytes.length; index++) {
    if (
      bytes[index] === 0 &&
      bytes[index + 1] === 0 &&
      bytes[index + 2] === 1 &&
      (bytes[index + 3] & 0x9f) === 0x07
    ) {
      const hex = (value: number) => value.toString(16).padStart(2, '0');
      return `avc1.${hex(bytes[index + 4])}${hex(bytes[index + 5])}${hex(bytes[index + 6])}`;
    }
  }
  return null;
}

export const AAC_LC_CODEC = 'mp4a.40.2';
