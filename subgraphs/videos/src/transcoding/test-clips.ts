import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMediaBinaries, npmBinary, type MediaBinaries } from './binaries';

/** Test helpers: tiny clips generated with ffmpeg's lavfi sources (testsrc2 + sine). */

export const binaries: MediaBinaries | null = findMediaBinaries();

/** The npm packages' ffmpeg and ffprobe, when they are installed for this platform. */
export function npmBinaries(): { ffmpeg: string; ffprobe: string } | null {
  const ffmpeg = npmBinary('ffmpeg');
  const ffprobe = npmBinary('ffprobe');
  return ffmpeg && ffprobe ? { ffmpeg, ffprobe } : null;
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `vp-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface ClipSpec {
  width: number;
  height: number;
  seconds: number;
  frameRate?: number;
  audio?: boolean;
  /** Extra output options (container flags, codec…); defaults to H.264 ultrafast. */
  outputArgs?: string[];
}

/** Writes a test clip: testsrc2 video (and a sine tone) of the given size and length. */
export function makeClip(path: string, spec: ClipSpec): string {
  const ffmpeg = binaries?.ffmpeg ?? 'ffmpeg';
  const rate = spec.frameRate ?? 30;
  // prettier-ignore
  const args = [
    '-nostdin', '-hide_banner', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${spec.width}x${spec.height}:rate=${rate}:duration=${spec.seconds}`,
    ...(spec.audio === false ? [] : ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${spec.seconds}`]),
    ...(spec.outputArgs ?? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...(spec.audio === false ? [] : ['-c:a', 'aac'])]),
    path,
  ];
  execFileSync(ffmpeg, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return path;
}
