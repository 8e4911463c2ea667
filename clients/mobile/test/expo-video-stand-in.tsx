// expo-video in the screen tests: jest has no AVPlayer or ExoPlayer (jest-expo mocks the native
// module's functions, not its player class), so this stand-in keeps what the screen asked of the
// player — its source, the start position, play() — for the tests to check. Real playback is the
// Chromium smoke test's (packages/launcher/src/e2e/mobile-web.e2e.test.ts).
import { useState } from 'react';
import { View, type ViewProps } from 'react-native';

type Source = string | { uri: string; contentType?: string } | null;

export class StandInPlayer {
  source: { uri: string; contentType?: string } | null;
  currentTime = 0;
  playing = false;
  timeUpdateEventInterval = 0;
  constructor(source: Source) {
    this.source = typeof source === 'string' ? { uri: source } : source;
  }
  play() {
    this.playing = true;
  }
  pause() {
    this.playing = false;
  }
  release() {}
}

export function useVideoPlayer(source: Source, setup?: (player: StandInPlayer) => void) {
  const [player] = useState(() => {
    const created = new StandInPlayer(source);
    setup?.(created);
    return created;
  });
  return player;
}

export function VideoView({ player, ...props }: ViewProps & { player: StandInPlayer }) {
  return <View {...props} {...({ player } as object)} />;
}
