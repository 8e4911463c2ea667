import { useQuery } from '@apollo/client/react';
import { SearchDocument } from '@vp/client/src/gql/graphql';
import { useLocalSearchParams, useRouter } from 'expo-router';
import { useState } from 'react';
import { ScrollView, Text, TextInput, View } from 'react-native';
import { LiveCard, TitleCard, VideoCard } from '../components/cards';
import { Loading } from '../components/states';
import { colors, common } from '../components/theme';
import { messageOf, useT } from '../lib/app';

/** Search videos, live streams and titles; the words stay in the URL (?q=), so back returns to them. */
export default function SearchScreen() {
  const t = useT();
  const router = useRouter();
  const { q = '' } = useLocalSearchParams<{ q?: string }>();
  const [text, setText] = useState(q);
  const query = q.trim();
  const { data, error, loading } = useQuery(SearchDocument, {
    variables: { query },
    skip: !query,
  });
  const results = data?.search.edges.flatMap(edge => (edge.node ? [edge.node] : [])) ?? [];
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content}>
      <TextInput
        testID="search-input"
        style={common.input}
        value={text}
        onChangeText={setText}
        placeholder={t('search.placeholder')}
        placeholderTextColor={colors.dim}
        accessibilityLabel={t('search.label')}
        returnKeyType="search"
        autoFocus={!q}
        onSubmitEditing={() => router.setParams({ q: text.trim() })}
      />
      {!query ? (
        <Text style={common.dim}>{t('search.prompt')}</Text>
      ) : loading && !data ? (
        <Loading />
      ) : error && !data ? (
        <Text style={common.error}>{messageOf(error, t)}</Text>
      ) : (
        <View style={{ gap: 16 }}>
          <Text style={common.heading} accessibilityRole="header">
            {t('search.title', { q: query })}
          </Text>
          {results.length ? null : (
            <Text style={common.dim}>{t('search.empty', { q: query })}</Text>
          )}
          {results.map(result =>
            result.__typename === 'Video' ? (
              <VideoCard key={result.id} video={result} />
            ) : result.__typename === 'LiveStream' ? (
              <LiveCard key={result.id} stream={result} />
            ) : result.__typename === 'Title' ? (
              <TitleCard key={result.id} title={result} />
            ) : null,
          )}
        </View>
      )}
    </ScrollView>
  );
}
