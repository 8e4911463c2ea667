import { attachHls, type AttachedSource, type Level } from '@vp/client/src/hls-source';
import { useEffect, useRef, useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useT } from '../lib/app';
import { useViewHeartbeats } from '../lib/heartbeats';
import type { PlayerProps } from './player';
import { colors, common } from './theme';

/**
 * The web export's player: a <video> with the browser's own HLS where it has one, else hls.js —
 * the web app's attachHls from clients/shared (expo-video's web player hands the playlist to the
 * <video> as it is, which Chromium cannot play). Quality: Auto or a rung of the ladder.
 */
export function Player({ uri, startAt, live, videoId, loop, controls = true, fill }: PlayerProps) {
  const t = useT();
  const video = useRef<HTMLVideoElement | null>(null);
  const attached = useRef<AttachedSource | null>(null);
  const [levels, setLevels] = useState<Level[]>([]);
  const [level, setLevel] = useState(-1);
  useEffect(() => {
    const element = video.current;
    if (!element) {
      return;
    }
    let cancelled = false;
    void attachHls(element, uri, { live, startAt, onLevels: setLevels }).then(source => {
      if (cancelled) {
        source.destroy();
        return;
      }
      attached.current = source;
      // autoplay with sound may be refused until the viewer touches the page: then muted
      void element.play().catch(() => {
        element.muted = true;
        return element.play().catch(() => undefined);
      });
    });
    return () => {
      cancelled = true;
      attached.current?.destroy();
      attached.current = null;
    };
  }, [uri, live, startAt]);
  useViewHeartbeats(videoId, () => ({
    position: video.current?.currentTime ?? 0,
    playing: Boolean(video.current && !video.current.paused),
  }));
  const choose = (index: number) => {
    setLevel(index);
    attached.current?.setLevel(index);
  };
  return (
    <View style={fill ? StyleSheet.absoluteFill : undefined}>
      <View style={fill ? StyleSheet.absoluteFill : styles.frame}>
        <video
          ref={video}
          controls={controls}
          loop={loop}
          playsInline
          data-testid="player"
          style={{
            width: '100%',
            height: '100%',
            backgroundColor: '#000',
            objectFit: fill ? 'cover' : 'contain',
          }}
        />
      </View>
      {levels.length > 1 && !live && controls ? (
        <View style={[common.row, styles.levels]} accessibilityLabel={t('player.quality')}>
          {[{ index: -1, height: 0 }, ...levels].map(option => (
            <Pressable
              key={option.index}
              onPress={() => choose(option.index)}
              accessibilityRole="button"
              accessibilityState={{ selected: level === option.index }}
              style={[styles.level, level === option.index && styles.selected]}
            >
              <Text style={common.dim}>
                {option.index < 0 ? t('player.auto') : `${option.height}p`}
              </Text>
            </Pressable>
          ))}
        </View>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  frame: { width: '100%', aspectRatio: 16 / 9, backgroundColor: '#000' },
  levels: { paddingHorizontal: 16, paddingTop: 8, flexWrap: 'wrap' },
  level: {
    paddingHorizontal: 10,
    paddingVertical: 4,
    borderRadius: 12,
    borderWidth: 1,
    borderColor: colors.border,
  },
  selected: { borderColor: colors.accent },
});
