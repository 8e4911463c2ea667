import { join } from 'node:path';

/** The storage-style key prefix of a stream's live HLS (what a playback token admits). */
export const liveMediaPrefix = (streamId: string) => `live/${streamId}/`;

export const MASTER_PLAYLIST = 'master.m3u8';
export const SOURCE_RUNG = 'source';

/** `<hlsDir>/live/<streamId>`: served as keys `live/<streamId>/…`. */
export const liveStreamDir = (hlsDir: string, streamId: string) => join(hlsDir, 'live', streamId);

/** `<hlsDir>/recordings/<streamId>`: outside `live/`, so no playback token ever reaches it. */
export const recordingDir = (hlsDir: string, streamId: string) =>
  join(hlsDir, 'recordings', streamId);
