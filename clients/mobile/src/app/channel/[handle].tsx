import { useQuery } from '@apollo/client/react';
import { ChannelPageDocument } from '@vp/client/src/gql/graphql';
import { formatCount } from '@vp/client/src/format';
import { Stack, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { FlatList, Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { LiveCard, ShortCard, VideoCard } from '../../components/cards';
import { Failed, Loading } from '../../components/states';
import { colors, common } from '../../components/theme';
import { FollowButton } from '../../components/watch-actions';
import { messageOf, useLocale, useT } from '../../lib/app';

const TABS = ['videos', 'shorts', 'live', 'playlists'] as const;
type Tab = (typeof TABS)[number];

/** /channel/<handle>: a creator's videos, shorts, live streams and playlists (the web's /@handle). */
export default function ChannelScreen() {
  const { handle = '' } = useLocalSearchParams<{ handle: string }>();
  const t = useT();
  const locale = useLocale();
  const [tab, setTab] = useState<Tab>('videos');
  const { data, error, loading, refetch } = useQuery(ChannelPageDocument, {
    variables: { handle: handle.replace(/^@/, '').toLowerCase() },
  });
  const user = data?.user;
  if (!user) {
    if (loading) {
      return <Loading />;
    }
    return (
      <Failed
        message={data ? t('channel.notFound', { handle }) : messageOf(error, t)}
        retry={data ? undefined : () => void refetch()}
      />
    );
  }
  const videos = user.videos.edges.map(edge => edge.node);
  const labels: Record<Tab, string> = {
    videos: t('channel.videos'),
    shorts: t('channel.shorts'),
    live: t('channel.live'),
    playlists: t('channel.playlists'),
  };
  const empty = <Text style={common.dim}>{t('channel.empty')}</Text>;
  let body;
  if (tab === 'live') {
    const streams = user.liveStreams.edges.map(edge => edge.node);
    body = streams.length
      ? streams.map(stream => <LiveCard key={stream.id} stream={stream} />)
      : empty;
  } else if (tab === 'playlists') {
    const playlists = user.playlists.edges.map(edge => edge.node);
    body = playlists.length
      ? playlists.map(playlist => (
          <View key={playlist.id} style={styles.playlist} testID="playlist">
            <Text style={common.text}>
              {playlist.isWatchLater ? t('playlist.watchLater') : playlist.title}
            </Text>
            <Text style={common.dim}>{t('playlist.items', { count: playlist.itemCount })}</Text>
          </View>
        ))
      : empty;
  } else if (tab === 'shorts') {
    const shorts = videos.filter(video => video.kind === 'SHORT');
    body = shorts.length ? (
      <FlatList
        horizontal
        data={shorts}
        keyExtractor={video => video.id}
        renderItem={({ item }) => <ShortCard video={item} />}
        ItemSeparatorComponent={() => <View style={{ width: 10 }} />}
        showsHorizontalScrollIndicator={false}
      />
    ) : (
      empty
    );
  } else {
    const list = videos.filter(video => video.kind === 'VIDEO');
    body = list.length ? list.map(video => <VideoCard key={video.id} video={video} />) : empty;
  }
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content} testID="channel">
      <Stack.Screen options={{ title: user.displayName }} />
      <View style={common.row}>
        <View style={{ flex: 1 }}>
          <Text style={common.title} accessibilityRole="header">
            {user.displayName}
          </Text>
          <Text style={common.dim}>
            @{user.handle} ·{' '}
            {t('channel.followers', { count: formatCount(user.followerCount, locale) })}
          </Text>
        </View>
        <FollowButton owner={user} />
      </View>
      {user.bio ? <Text style={common.text}>{user.bio}</Text> : null}
      <View style={styles.tabs} accessibilityRole="tablist">
        {TABS.map(key => (
          <Pressable
            key={key}
            testID={`tab-${key}`}
            accessibilityRole="tab"
            accessibilityState={{ selected: tab === key }}
            onPress={() => setTab(key)}
            style={[styles.tab, tab === key && styles.selected]}
          >
            <Text style={[common.text, tab === key ? null : { color: colors.dim }]}>
              {labels[key]}
            </Text>
          </Pressable>
        ))}
      </View>
      <View style={{ gap: 12 }}>{body}</View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  tabs: {
    flexDirection: 'row',
    gap: 4,
    borderBottomColor: colors.border,
    borderBottomWidth: 1,
  },
  tab: { paddingHorizontal: 10, paddingVertical: 8 },
  selected: { borderBottomColor: colors.text, borderBottomWidth: 2 },
  playlist: {
    padding: 12,
    backgroundColor: colors.surface,
    borderRadius: 10,
    gap: 2,
  },
});
