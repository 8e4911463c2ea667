import type {
  LiveCardFragment,
  TitleCardFragment,
  VideoCardFragment,
} from '@vp/client/src/gql/graphql';
import { formatAgo, formatCount, formatDuration } from '@vp/client/src/format';
import { Link } from 'expo-router';
import type { ReactNode } from 'react';
import { Image, Pressable, StyleSheet, Text, View } from 'react-native';
import { useLocale, useT } from '../lib/app';
import { colors, common } from './theme';

function Thumbnail({
  uri,
  ratio,
  children,
}: {
  uri?: string | null;
  ratio: number;
  children?: ReactNode;
}) {
  return (
    <View style={[styles.thumb, { aspectRatio: ratio }]}>
      {uri ? <Image source={{ uri }} style={StyleSheet.absoluteFill} resizeMode="cover" /> : null}
      {children}
    </View>
  );
}

function PlanBadge({ plan }: { plan: string }) {
  const t = useT();
  if (plan === 'FREE') {
    return null;
  }
  return (
    <Text style={styles.badge}>
      {plan === 'PREMIUM' ? t('video.premium') : t('video.premiumPlus')}
    </Text>
  );
}

/** The channel's name in a card's line: opens the channel, not the card's video. */
function OwnerLink({ owner }: { owner: { handle: string; displayName: string } }) {
  return (
    <Link href={`/channel/${owner.handle}`} accessibilityRole="link" testID="card-owner">
      {owner.displayName}
    </Link>
  );
}

/** A video in a list: thumbnail with its duration, title, channel, views and age. */
export function VideoCard({ video }: { video: VideoCardFragment }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Link href={`/watch/${video.id}`} asChild>
      <Pressable style={styles.card} accessibilityRole="link" testID="video-card">
        <Thumbnail uri={video.thumbnailUrl} ratio={16 / 9}>
          {video.durationSeconds ? (
            <Text style={styles.duration}>{formatDuration(video.durationSeconds)}</Text>
          ) : null}
        </Thumbnail>
        <View style={styles.meta}>
          <Text style={common.text} numberOfLines={2}>
            {video.title}
          </Text>
          <Text style={common.dim} numberOfLines={1}>
            <OwnerLink owner={video.owner} /> ·{' '}
            {t('video.views', { count: formatCount(video.viewCount, locale) })} ·{' '}
            {formatAgo(video.publishedAt, locale)}
          </Text>
          <PlanBadge plan={video.requiredPlan} />
        </View>
      </Pressable>
    </Link>
  );
}

/** A live stream: LIVE and its viewers, or when it starts. */
export function LiveCard({ stream }: { stream: LiveCardFragment }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Link href={`/live/${stream.id}`} asChild>
      <Pressable style={styles.card} accessibilityRole="link" testID="live-card">
        <Thumbnail ratio={16 / 9}>
          {stream.status === 'LIVE' ? <Text style={styles.live}>{t('player.live')}</Text> : null}
        </Thumbnail>
        <View style={styles.meta}>
          <Text style={common.text} numberOfLines={2}>
            {stream.title}
          </Text>
          <Text style={common.dim}>
            <OwnerLink owner={stream.owner} /> ·{' '}
            {stream.status === 'LIVE'
              ? t('live.viewers', { count: formatCount(stream.viewerCount, locale) })
              : stream.scheduledAt
                ? t('live.scheduled', { when: formatAgo(stream.scheduledAt, locale) })
                : ''}
          </Text>
        </View>
      </Pressable>
    </Link>
  );
}

/** A short on the home shelf: tall, its title over the picture. */
export function ShortCard({ video }: { video: VideoCardFragment }) {
  return (
    <Link href={`/shorts?start=${video.id}`} asChild>
      <Pressable style={styles.short} accessibilityRole="link" testID="short-card">
        <Thumbnail uri={video.thumbnailUrl} ratio={9 / 16} />
        <Text style={[common.text, styles.shortTitle]} numberOfLines={2}>
          {video.title}
        </Text>
      </Pressable>
    </Link>
  );
}

/** A series or film of the catalog: its kind, year, plan and synopsis. */
export function TitleCard({
  title,
}: {
  title: Pick<
    TitleCardFragment,
    'id' | 'name' | 'synopsis' | 'releaseYear' | 'requiredPlan' | 'maturityRating'
  > & { titleKind?: TitleCardFragment['titleKind'] };
}) {
  const t = useT();
  return (
    <Link href={`/title/${title.id}`} asChild>
      <Pressable style={styles.title} accessibilityRole="link" testID="title-card">
        <Text style={common.text}>{title.name}</Text>
        <Text style={common.dim} numberOfLines={1}>
          {[
            title.titleKind
              ? title.titleKind === 'SERIES'
                ? t('title.series')
                : t('title.movie')
              : null,
            title.releaseYear,
            t('title.rating', { rating: title.maturityRating }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <PlanBadge plan={title.requiredPlan} />
        {title.synopsis ? (
          <Text style={common.dim} numberOfLines={2}>
            {title.synopsis}
          </Text>
        ) : null}
      </Pressable>
    </Link>
  );
}

const styles = StyleSheet.create({
  title: { gap: 4, padding: 12, backgroundColor: colors.surface, borderRadius: 10 },
  card: { gap: 8 },
  thumb: { width: '100%', backgroundColor: colors.surface, borderRadius: 10, overflow: 'hidden' },
  meta: { gap: 2, paddingHorizontal: 2 },
  duration: {
    position: 'absolute',
    right: 6,
    bottom: 6,
    color: '#fff',
    backgroundColor: 'rgba(0,0,0,0.75)',
    paddingHorizontal: 5,
    borderRadius: 4,
    fontSize: 12,
  },
  live: {
    position: 'absolute',
    left: 6,
    top: 6,
    color: '#fff',
    backgroundColor: colors.live,
    paddingHorizontal: 6,
    borderRadius: 4,
    fontSize: 12,
    fontWeight: '700',
  },
  badge: { color: colors.gold, fontSize: 12, fontWeight: '600' },
  short: { width: 140, gap: 6 },
  shortTitle: { fontSize: 13 },
});
