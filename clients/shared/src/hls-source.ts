// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- hls.js types its light build nowhere: the declaration travels with this file into every app compiling it
/// <reference path="./hls-light.d.ts" />
/**
 * Attaches an HLS stream to a <video>: the browser's own HLS where it has one (Safari, recent
 * Chromium), else hls.js (loaded on demand, the light build). Either way the caller gets the
 * ladder's levels and a way to pick one (-1 = automatic). Shared by the web app (its player and
 * shorts feed) and the studio (the live preview, the thumbnail picker's storyboard).
 */
export interface Level {
  index: number;
  height: number;
  bandwidth: number;
}

export interface AttachedSource {
  engine: 'native' | 'hls.js';
  /** Taken over from an early start (`adopt`, `adoptHls`) rather than started here. */
  adopted: boolean;
  levels: Level[];
  setLevel(index: number): void;
  destroy(): void;
}

export interface AttachOptions {
  live?: boolean;
  startAt?: number;
  /**
   * A VOD still being processed (Playback.complete false): its rung is an EVENT playlist, which a
   * player would otherwise start at its live edge; it starts from the beginning (or startAt).
   */
  growing?: boolean;
  /** Force hls.js even where the browser plays HLS itself (?player=hlsjs). */
  preferHlsJs?: boolean;
  onLevels?: (levels: Level[]) => void;
  onFatalError?: (detail: { status?: number }) => void;
  /**
   * The browser's own HLS was started on this element before the app hydrated (the web app's
   * early start script): take it over as it is instead of loading the source again.
   */
  adopt?: boolean;
  /**
   * An hls.js player the early start script already created on this element (resolves to null
   * when it did not): taken over as it is instead of loading the source again.
   */
  adoptHls?: Promise<HlsInstance | null>;
}

type HlsModule = typeof import('hls.js/light');
type HlsInstance = InstanceType<HlsModule['default']>;

/**
 * Where a page's HTML already loads hls.js's standalone build (the web app's /watch, before its
 * app code), the promise of its class sits here; loadHlsJs takes it instead of the bundled chunk.
 */
export const EARLY_HLS_JS_KEY = '__vpHlsJs';

let hlsJs: Promise<HlsModule> | undefined;
/** hls.js's chunk, fetched once; called early (while the app hydrates) where it will be needed. */
export function loadHlsJs() {
  const early =
    typeof window !== 'undefined'
      ? (window as unknown as Record<string, Promise<HlsModule['default']> | undefined>)[
          EARLY_HLS_JS_KEY
        ]
      : undefined;
  // a failed download is tried again by the next caller
  hlsJs ??= (
    early ? early.then(Hls => ({ default: Hls }) as HlsModule) : import('hls.js/light')
  ).catch(error => {
    hlsJs = undefined;
    throw error;
  });
  return hlsJs;
}

/**
 * hls.js's settings for a stream. Plain data, so that the web app's early start script (which
 * creates the player before the app's code has loaded) is given the very same ones.
 */
export function hlsConfig(options: Pick<AttachOptions, 'live' | 'startAt' | 'growing'> = {}) {
  return {
    startPosition: options.startAt ?? (options.growing ? 0 : -1),
    capLevelToPlayerSize: true,
    ...(options.live
      ? {
          // stay within a few seconds of the live edge: start 2 segments back, catch up faster when behind
          liveSyncDuration: 3,
          liveMaxLatencyDuration: 6,
          maxLiveSyncPlaybackRate: 1.5,
          backBufferLength: 30,
        }
      : {
          backBufferLength: 60,
          // the lowest rung first (its first segment is the smallest, and the one /watch
          // preloads); the bandwidth estimate then moves up from there
          startLevel: 0,
        }),
  };
}

/** Whether attachHls would play `options` through hls.js in this browser (no HLS of its own, or live). */
export function needsHlsJs(
  video: HTMLVideoElement,
  options: Pick<AttachOptions, 'live' | 'preferHlsJs'> = {},
) {
  const native = video.canPlayType('application/vnd.apple.mpegurl') !== '';
  // live: hls.js wherever Media Source Extensions exist, for its tighter hold on the live edge
  const mse = typeof window !== 'undefined' && 'MediaSource' in window;
  return !native || Boolean(options.preferHlsJs) || Boolean(options.live && mse);
}

interface Variant {
  uri: string;
  height: number;
  bandwidth: number;
}

/** The variants of a master playlist, highest first. */
export function parseMaster(text: string, base: string): Variant[] {
  const lines = text.split(/\r?\n/);
  const variants: Variant[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.startsWith('#EXT-X-STREAM-INF:')) {
      continue;
    }
    const bandwidth = Number(/BANDWIDTH=(\d+)/.exec(line)?.[1] ?? 0);
    const height = Number(/RESOLUTION=\d+x(\d+)/.exec(line)?.[1] ?? 0);
    const uri = lines.slice(i + 1).find(next => next.trim() && !next.startsWith('#'));
    if (uri) {
      variants.push({ uri: new URL(uri.trim(), base).href, height, bandwidth });
    }
  }
  return variants.sort((a, b) => b.height - a.height || b.bandwidth - a.bandwidth);
}

