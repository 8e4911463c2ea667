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
  /** Called once the lowest rung is complete (its whole playlist and a master naming it exist). */
  onFirstRenditionReady?: () => void;
  /**
   * Progressive publishing: called (one call at a time, in order, awaited) whenever something
   * became playable: the lowest rung's first segments, each later batch of them, the lowest rung
   * complete, the higher rungs complete. A rejection stops the transcode.
   */
  onPublish?: (update: PublishUpdate) => Promise<void>;
  /** The lowest rung as an earlier try published it: kept, and its encode resumes after it. */
  resumeLowest?: PublishedRung;
  signal?: AbortSignal;
}

export interface PlayableRendition extends Rendition {
  /** False while the rung's playlist is still growing (`EXT-X-PLAYLIST-TYPE:EVENT`, no ENDLIST). */
  complete: boolean;
}

export interface PublishUpdate {
  /**
   * Relative paths in the output folder to store, in this order: segments first, then the
   * playlists that name them, the master last (a player must never see a name before its file).
   */
  files: string[];
  /** Every rung playable now (finished or growing), lowest first. */
  renditions: PlayableRendition[];
}

export interface PublishedSegment {
  /** Relative to the rung's folder, e.g. `seg_00003.ts`. */
  uri: string;
  duration: number;
  sizeBytes: number;
}

export interface PublishedRung {
  segments: PublishedSegment[];
  /** Its playlist had `#EXT-X-ENDLIST`. */
  complete: boolean;
  /** Its CODECS (from the first segment); required when complete, since nothing is encoded then. */
  codecs: string | null;
}
