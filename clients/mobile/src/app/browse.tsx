import { useQuery } from '@apollo/client/react';
import { BrowseDocument, type TitleKind } from '@vp/client/src/gql/graphql';
import { useState } from 'react';
import { Pressable, ScrollView, Text, View } from 'react-native';
import { TitleCard } from '../components/cards';
import { Failed, Loading } from '../components/states';
import { colors, common } from '../components/theme';
import { messageOf, useT } from '../lib/app';

/** /browse: the catalog's series and films (those playing now or soon in the viewer's territory). */
export default function BrowseScreen() {
  const t = useT();
  const [kind, setKind] = useState<TitleKind | null>(null);
  const { data, error, loading, refetch } = useQuery(BrowseDocument, { variables: { kind } });
  const filters = [
    [null, t('browse.all')],
    ['SERIES', t('browse.series')],
    ['FILM', t('browse.movies')],
  ] as const;
  const titles = data?.titles.edges.map(edge => edge.node) ?? [];
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content}>
      <View style={common.row}>
        {filters.map(([value, label]) => (
          <Pressable
            key={label}
            accessibilityRole="button"
            accessibilityState={{ selected: kind === value }}
            style={[common.button, kind === value && common.primary]}
            onPress={() => setKind(value)}
          >
            <Text style={common.buttonText}>{label}</Text>
          </Pressable>
        ))}
      </View>
      {!data ? (
        loading ? (
          <Loading />
        ) : (
          <Failed message={messageOf(error, t)} retry={() => void refetch()} />
        )
      ) : titles.length ? (
        titles.map(title => <TitleCard key={title.id} title={title} />)
      ) : (
        <Text style={{ color: colors.dim }}>{t('browse.empty')}</Text>
      )}
    </ScrollView>
  );
}
