import { renderRouter } from 'expo-router/testing-library';
import AccountScreen from '../src/app/account';
import HomeScreen from '../src/app/index';
import LiveScreen from '../src/app/live/[id]';
import SearchScreen from '../src/app/search';
import ShortsScreen from '../src/app/shorts';
import SignInScreen from '../src/app/sign-in';
import SignUpScreen from '../src/app/sign-up';
import WatchScreen from '../src/app/watch/[id]';
import { Shell } from '../src/components/shell';
import { AppProvider } from '../src/lib/app';
import { memoryRefreshTokenStore, type RefreshTokenStore } from '../src/lib/refresh-token-store';
import { gatewaySessions } from '../src/lib/session';

/** What packages/launcher/src/testing/serve-test-platform.ts printed (its SeededPlatform). */
interface SeededPlatform {
  /** The gateway's /graphql. */
  url: string;
  origin: string;
  videoId: string;
  title: string;
  shortId: string;
  shortTitle: string;
  streamId: string;
  creator: { id: string; handle: string; token: string };
  viewer: { id: string; handle: string; email: string; password: string };
}

/** What global-setup.mjs started: the platform's gateway and what was published on it. */
export const platform: SeededPlatform = JSON.parse(process.env.VP_TEST_PLATFORM ?? 'null');

/** One operation straight to the platform's gateway (to check what a screen did). */
export async function ask<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
) {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data) {
    throw new Error(JSON.stringify(body.errors));
  }
  return body.data;
}

/**
 * The whole app (its real screens and shell) at `initialUrl`, on the test platform, with the
 * refresh token in a store the test can read (the app's own is the device's secure store).
 */
export function renderApp(
  initialUrl: string,
  store: RefreshTokenStore = memoryRefreshTokenStore(),
  locale: 'en' | 'ja' = 'en',
) {
  const sessions = gatewaySessions(platform.url, store);
  function TestLayout() {
    return (
      <AppProvider gatewayUrl={platform.url} sessions={sessions} locale={locale}>
        <Shell />
      </AppProvider>
    );
  }
  return renderRouter(
    {
      _layout: TestLayout,
      index: HomeScreen,
      'watch/[id]': WatchScreen,
      'live/[id]': LiveScreen,
      search: SearchScreen,
      shorts: ShortsScreen,
      'sign-in': SignInScreen,
      'sign-up': SignUpScreen,
      account: AccountScreen,
    },
    { initialUrl },
  );
}
