import { findOnPath, isExecutable } from '@vp/kit';

/** Where a binary came from: an explicit path, the machine's PATH, or an npm package. */
export type BinarySource = 'env' | 'system' | 'npm';

export interface MediaBinaries {
  ffmpeg: string;
  ffprobe: string;
  ffmpegSource: BinarySource;
  ffprobeSource: BinarySource;
}

/** The binary shipped inside @ffmpeg-installer/ffmpeg or @ffprobe-installer/ffprobe, if it exists here. */
export function npmBinary(name: 'ffmpeg' | 'ffprobe'): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installer = require(
      name === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe',
    ) as {
      path: string;
    };
    return isExecutable(installer.path) ? installer.path : null;
  } catch {
    // The package throws on an unsupported platform or when its optional binary was not installed.
    return null;
  }
}

function resolveOne(
  name: 'ffmpeg' | 'ffprobe',
  envPath: string | undefined,
  pathVariable: string | undefined,
): { path: string; source: BinarySource } | null {
  if (envPath) {
    // An explicit path is a deliberate choice: fail loudly rather than silently use another build.
    if (!isExecutable(envPath)) {
      throw new Error(`${name.toUpperCase()}_PATH=${envPath} is not an executable file`);
    }
    return { path: envPath, source: 'env' };
  }
  const system = findOnPath(name, pathVariable);
  if (system) {
    return { path: system, source: 'system' };
  }
  const bundled = npmBinary(name);
  return bundled ? { path: bundled, source: 'npm' } : null;
}

/**
 * The ffmpeg and ffprobe to run: FFMPEG_PATH / FFPROBE_PATH, else the system's (on PATH), else the
 * binaries of the npm packages, so a bare machine still transcodes. Null when there is none at all.
 */
export function findMediaBinaries(env: NodeJS.ProcessEnv = process.env): MediaBinaries | null {
  const ffmpeg = resolveOne('ffmpeg', env.FFMPEG_PATH, env.PATH);
  const ffprobe = resolveOne('ffprobe', env.FFPROBE_PATH, env.PATH);
  if (!ffmpeg || !ffprobe) {
    return null;
  }
  return {
    ffmpeg: ffmpeg.path,
    ffprobe: ffprobe.path,
    ffmpegSource: ffmpeg.source,
    ffprobeSource: ffprobe.source,
  };
}

let cached: MediaBinaries | undefined;

/** findMediaBinaries for this process (cached), throwing when neither ffmpeg nor the npm build exists. */
export function mediaBinaries(): MediaBinaries {
  if (!cached) {
    const found = findMediaBinaries();
    if (!found) {
      throw new Error(
        'No ffmpeg/ffprobe: install ffmpeg, set FFMPEG_PATH/FFPROBE_PATH, or install @ffmpeg-installer/ffmpeg',
      );
    }
    cached = found;
  }
  return cached;
}
