import { useMutation, useQuery } from '@apollo/client/react';
import { formatAgo } from '@vp/client/src/format';
import {
  MarkNotificationsReadDocument,
  NotificationsDocument,
  type NotificationItemFragment,
} from '@vp/client/src/gql/graphql';
import { Redirect, useRouter } from 'expo-router';
import { FlatList, Pressable, RefreshControl, StyleSheet, Text, View } from 'react-native';
import { notificationHref, notificationLine } from '../components/notifications';
import { Failed, Loading } from '../components/states';
import { colors, common } from '../components/theme';
import { messageOf, useLocale, useT, useViewer } from '../lib/app';

/** /notifications: the latest, unread ones marked; tapping one reads it, "Mark all read" reads all. */
export default function NotificationsScreen() {
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const router = useRouter();
  const { data, error, loading, refetch } = useQuery(NotificationsDocument, {
    skip: !viewer,
    variables: { first: 50 },
    fetchPolicy: 'cache-and-network',
  });
  // the list and the bells' count come again from the platform once it has stored the change
  const [markRead] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: [NotificationsDocument],
    awaitRefetchQueries: true,
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
  const items = me.notifications.edges.map(edge => edge.node);
  const open = (item: NotificationItemFragment) => {
    if (!item.read) {
      void markRead({ variables: { ids: [item.id] } }).catch(() => undefined);
    }
    router.push(notificationHref(item));
  };
  return (
    <FlatList
      style={common.screen}
      contentContainerStyle={common.content}
      data={items}
      keyExtractor={item => item.id}
      refreshControl={
        <RefreshControl
          refreshing={loading}
          onRefresh={() => void refetch()}
          tintColor={colors.dim}
        />
      }
      ListHeaderComponent={
        me.unreadNotificationCount > 0 ? (
          <Pressable
            testID="mark-all-read"
            accessibilityRole="button"
            style={common.button}
            onPress={() => void markRead({ variables: {} }).catch(() => undefined)}
          >
            <Text style={common.buttonText}>{t('notifications.markRead')}</Text>
          </Pressable>
        ) : null
      }
      ListEmptyComponent={<Text style={common.dim}>{t('notifications.empty')}</Text>}
      renderItem={({ item }) => (
        <Pressable
          testID="notification"
          accessibilityRole="link"
          accessibilityState={{ selected: !item.read }}
          style={[styles.item, !item.read && styles.unread]}
          onPress={() => open(item)}
        >
          <View style={{ flex: 1, gap: 2 }}>
            <Text style={common.text}>{notificationLine(item, t, locale)}</Text>
            <Text style={common.dim}>{formatAgo(item.createdAt, locale)}</Text>
          </View>
          {item.read ? null : <View style={styles.dot} accessibilityLabel="unread" />}
        </Pressable>
      )}
    />
  );
}

const styles = StyleSheet.create({
  item: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: 10,
    padding: 12,
    borderRadius: 10,
    backgroundColor: colors.background,
  },
  unread: { backgroundColor: colors.surface },
  dot: { width: 8, height: 8, borderRadius: 4, backgroundColor: colors.accent },
});
