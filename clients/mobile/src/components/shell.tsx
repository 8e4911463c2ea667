import { Link, Stack } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { Text, View } from 'react-native';
import { useSessionReady, useT, useViewer } from '../lib/app';
import { usePushNotifications } from '../lib/push';
import { NotificationBell, UnreadNotificationsWatcher } from './notifications';
import { Loading } from './states';
import { colors, common } from './theme';

function HeaderLinks() {
  const t = useT();
  const viewer = useViewer();
  return (
    <View style={[common.row, { gap: 16, paddingHorizontal: 12 }]}>
      <Link href="/search" accessibilityLabel={t('nav.search')} testID="nav-search">
        <Text style={common.text}>🔍</Text>
      </Link>
      {viewer ? <NotificationBell /> : null}
      {viewer ? (
        <Link
          href="/account"
          accessibilityLabel={`${t('nav.account')} (@${viewer.handle})`}
          testID="nav-account"
        >
          <Text style={common.text}>@{viewer.handle}</Text>
        </Link>
      ) : (
        <Link href="/sign-in" testID="nav-sign-in">
          <Text style={[common.text, { color: colors.accent }]}>{t('nav.signIn')}</Text>
        </Link>
      )}
    </View>
  );
}

/** The app's navigation: a stack with the search and account links in every header. */
export function Shell() {
  usePushNotifications();
  const t = useT();
  const ready = useSessionReady();
  const viewer = useViewer();
  if (!ready) {
    return <Loading />;
  }
  return (
    <>
      <StatusBar style="light" />
      {viewer ? <UnreadNotificationsWatcher key={viewer.id} viewerId={viewer.id} /> : null}
      <Stack
        screenOptions={{
          headerStyle: { backgroundColor: colors.background },
          headerTintColor: colors.text,
          contentStyle: { backgroundColor: colors.background },
          headerRight: () => <HeaderLinks />,
        }}
      >
        <Stack.Screen name="index" options={{ title: t('app.name') }} />
        <Stack.Screen name="search" options={{ title: t('nav.search') }} />
        <Stack.Screen name="shorts" options={{ title: t('nav.shorts') }} />
        <Stack.Screen name="sign-in" options={{ title: t('nav.signIn') }} />
        <Stack.Screen name="sign-up" options={{ title: t('nav.signUp') }} />
        <Stack.Screen name="account" options={{ title: t('nav.account') }} />
        <Stack.Screen name="watch/[id]" options={{ title: '' }} />
        <Stack.Screen name="live/[id]" options={{ title: '' }} />
        <Stack.Screen name="channel/[handle]" options={{ title: '' }} />
        <Stack.Screen name="browse" options={{ title: t('browse.title') }} />
        <Stack.Screen name="title/[id]" options={{ title: '' }} />
        <Stack.Screen name="notifications" options={{ title: t('notifications.title') }} />
        <Stack.Screen name="checkout/[result]" options={{ title: t('checkout.title') }} />
      </Stack>
    </>
  );
}
