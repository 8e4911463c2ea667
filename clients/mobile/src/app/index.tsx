import { useQuery } from '@apollo/client/react';
import { HomeDocument } from '@vp/client/src/gql/graphql';
import { Link } from 'expo-router';
import { FlatList, RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { LiveCard, ShortCard, VideoCard } from '../components/cards';
import { Failed, Loading } from '../components/states';
import { colors, common } from '../components/theme';
import { messageOf, useT } from '../lib/app';

/** Home: live now, the home feed (personal when signed in; the newest videos when it is empty), a shelf of shorts. */
export default function HomeScreen() {
  const t = useT();
  const { data, error, loading, refetch } = useQuery(HomeDocument, {
    fetchPolicy: 'cache-and-network',
  });
  if (!data) {
    return loading ? (
      <Loading />
    ) : (
      <Failed message={messageOf(error, t)} retry={() => void refetch()} />
    );
  }
  const streams = data.liveStreams.edges.map(edge => edge.node);
  const live = streams.filter(stream => stream.status === 'LIVE');
  const upcoming = streams.filter(stream => stream.status === 'SCHEDULED');
  const feed = data.homeFeed.edges.flatMap(edge =>
    edge.node.__typename === 'Video' ? [edge.node] : [],
  );
  const videos = feed.length ? feed : data.videos.edges.map(edge => edge.node);
  const shorts = data.shorts.edges.map(edge => edge.node);
  return (
    <ScrollView
      style={common.screen}
      contentContainerStyle={common.content}
      refreshControl={
        <RefreshControl
          refreshing={loading}
          onRefresh={() => void refetch()}
          tintColor={colors.dim}
        />
      }
    >
      {live.length ? (
        <View style={styles.section}>
          <Text style={common.heading} accessibilityRole="header">
            <Text style={{ color: colors.live }}>● </Text>
            {t('home.liveNow')}
          </Text>
          {live.map(stream => (
            <LiveCard key={stream.id} stream={stream} />
          ))}
        </View>
      ) : null}
      {shorts.length ? (
        <View style={styles.section}>
          <Text style={common.heading} accessibilityRole="header">
            {t('home.shorts')}
          </Text>
          <FlatList
            horizontal
            data={shorts}
            keyExtractor={video => video.id}
            renderItem={({ item }) => <ShortCard video={item} />}
            ItemSeparatorComponent={() => <View style={{ width: 10 }} />}
            showsHorizontalScrollIndicator={false}
          />
        </View>
      ) : null}
      <Link href="/browse" style={[common.button, styles.browse]} testID="browse">
        <Text style={common.buttonText}>🎬 {t('browse.title')}</Text>
      </Link>
      <View style={styles.section}>
        <Text style={common.heading} accessibilityRole="header">
          {feed.length ? t('home.forYou') : t('home.latest')}
        </Text>
        {videos.length ? (
          videos.map(video => <VideoCard key={video.id} video={video} />)
        ) : (
          <Text style={common.dim}>{t('home.empty')}</Text>
        )}
      </View>
      {upcoming.length ? (
        <View style={styles.section}>
          <Text style={common.heading} accessibilityRole="header">
            {t('home.upcoming')}
          </Text>
          {upcoming.map(stream => (
            <LiveCard key={stream.id} stream={stream} />
          ))}
        </View>
      ) : null}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  section: { gap: 12 },
  browse: { alignSelf: 'stretch' },
});
