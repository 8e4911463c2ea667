import { useQuery } from '@apollo/client/react';
import { NewestVideosDocument } from '@vp/client/src/gql/graphql';
import { Link, useLocalSearchParams } from 'expo-router';
import { useMemo, useRef, useState } from 'react';
import { FlatList, Image, StyleSheet, Text, View, type ViewToken } from 'react-native';
import { Player } from '../components/player';
import { Failed, Loading } from '../components/states';
import { common } from '../components/theme';
import { messageOf, useT } from '../lib/app';

/**
 * Shorts: a full-height vertical pager; the short on screen plays (looping, no controls) and the
 * others show their picture, so one player runs at a time. `?start=<id>` opens at that short.
 */
export default function ShortsScreen() {
  const t = useT();
  const { start } = useLocalSearchParams<{ start?: string }>();
  const [height, setHeight] = useState(0);
  const [current, setCurrent] = useState<string | null>(start ?? null);
  const { data, error, loading, refetch } = useQuery(NewestVideosDocument, {
    variables: { first: 24, kind: 'SHORT' },
  });
  const shorts = useMemo(() => data?.videos.edges.map(edge => edge.node) ?? [], [data]);
  const onViewable = useRef(({ viewableItems }: { viewableItems: ViewToken[] }) => {
    const first = viewableItems.find(item => item.isViewable);
    if (first) {
      setCurrent((first.item as { id: string }).id);
    }
  }).current;
  if (!data) {
    return loading ? (
      <Loading />
    ) : (
      <Failed message={messageOf(error, t)} retry={() => void refetch()} />
    );
  }
  if (!shorts.length) {
    return (
      <View style={[common.screen, common.content]}>
        <Text style={common.dim}>{t('shorts.empty')}</Text>
      </View>
    );
  }
  const initial = Math.max(
    0,
    shorts.findIndex(short => short.id === start),
  );
  const playing = current ?? shorts[0].id;
  return (
    <View
      style={common.screen}
      onLayout={event => setHeight(event.nativeEvent.layout.height)}
      testID="shorts"
    >
      {height ? (
        <FlatList
          data={shorts}
          keyExtractor={short => short.id}
          pagingEnabled
          showsVerticalScrollIndicator={false}
          initialScrollIndex={initial}
          getItemLayout={(_, index) => ({ length: height, offset: height * index, index })}
          onViewableItemsChanged={onViewable}
          viewabilityConfig={{ itemVisiblePercentThreshold: 60 }}
          renderItem={({ item }) => (
            <View style={{ height }} testID="short">
              {item.id === playing && item.playback ? (
                <Player uri={item.playback.hlsUrl} videoId={item.id} loop controls={false} fill />
              ) : item.thumbnailUrl ? (
                <Image
                  source={{ uri: item.thumbnailUrl }}
                  style={StyleSheet.absoluteFill}
                  resizeMode="cover"
                />
              ) : null}
              <View style={styles.caption} pointerEvents="box-none">
                <Text style={[common.text, styles.shadow]} numberOfLines={2}>
                  {item.title}
                </Text>
                <Link href={`/watch/${item.id}`} style={[common.dim, styles.shadow]}>
                  @{item.owner.handle}
                </Link>
              </View>
            </View>
          )}
        />
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  caption: { position: 'absolute', left: 16, right: 16, bottom: 24, gap: 4 },
  shadow: { textShadowColor: 'rgba(0,0,0,0.8)', textShadowRadius: 4 },
});
