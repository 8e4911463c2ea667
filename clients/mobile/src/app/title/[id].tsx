import { useQuery } from '@apollo/client/react';
import { availabilityInWords } from '@vp/client/src/availability';
import { formatDuration } from '@vp/client/src/format';
import { TitlePageDocument } from '@vp/client/src/gql/graphql';
import { Stack, useLocalSearchParams } from 'expo-router';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { Failed, Loading } from '../../components/states';
import { colors, common } from '../../components/theme';
import { messageOf, useLocale, useT } from '../../lib/app';

/** /title/<id>: a series or film, its seasons and episodes and, in words, where and when it plays. */
export default function TitleScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const t = useT();
  const locale = useLocale();
  const { data, error, loading, refetch } = useQuery(TitlePageDocument, { variables: { id } });
  const title = data?.title;
  if (!title) {
    if (loading) {
      return <Loading />;
    }
    return (
      <Failed
        message={data ? t('title.notFound') : messageOf(error, t)}
        retry={data ? undefined : () => void refetch()}
      />
    );
  }
  const availability = availabilityInWords(
    title.availability,
    title.maturityRating,
    data.viewerTerritory,
    locale,
    t,
  );
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content} testID="title">
      <Stack.Screen options={{ title: title.name }} />
      <Text style={common.dim}>
        {[
          title.titleKind === 'SERIES' ? t('title.series') : t('title.movie'),
          t('title.rating', { rating: title.maturityRating }),
          title.requiredPlan === 'FREE' ? null : t(`plan.${title.requiredPlan}`),
          title.releaseYear,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Text style={common.title} accessibilityRole="header">
        {title.name}
      </Text>
      {title.synopsis ? <Text style={common.text}>{title.synopsis}</Text> : null}
      <Text
        style={[styles.notice, title.availability.playable && styles.playable]}
        testID="availability"
      >
        {availability}
      </Text>
      {title.seasons.edges.map(({ node: season }) => (
        <View key={season.id} style={{ gap: 8 }}>
          <Text style={common.heading} accessibilityRole="header">
            {season.name}
          </Text>
          <Text style={common.dim}>
            {t('title.episodes', { count: season.episodes.edges.length })}
          </Text>
          {season.episodes.edges.map(({ node: episode }) => (
            <View key={episode.id} style={[common.row, styles.episode]} testID="episode">
              <Text style={[common.dim, { width: 28 }]}>{episode.number}</Text>
              <Text style={[common.text, { flex: 1 }]}>{episode.name}</Text>
              <Text style={common.dim}>{formatDuration(episode.durationSeconds)}</Text>
            </View>
          ))}
        </View>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  notice: {
    color: colors.text,
    backgroundColor: colors.surface,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 8,
    padding: 12,
    fontSize: 14,
  },
  playable: { borderColor: colors.accent },
  episode: { paddingVertical: 6, borderBottomColor: colors.border, borderBottomWidth: 1 },
});
