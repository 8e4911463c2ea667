import { useVideoPlayer, VideoView } from 'expo-video';
import { StyleSheet, View } from 'react-native';
import { useViewHeartbeats } from '../lib/heartbeats';

export interface PlayerProps {
  /** The signed HLS master playlist. */
  uri: string;
  /** Resume here (seconds); live streams start at the live edge. */
  startAt?: number;
  live?: boolean;
  /** A video's id, for recordView heartbeats (none for live streams). */
  videoId?: string;
  /** Play again from the start at the end (shorts). */
  loop?: boolean;
  /** The system's controls (default true; shorts are tapped instead). */
  controls?: boolean;
  /** Fill the frame (shorts), instead of a 16:9 box. */
  fill?: boolean;
}

/**
 * The phone's player: expo-video (AVPlayer on iOS, ExoPlayer on Android) plays the HLS ladder
 * adaptively, with the system's controls, full screen and picture in picture.
 * player.web.tsx is the web export's.
 */
export function Player({ uri, startAt, live, videoId, loop, controls = true, fill }: PlayerProps) {
  const player = useVideoPlayer({ uri, contentType: 'hls' }, created => {
    if (!live && startAt) {
      created.currentTime = startAt;
    }
    created.loop = Boolean(loop);
    created.timeUpdateEventInterval = 1;
    created.play();
  });
  useViewHeartbeats(videoId, () => ({ position: player.currentTime, playing: player.playing }));
  return (
    <View style={fill ? StyleSheet.absoluteFill : styles.frame}>
      <VideoView
        player={player}
        style={StyleSheet.absoluteFill}
        nativeControls={controls}
        allowsPictureInPicture={controls}
        contentFit={fill ? 'cover' : 'contain'}
        testID="player"
      />
    </View>
  );
}

const styles = StyleSheet.create({
  frame: { width: '100%', aspectRatio: 16 / 9, backgroundColor: '#000' },
});
