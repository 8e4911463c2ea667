/** One transcoded rung of the live ladder, under the source passthrough. */
export interface LiveRung {
  height: number;
  videoKbps: number;
}

/** One 360p rung: what two shared cores keep up with beside the passthrough. */
export const DEFAULT_LADDER: LiveRung[] = [{ height: 360, videoKbps: 800 }];

export const AUDIO_KBPS = 96;

/**
 * LIVE_LADDER: `360:800,240:400` (height:video kbps, comma-separated); a bare height takes a
 * bitrate from its size; `none` (or empty) keeps the source passthrough alone.
 */
export function parseLadder(value: string | undefined): LiveRung[] {
  const text = (value ?? '').trim().toLowerCase();
  if (!text || text === 'none') {
    return [];
  }
  const rungs = text.split(',').map(part => {
    const match = /^(\d{3,4})(?::(\d{2,5}))?$/.exec(part.trim());
    const height = Number(match?.[1]);
    if (!match || height < 144 || height > 2160 || height % 2 !== 0) {
      throw new Error(`LIVE_LADDER: "${part}" is not height[:kbps] (an even height 144 to 2160)`);
    }
    const videoKbps = match[2] ? Number(match[2]) : Math.round((height * height * 6) / 1000);
    if (videoKbps < 100 || videoKbps > 20_000) {
      throw new Error(`LIVE_LADDER: the bitrate of "${part}" must be 100 to 20000 kbps`);
    }
    return { height, videoKbps };
  });
  if (new Set(rungs.map(rung => rung.height)).size !== rungs.length) {
    throw new Error('LIVE_LADDER: two rungs have the same height');
  }
  return rungs.sort((a, b) => b.height - a.height);
}

export const rungName = (rung: LiveRung) => `${rung.height}p`;