export async function attachHls(
  video: HTMLVideoElement,
  src: string,
  options: AttachOptions = {},
): Promise<AttachedSource> {
  if (options.adopt || !needsHlsJs(video, options)) {
    return attachNative(video, src, options);
  }
  const early = await options.adoptHls?.catch(() => null);
  if (early) {
    return wrapHls(early, options, true);
  }
  const { default: Hls } = await loadHlsJs();
  if (!Hls.isSupported()) {
    return attachNative(video, src, options);
  }
  const hls = new Hls(hlsConfig(options));
  const attached = wrapHls(hls, options, false);
  hls.loadSource(src);
  hls.attachMedia(video);
  return attached;
}

/** The ladder, error recovery and level choice of an hls.js player, new or taken over. */
function wrapHls(hls: HlsInstance, options: AttachOptions, adopted: boolean): AttachedSource {
  const Hls = hls.constructor as HlsModule['default'];
  let levels: Level[] = [];
  const found = (parsed: { height: number; bitrate: number }[]) => {
    levels = parsed
      .map((level, index) => ({ index, height: level.height, bandwidth: level.bitrate }))
      .sort((a, b) => b.height - a.height);
    options.onLevels?.(levels);
  };
  hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => found(data.levels));
  // taken over after its manifest was read
  if (hls.levels?.length) {
    found(hls.levels);
  }
  let recoveries = 0;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) {
      return;
    }
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && recoveries++ < 3) {
      hls.recoverMediaError();
      return;
    }
    options.onFatalError?.({ status: data.response?.code });
  });
  return {
    engine: 'hls.js',
    adopted,
    get levels() {
      return levels;
    },
    setLevel(index) {
      hls.currentLevel = index;
    },
    destroy() {
      hls.destroy();
    },
  };
}

function attachNative(
  video: HTMLVideoElement,
  src: string,
  options: AttachOptions,
): AttachedSource {
  let variants: Variant[] = [];
  let destroyed = false;
  const startAt = options.adopt
    ? undefined
    : (options.startAt ?? (options.growing ? 0 : undefined));
  if (startAt !== undefined && (startAt > 0 || options.growing)) {
    video.addEventListener('loadedmetadata', () => (video.currentTime = startAt), { once: true });
  }
  const onError = () => {
    if (!destroyed && video.error) {
      options.onFatalError?.({});
    }
  };
  video.addEventListener('error', onError);
  if (!options.adopt) {
    video.src = src;
  } else if (video.error) {
    queueMicrotask(onError);
  }
  // the ladder, for the quality menu: the master playlist lists it (CORS is open on media)
  void fetch(src)
    .then(response => (response.ok ? response.text() : ''))
    .then(text => {
      if (destroyed || !text) {
        return;
      }
      variants = parseMaster(text, src);
      options.onLevels?.(
        variants.map((variant, index) => ({
          index,
          height: variant.height,
          bandwidth: variant.bandwidth,
        })),
      );
    })
    .catch(() => undefined);
  const switchTo = (url: string) => {
    const time = video.currentTime;
    const playing = !video.paused;
    video.src = url;
    if (!options.live) {
      video.addEventListener('loadedmetadata', () => (video.currentTime = time), { once: true });
    }
    if (playing) {
      void video.play().catch(() => undefined);
    }
  };
  return {
    engine: 'native',
    adopted: Boolean(options.adopt),
    get levels() {
      return variants.map((variant, index) => ({
        index,
        height: variant.height,
        bandwidth: variant.bandwidth,
      }));
    },
    setLevel(index) {
      switchTo(index < 0 ? src : (variants[index]?.uri ?? src));
    },
    destroy() {
      destroyed = true;
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    },
  };
}

export interface StoryboardCue {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The cues of a storyboard WebVTT: `00:00:05.000 --> 00:00:10.000` then `sprite.jpg#xywh=x,y,w,h`. */
export function parseStoryboard(text: string, base: string): StoryboardCue[] {
  const seconds = (stamp: string) =>
    stamp
      .trim()
      .split(':')
      .reduce((total, part) => total * 60 + Number(part), 0);
  const cues: StoryboardCue[] = [];
  const blocks = text.split(/\r?\n\r?\n/);
  for (const block of blocks) {
    const lines = block.split(/\r?\n/).filter(Boolean);
    const timing = lines.findIndex(line => line.includes('-->'));
    if (timing < 0 || !lines[timing + 1]) {
      continue;
    }
    const [from, to] = lines[timing].split('-->');
    const target = lines[timing + 1].trim();
    const [path, fragment] = target.split('#xywh=');
    const [x, y, w, h] = (fragment ?? '0,0,0,0').split(',').map(Number);
    cues.push({
      start: seconds(from),
      end: seconds(to.split(' ')[1] ? to.trim().split(' ')[0] : to),
      url: new URL(path, base).href,
      x,
      y,
      w,
      h,
    });
  }
  return cues;
}
