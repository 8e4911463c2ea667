/**
 * What the transcoding module offers the rest of the videos subgraph. Files in, files out: the
 * caller downloads the source from storage and uploads the output folder.
 */

export interface ProbeResult {
  formatName: string;
  durationSeconds: number;
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string | null;
  frameRate: number;
  /** Portrait (height > width) and ≤ 60 s: becomes a SHORT. */
  isShortCandidate: boolean;
}

/** A probe refusal: the reason is safe to show the uploader. */
export class UnacceptableMediaError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface Rendition {
  height: number;
  width: number;
  /** Peak and average bits per second, as in the master playlist. */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  frameRate: number;
  /** Relative to the output folder, e.g. `720p/index.m3u8`. */
  playlist: string;
}

export interface TranscodeResult {
  durationSeconds: number;
  renditions: Rendition[];
  /** Relative paths inside the output folder. */
  masterPlaylist: string;
  poster: string;
  storyboard: { image: string; vtt: string };
}

export interface TranscodeOptions {
  input: string;
  outputDir: string;
  probe: ProbeResult;
  /** 0–100, at most a few times a second. */
  onProgress?: (percent: number) => void;
  /** Called once the lowest rung is playable (its playlist and a master naming it exist). */
  onFirstRenditionReady?: () => void;
  signal?: AbortSignal;
}
