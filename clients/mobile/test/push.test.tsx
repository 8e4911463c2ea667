import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { useState } from 'react';
import { Pressable, Text } from 'react-native';
import { AppProvider, useSessionHolder, useViewer } from '../src/lib/app';
import { usePushNotifications, routeOf, type PushTokenSource } from '../src/lib/push';
import { memoryRefreshTokenStore } from '../src/lib/refresh-token-store';
import { gatewaySessions } from '../src/lib/session';
import { ask, platform } from './render';

// The push hook against the real test platform, with the phone's token source injected (the
// system's permission prompt and Expo's token service exist only on a device).
const UNREGISTER = `mutation($token: String!) { unregisterPushDevice(token: $token) }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`;

const phone = (token: string, platform: PushTokenSource['platform'] = 'IOS') => {
  const opens: ((url: string) => void)[] = [];
  const source: PushTokenSource = {
    platform,
    token: async () => token,
    onOpen: open => {
      opens.push(open);
      return () => undefined;
    },
  };
  return { source, tap: (url: string) => opens.forEach(open => open(url)) };
};

function Probe({ source, opened }: { source: PushTokenSource; opened: string[] }) {
  const registered = usePushNotifications(source, url => opened.push(url));
  const holder = useSessionHolder();
  const viewer = useViewer();
  const [signedOut, setSignedOut] = useState(false);
  return (
    <>
      <Text>{viewer ? `in as ${viewer.handle}` : signedOut ? 'signed out' : 'out'}</Text>
      <Text testID="registered">{registered ?? 'none'}</Text>
      <Pressable
        testID="sign-in"
        onPress={() => void holder.signIn(platform.viewer.email, platform.viewer.password)}
      />
      <Pressable
        testID="sign-out"
        onPress={() => void holder.signOut().then(() => setSignedOut(true))}
      />
    </>
  );
}

const renderProbe = (source: PushTokenSource, opened: string[] = []) =>
  render(
    <AppProvider
      gatewayUrl={platform.url}
      sessions={gatewaySessions(platform.url, memoryRefreshTokenStore())}
      locale="en"
    >
      <Probe source={source} opened={opened} />
    </AppProvider>,
  );

/** Unregisters `token` as the viewer (in a session of its own): whether it was the viewer's. */
async function wasViewers(token: string) {
  const { signIn } = await ask<{ signIn: { accessToken: string } }>(SIGN_IN, {
    input: { email: platform.viewer.email, password: platform.viewer.password },
  });
  const answer = await ask<{ unregisterPushDevice: boolean }>(
    UNREGISTER,
    { token },
    signIn.accessToken,
  );
  return answer.unregisterPushDevice;
}

describe('push notifications (lib/push.ts)', () => {
  it('registers the token after sign-in, and unregisters it before sign-out', async () => {
    const token = `ExponentPushToken[mobiletest${Date.now()}]`;
    const { source } = phone(token);
    const view = renderProbe(source);
    expect(await screen.findByText('out')).toBeTruthy();
    fireEvent.press(screen.getByTestId('sign-in'));
    expect(await screen.findByText(`in as ${platform.viewer.handle}`)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('registered')).toHaveTextContent(token));

    fireEvent.press(screen.getByTestId('sign-out'));
    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(screen.getByTestId('registered')).toHaveTextContent('none');
    // unregistered before the sign-out: no longer the viewer's
    expect(await wasViewers(token)).toBe(false);
    view.unmount();

    // a new launch registers it again (and it is the viewer's: unregistering it ourselves says so)
    const again = renderProbe(source);
    fireEvent.press(await screen.findByTestId('sign-in'));
    await waitFor(() => expect(screen.getByTestId('registered')).toHaveTextContent(token));
    expect(await wasViewers(token)).toBe(true);
    again.unmount();
  });

  it('does nothing where there is no push (the web), and opens the screen of a tapped push', async () => {
    const token = `ExponentPushToken[mobileweb${Date.now()}]`;
    const web = phone(token, null);
    const opened: string[] = [];
    const view = renderProbe(web.source, opened);
    fireEvent.press(await screen.findByTestId('sign-in'));
    expect(await screen.findByText(`in as ${platform.viewer.handle}`)).toBeTruthy();
    expect(screen.getByTestId('registered')).toHaveTextContent('none');
    expect(await wasViewers(token)).toBe(false);
    act(() => web.tap('vp://watch/abc'));
    expect(opened).toEqual(['vp://watch/abc']);
    expect(routeOf('vp://watch/abc')).toBe('/watch/abc');
    view.unmount();
  });
});
