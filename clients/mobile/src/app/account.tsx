import { useQuery } from '@apollo/client/react';
import { AccountPageDocument } from '@vp/client/src/gql/graphql';
import { Redirect, useRouter } from 'expo-router';
import { Pressable, ScrollView, Text, View } from 'react-native';
import {
  ClearHistoryButton,
  NotificationSettingsSection,
  PlanSection,
} from '../components/account-sections';
import { VideoCard } from '../components/cards';
import { Failed, Loading } from '../components/states';
import { common } from '../components/theme';
import { messageOf, useSessionHolder, useT, useViewer } from '../lib/app';

/** Who is signed in, their plan and its upgrade, watch history, notification settings, signing out. */
export default function AccountScreen() {
  const t = useT();
  const viewer = useViewer();
  const holder = useSessionHolder();
  const router = useRouter();
  const { data, error, loading, refetch } = useQuery(AccountPageDocument, {
    skip: !viewer,
    fetchPolicy: 'network-only',
  });
  if (!viewer) {
    return <Redirect href="/sign-in" />;
  }
  const me = data?.me;
  if (!me) {
    return loading ? (
      <Loading />
    ) : (
      <Failed message={messageOf(error, t)} retry={() => void refetch()} />
    );
  }
  const history = me.watchHistory?.edges.map(edge => edge.node) ?? [];
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content}>
      <Text style={common.title} accessibilityRole="header">
        {me.displayName}
      </Text>
      <Text style={common.dim}>
        @{me.handle} · {me.email}
      </Text>
      <Pressable
        testID="sign-out"
        accessibilityRole="button"
        style={common.button}
        onPress={() => void holder.signOut().then(() => router.replace('/'))}
      >
        <Text style={common.buttonText}>{t('nav.signOut')}</Text>
      </Pressable>
      <PlanSection me={me} plans={data.plans} />
      <View style={{ gap: 12 }}>
        <View style={[common.row, { justifyContent: 'space-between' }]}>
          <Text style={common.heading} accessibilityRole="header">
            {t('account.history')}
          </Text>
          {history.length ? <ClearHistoryButton /> : null}
        </View>
        {history.length ? (
          history.map(entry => <VideoCard key={entry.video.id} video={entry.video} />)
        ) : (
          <Text style={common.dim}>{t('account.historyEmpty')}</Text>
        )}
      </View>
      <NotificationSettingsSection settings={me.notificationSettings} />
    </ScrollView>
  );
}
