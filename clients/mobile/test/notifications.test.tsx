import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import NotificationsScreen from '../src/app/notifications';
import { NotificationBell, UnreadNotificationsWatcher } from '../src/components/notifications';
import { useViewer } from '../src/lib/app';
import { ask, freshAccount, navigation, platform, renderScreen, signedInStore } from './render';

/** What the shell draws for a signed-in viewer (the watcher once, a bell in the header) and the list. */
function ShellWithNotifications() {
  const viewer = useViewer();
  return (
    <>
      {viewer ? <UnreadNotificationsWatcher key={viewer.id} viewerId={viewer.id} /> : null}
      {viewer ? <NotificationBell /> : null}
      <NotificationsScreen />
    </>
  );
}

describe('Notifications', () => {
  it('shows a new follower live (notificationAdded) with the unread badge, opens it, and marks all read', async () => {
    // what the app sends over its socket: notifications are not replayed, so the follows below
    // wait for the subscription to be asked for (a notification is stored and announced through
    // the outbox and a job, well after the gateway has taken the subscription up)
    const sent = jest.spyOn(WebSocket.prototype, 'send');
    const me = await freshAccount('listener');
    renderScreen(ShellWithNotifications, {}, me.store);
    expect(await screen.findByText('You are all caught up.')).toBeTruthy();
    expect(screen.queryByTestId('unread-badge')).toBeNull();
    await waitFor(() =>
      expect(
        sent.mock.calls.some(([data]) => /"subscribe"[\s\S]*notificationAdded/.test(String(data))),
      ).toBe(true),
    );
    sent.mockRestore();

    const creator = await signedInStore(
      `${platform.creator.handle}@example.com`,
      platform.viewer.password,
    );
    const other = await freshAccount('Another');
    for (const token of [creator.accessToken, other.accessToken]) {
      await ask(`mutation ($id: ID!) { followUser(userId: $id) { id } }`, { id: me.id }, token);
    }
    // both arrive while the screen is open: over the subscription, then the list reloaded
    expect(await screen.findByText('Creator followed you')).toBeTruthy();
    expect(await screen.findByText('Another followed you')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('unread-badge').props.children).toBe(2));

    // tapping one opens the follower's channel and reads that one only (the screen sent the
    // viewer to sign in while the launch's session was still on its way: the shell waits for it)
    navigation.visited = [];
    fireEvent.press(screen.getByText('Creator followed you'));
    expect(navigation.visited).toEqual([`/channel/${platform.creator.handle}`]);
    await waitFor(() => expect(screen.getByTestId('unread-badge').props.children).toBe(1));

    fireEvent.press(screen.getByTestId('mark-all-read'));
    await waitFor(() => expect(screen.queryByTestId('unread-badge')).toBeNull());
    const stored = await ask(
      `{ me { unreadNotificationCount notifications(first: 10) { edges { node { read } } } } }`,
      {},
      me.accessToken,
    );
    expect(stored.me.unreadNotificationCount).toBe(0);
    expect(stored.me.notifications.edges).toEqual([
      { node: { read: true } },
      { node: { read: true } },
    ]);
  });
});
