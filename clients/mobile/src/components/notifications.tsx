import { useApolloClient, useQuery } from '@apollo/client/react';
import { formatYen } from '@vp/client/src/format';
import {
  NotificationAddedDocument,
  NotificationsDocument,
  ViewerDocument,
  type NotificationItemFragment,
} from '@vp/client/src/gql/graphql';
import { useLastingSubscription } from '@vp/client/src/hooks';
import type { Locale, Translate } from '@vp/client/src/i18n';
import { Link } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';
import { useT, useViewer } from '../lib/app';
import { colors, common } from './theme';

/**
 * The one notificationAdded subscription of the app (the header's bell is drawn once per screen of
 * the stack, so it only reads): each new notification adds one to the viewer's unread count in
 * Apollo's cache, which every bell shows, and reloads the notifications list where one is open.
 * Rendered once, for the signed-in viewer (keyed by their id: another viewer, another socket).
 */
export function UnreadNotificationsWatcher({ viewerId }: { viewerId: string }) {
  const client = useApolloClient();
  // the count the bells read, from the platform once; the subscription keeps it current
  useQuery(ViewerDocument);
  useLastingSubscription(NotificationAddedDocument, {
    onData: ({ data }) => {
      if (!data.data?.notificationAdded) {
        return;
      }
      client.cache.modify({
        id: client.cache.identify({ __typename: 'User', id: viewerId }),
        fields: { unreadNotificationCount: (count: number) => count + 1 },
      });
      void client.refetchQueries({ include: [NotificationsDocument] }).catch(() => undefined);
    },
  });
  return null;
}

/** The header's bell: the unread count as a badge, opening the notifications list. */
export function NotificationBell() {
  const t = useT();
  const viewer = useViewer();
  const { data } = useQuery(ViewerDocument, { skip: !viewer, fetchPolicy: 'cache-first' });
  const unread = data?.me?.unreadNotificationCount ?? 0;
  return (
    <Link
      href="/notifications"
      accessibilityLabel={t('notifications.open', { count: unread })}
      testID="nav-notifications"
    >
      <View style={styles.bell}>
        <Text style={common.text}>🔔</Text>
        {unread > 0 ? (
          <Text style={styles.badge} testID="unread-badge">
            {unread > 99 ? '99+' : unread}
          </Text>
        ) : null}
      </View>
    </Link>
  );
}

/** What a notification says, in the viewer's words (the web's bell says the same). */
export function notificationLine(item: NotificationItemFragment, t: Translate, locale: Locale) {
  return t(`notifications.${item.kind}`, {
    actor: item.actor?.displayName ?? '—',
    what: item.video?.title ?? item.liveStream?.title ?? item.comment?.body ?? '',
    amount: item.amountJpy != null ? formatYen(item.amountJpy, locale) : '',
    reason: item.reason ?? '',
  });
}

/** Where a notification leads: its video, its stream, the person, else the account. */
export function notificationHref(item: NotificationItemFragment) {
  if (item.video) {
    return `/watch/${item.video.id}`;
  }
  if (item.liveStream) {
    return `/live/${item.liveStream.id}`;
  }
  if (item.actor) {
    return `/channel/${item.actor.handle}`;
  }
  return '/account';
}

const styles = StyleSheet.create({
  bell: { flexDirection: 'row', alignItems: 'flex-start' },
  badge: {
    color: '#fff',
    backgroundColor: colors.live,
    borderRadius: 8,
    minWidth: 16,
    paddingHorizontal: 4,
    fontSize: 11,
    fontWeight: '700',
    textAlign: 'center',
    marginLeft: -6,
    marginTop: -4,
    overflow: 'hidden',
  },
});
