import { useQuery } from '@apollo/client/react';
import { RelatedVideosDocument, WatchPageDocument } from '@vp/client/src/gql/graphql';
import { formatAgo, formatCount } from '@vp/client/src/format';
import { Link, Stack, useLocalSearchParams } from 'expo-router';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { VideoCard } from '../../components/cards';
import { Comments } from '../../components/comments';
import { Player } from '../../components/player';
import { Failed, Loading } from '../../components/states';
import { common } from '../../components/theme';
import { FollowButton, LikeButton } from '../../components/watch-actions';
import { codeOf, messageOf, useT, useLocale, useViewer } from '../../lib/app';

/** Why the viewer cannot play (playback is null with a code), and the way on where there is one. */
function Gate({
  code,
  requiredPlan,
  audience,
}: {
  code?: string;
  requiredPlan: string;
  audience: string;
}) {
  const t = useT();
  const viewer = useViewer();
  let why: string;
  if (code === 'PAYMENT_REQUIRED') {
    why = t('watch.why.upgrade', { plan: t(`plan.${requiredPlan}` as 'plan.PREMIUM') });
  } else if (code === 'FORBIDDEN' && audience === 'ADULT') {
    why = t('watch.why.age');
  } else if (code === 'UNAUTHENTICATED' || (!viewer && code === 'FORBIDDEN')) {
    why = t('watch.why.signIn');
  } else {
    why = code === 'FORBIDDEN' ? t('watch.why.private') : t('watch.why.unavailable');
  }
  return (
    <View style={styles.gate} testID="gate">
      <Text style={[common.text, { textAlign: 'center' }]}>🔒 {why}</Text>
      {!viewer && code !== 'NOT_FOUND' ? (
        <Link href="/sign-in" style={[common.button, common.primary]}>
          <Text style={common.buttonText}>{t('nav.signIn')}</Text>
        </Link>
      ) : null}
    </View>
  );
}

/** "Up next": discovery's related videos, then the channel's own, then the newest. */
function UpNext({ videoId, handle }: { videoId: string; handle: string }) {
  const t = useT();
  const { data } = useQuery(RelatedVideosDocument, { variables: { id: videoId, handle } });
  const seen = new Set([videoId]);
  const upNext = [
    ...(data?.video?.related.edges ?? []),
    ...(data?.user?.videos.edges ?? []),
    ...(data?.videos.edges ?? []),
  ]
    .map(edge => edge.node)
    .filter(video => video.kind === 'VIDEO' && !seen.has(video.id) && Boolean(seen.add(video.id)))
    .slice(0, 12);
  if (!upNext.length) {
    return null;
  }
  return (
    <View style={{ gap: 12 }} testID="up-next">
      <Text style={common.heading} accessibilityRole="header">
        {t('video.related')}
      </Text>
      {upNext.map(video => (
        <VideoCard key={video.id} video={video} />
      ))}
    </View>
  );
}

export default function WatchScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const t = useT();
  const locale = useLocale();
  // errorPolicy all: a video the viewer may not play comes with playback null and the reason
  const { data, error, loading, refetch } = useQuery(WatchPageDocument, {
    variables: { id },
    errorPolicy: 'all',
  });
  const video = data?.video;
  if (!video) {
    if (loading) {
      return <Loading />;
    }
    return (
      <Failed
        message={data ? t('video.notFound') : messageOf(error, t)}
        retry={data ? undefined : () => void refetch()}
      />
    );
  }
  const resumeAt =
    video.viewerProgress && !video.viewerProgress.completed
      ? video.viewerProgress.positionSeconds
      : undefined;
  return (
    <ScrollView style={common.screen} testID="watch">
      <Stack.Screen options={{ title: video.title }} />
      {video.playback ? (
        <Player uri={video.playback.hlsUrl} videoId={video.id} startAt={resumeAt} />
      ) : video.status === 'READY' ? (
        <Gate code={codeOf(error)} requiredPlan={video.requiredPlan} audience={video.audience} />
      ) : (
        <View style={styles.gate}>
          <Text style={common.text}>
            {video.status === 'FAILED' ? t('video.failed') : t('video.processing')}
          </Text>
        </View>
      )}
      <View style={common.content}>
        <Text style={common.title} accessibilityRole="header">
          {video.title}
        </Text>
        <Text style={common.dim}>
          {t('video.views', { count: formatCount(video.viewCount, locale) })} ·{' '}
          {formatAgo(video.publishedAt ?? video.createdAt, locale)}
        </Text>
        <View style={common.row}>
          <LikeButton video={video} />
        </View>
        <View style={[common.row, styles.owner]}>
          <Link href={`/channel/${video.owner.handle}`} asChild>
            <Pressable style={{ flex: 1 }} accessibilityRole="link" testID="owner">
              <Text style={common.text}>{video.owner.displayName}</Text>
              <Text style={common.dim}>
                @{video.owner.handle} ·{' '}
                {t('channel.followers', { count: formatCount(video.owner.followerCount, locale) })}
              </Text>
            </Pressable>
          </Link>
          <FollowButton owner={video.owner} />
        </View>
        {video.description ? <Text style={common.text}>{video.description}</Text> : null}
        <Comments videoId={video.id} />
        <UpNext videoId={video.id} handle={video.owner.handle} />
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  gate: {
    width: '100%',
    aspectRatio: 16 / 9,
    backgroundColor: '#000',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 12,
    padding: 16,
  },
  owner: { paddingVertical: 4 },
});
