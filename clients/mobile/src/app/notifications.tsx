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
  const [markRead] = useMutation(MarkNotificationsReadDocument);
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
  // what the platform now stores, written to Apollo's cache at once (the list and every bell's
  // count), rather than read again: a reload in flight from before could answer the old count
  const mark = (ids?: string[]) =>
    void markRead({
      variables: ids ? { ids } : {},
      update: cache => {
        const read = items.filter(item => !item.read && (!ids || ids.includes(item.id)));
        for (const item of read) {
          cache.modify({ id: cache.identify(item), fields: { read: () => true } });
        }
        cache.modify({
          id: cache.identify({ __typename: 'User', id: me.id }),
          fields: {
            unreadNotificationCount: (count: number) =>
              ids ? Math.max(0, count - read.length) : 0,
          },
        });
      },
    }).catch(() => undefined);
  const open = (item: NotificationItemFragment) => {
    if (!item.read) {
      mark([item.id]);
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
            onPress={() => mark()}
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
