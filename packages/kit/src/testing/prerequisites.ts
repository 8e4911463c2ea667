import { findOnPath, isExecutable } from '../executables';

/*
 * What some tests need from the machine. Where a prerequisite is missing those tests are skipped,
 * never passed: they show in jest's "skipped" count (and `npm test`'s closing line) and the reason
 * is printed. CI installs all of them, so CI skips nothing.
 */

/**
 * Redis for tests: REDIS_URL, or 127.0.0.1:6379 when it answers (the jest global setup looks and
 * sets REDIS_URL); undefined where there is none.
 */
export const TEST_REDIS_URL: string | undefined = process.env.REDIS_URL || undefined;

/** An explicit path that is not there is a mistake to report, not a reason to look elsewhere. */
function fromEnvOrPath(variable: string, names: string[]): { path?: string; missing?: string } {
  const explicit = process.env[variable];
  if (explicit) {
    return isExecutable(explicit)
      ? { path: explicit }
      : { missing: `${variable}=${explicit} is not an executable file` };
  }
  for (const name of names) {
    const found = findOnPath(name);
    if (found) {
      return { path: found };
    }
  }
  return { missing: `no ${names.join(' or ')} on PATH and no ${variable}` };
}

/** The Chromium tests drive: CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH. */
export function chromiumPath(): string | undefined {
  return fromEnvOrPath('CHROMIUM_PATH', ['chromium', 'chromium-browser']).path;
}

/** Why the tests that need ffmpeg (and ffprobe) cannot run here, or undefined when they can. */
function ffmpegMissing(): string | undefined {
  const ffmpeg = fromEnvOrPath('FFMPEG_PATH', ['ffmpeg']);
  const ffprobe = fromEnvOrPath('FFPROBE_PATH', ['ffprobe']);
  return ffmpeg.missing ?? ffprobe.missing;
}

export const HAS_FFMPEG = ffmpegMissing() === undefined;

const MISSING = {
  ffmpeg: () => ffmpegMissing() && `ffmpeg: ${ffmpegMissing()} (apt-get install ffmpeg)`,
  chromium: () =>
    chromiumPath()
      ? undefined
      : `Chromium: ${fromEnvOrPath('CHROMIUM_PATH', ['chromium', 'chromium-browser']).missing} (apt-get install chromium)`,
  redis: () => (TEST_REDIS_URL ? undefined : 'Redis: no REDIS_URL and nothing on 127.0.0.1:6379'),
};
type Prerequisite = keyof typeof MISSING;

// Printed once per test file, where jest shows it next to the file's results.
const warned = new Set<string>();
/** Why tests needing these cannot run here, or undefined when they can. */
function missing(needs: Prerequisite[]): string | undefined {
  const reasons = needs.map(need => MISSING[need]()).filter(Boolean);
  if (!reasons.length) {
    return undefined;
  }
  return reasons.join('; ');
}

function warnOnce(reason: string) {
  if (!warned.has(reason)) {
    warned.add(reason);
    console.warn(`\n*** SKIPPED (counted as skipped, not passed): ${reason} ***\n`);
  }
}

/**
 * For a prerequisite of one test file only (say, a non-loopback address): the suite runs, or is
 * skipped with `missingReason` printed and in its name.
 */
export function describeOrSkip(missingReason: string | undefined, name: string, body: () => void) {
  if (missingReason) {
    warnOnce(missingReason);
    describe.skip(`${name} [skipped: ${missingReason}]`, body);
  } else {
    describe(name, body);
  }
}

// Functions, not aliases of describe/it: this module is also loaded outside jest (benchmarks).
function describeIf(needs: Prerequisite[]) {
  return (name: string, body: () => void) => describeOrSkip(missing(needs), name, body);
}
function itIf(needs: Prerequisite[]) {
  return (name: string, body: jest.ProvidesCallback, timeout?: number) => {
    const reason = missing(needs);
    if (reason) {
      warnOnce(reason);
      it.skip(`${name} [skipped: ${reason}]`, body, timeout);
    } else {
      it(name, body, timeout);
    }
  };
}

export const describeIfFfmpeg = describeIf(['ffmpeg']);
export const describeIfChromium = describeIf(['chromium']);
export const describeIfRedis = describeIf(['redis']);
export const describeIfFfmpegAndChromium = describeIf(['ffmpeg', 'chromium']);
export const describeIfFfmpegAndRedis = describeIf(['ffmpeg', 'redis']);
export const itIfChromium = itIf(['chromium']);
export const itIfRedis = itIf(['redis']);

/**
 * The same suite twice: in-process (always) and on Redis (skipped, and counted, where there is no
 * Redis). The body gets the Redis URL, or undefined for the in-process run.
 */
export function describeInProcessAndRedis(
  name: string,
  body: (redisUrl: string | undefined) => void,
) {
  describe(`${name} (in-process)`, () => body(undefined));
  describeIfRedis(`${name} (Redis)`, () => body(TEST_REDIS_URL));
}
