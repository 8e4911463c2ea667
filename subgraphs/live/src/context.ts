import { type BaseContext } from '@vp/kit';

/** What the live subgraph needs beyond every subgraph's config (main.ts reads it from the environment). */
export interface LiveConfig {
  /** Where OBS or ffmpeg publishes (the stream key is appended): LIVE_RTMP_URL. */
  rtmpUrl?: string;
}

export const DEFAULT_RTMP_URL = 'rtmp://localhost:1935/live';

export interface LiveContext extends BaseContext {
  rtmpUrl: string;
}

export const createLiveContext = (base: BaseContext, config: LiveConfig): LiveContext => ({
  ...base,
  rtmpUrl: config.rtmpUrl ?? DEFAULT_RTMP_URL,
});
