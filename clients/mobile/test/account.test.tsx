import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import AccountScreen from '../src/app/account';
import CheckoutResultScreen from '../src/app/checkout/[result]';
import { checkoutRouteFor } from '../src/lib/checkout';
import { browser } from './expo-web-browser-stand-in';
import { ask, freshAccount, navigation, renderScreen } from './render';

describe('Account', () => {
  it('upgrades through the checkout in the system browser, sent back by the platform through vp://checkout/<result>, where the plan comes from the platform', async () => {
    const me = await freshAccount('upgrader');
    const account = renderScreen(AccountScreen, {}, me.store);
    expect((await screen.findByTestId('current-plan')).props.children).toContain(
      'You are on Free.',
    );
    // the viewer pays on the platform's (sandbox) checkout page, which answers with a 303 to the app
    browser.viewerChooses = 'success';
    navigation.visited = [];
    fireEvent.press(screen.getByTestId('upgrade-PREMIUM'));
    await waitFor(() => expect(navigation.visited).toEqual(['/checkout/success']));
    expect(browser.opened).toHaveLength(1);
    const checkoutId = browser.opened[0].split('/').pop();
    // the app's own scheme (app.json), given to the platform and to the auth session alike
    expect(browser.returnUrl).toBe('vp://checkout');
    expect(browser.redirectedTo).toBe(`vp://checkout/success?checkout=${checkoutId}`);
    account.unmount();

    // the landing route asks the platform, which has the payment (its webhooks came first)
    const result = renderScreen(CheckoutResultScreen, { result: 'success' }, me.store);
    expect(await screen.findByText('Welcome to Premium!')).toBeTruthy();
    result.unmount();

    renderScreen(AccountScreen, {}, me.store);
    await waitFor(() =>
      expect(screen.getByTestId('current-plan').props.children).toContain('You are on Premium.'),
    );
    expect(screen.getByTestId('cancel-or-resume')).toBeTruthy();
    expect(screen.queryByTestId('upgrade-PREMIUM')).toBeNull();
  });

  it('comes back through vp://checkout/cancel when the viewer declines on the page', async () => {
    const me = await freshAccount('page_decliner');
    renderScreen(AccountScreen, {}, me.store);
    await screen.findByTestId('current-plan');
    browser.viewerChooses = 'decline';
    navigation.visited = [];
    fireEvent.press(screen.getByTestId('upgrade-PREMIUM'));
    await waitFor(() => expect(navigation.visited).toEqual(['/checkout/cancel']));
    expect(browser.redirectedTo).toBe(
      `vp://checkout/cancel?checkout=${browser.opened[0].split('/').pop()}`,
    );
  });

  it('maps how the browser came back to the checkout route', () => {
    expect(checkoutRouteFor({ type: 'success', url: 'vp://checkout/cancel' })).toBe(
      '/checkout/cancel',
    );
    expect(
      checkoutRouteFor({ type: 'success', url: 'exp://192.168.1.20:8081/--/checkout/success' }),
    ).toBe('/checkout/success');
    // closed by the viewer: the route asks the platform whether they paid
    expect(checkoutRouteFor({ type: 'dismiss' })).toBe('/checkout/closed');
    expect(checkoutRouteFor({ type: 'cancel' })).toBe('/checkout/closed');
  });

  it('says a cancelled checkout changed nothing', async () => {
    const me = await freshAccount('decliner');
    renderScreen(CheckoutResultScreen, { result: 'cancel' }, me.store);
    expect(await screen.findByText('Payment cancelled. Nothing was charged.')).toBeTruthy();
    expect(screen.getByTestId('current-plan').props.children).toContain('You are on Free.');
  });

  it.each(['email', 'push'] as const)(
    'stores the notification settings switched (%s)',
    async channel => {
      const me = await freshAccount(`settings_${channel}`);
      renderScreen(AccountScreen, {}, me.store);
      const toggle = await screen.findByTestId(`setting-NEW_FOLLOWER-${channel}`);
      const before = toggle.props.value as boolean;
      fireEvent(toggle, 'valueChange', !before);
      await waitFor(async () => {
        const stored = await ask(
          `{ me { notificationSettings { kind inApp email push } } }`,
          {},
          me.accessToken,
        );
        expect(
          stored.me.notificationSettings.find((s: { kind: string }) => s.kind === 'NEW_FOLLOWER')[
            channel
          ],
        ).toBe(!before);
      });
      await waitFor(() =>
        expect(screen.getByTestId(`setting-NEW_FOLLOWER-${channel}`).props.value).toBe(!before),
      );
    },
  );
});
