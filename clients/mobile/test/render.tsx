import { configure, render } from '@testing-library/react-native';
import type { ComponentType } from 'react';
import { AppProvider } from '../src/lib/app';
import { memoryRefreshTokenStore, type RefreshTokenStore } from '../src/lib/refresh-token-store';
import { gatewaySessions } from '../src/lib/session';
import { navigation } from './expo-router-stand-in';
import { browser } from './expo-web-browser-stand-in';

// answers come from a real platform (on a loaded machine, seconds), not from mocks
configure({ asyncUtilTimeout: 20_000 });

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
  titleId: string;
  titleName: string;
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
 * One of the app's screens (its route's `params`), on the test platform, with the refresh token
 * in a store the test can read (the app's own is the device's secure store). A new render is a
 * new launch: the stored token, if any, is exchanged for the session first.
 */
export function renderScreen(
  Screen: ComponentType,
  params: Record<string, string> = {},
  store: RefreshTokenStore = memoryRefreshTokenStore(),
  locale: 'en' | 'ja' = 'en',
) {
  navigation.params = { ...params };
  navigation.visited = [];
  browser.opened = [];
  browser.sessionResult = { type: 'dismiss' };
  browser.viewerChooses = null;
  browser.redirectedTo = null;
  return render(
    <AppProvider
      gatewayUrl={platform.url}
      sessions={gatewaySessions(platform.url, store)}
      locale={locale}
    >
      <Screen />
    </AppProvider>,
  );
}

/**
 * A store holding a fresh refresh token of the account (signed in through the platform's API), so
 * the next render launches signed in without going through the sign-in screen.
 */
export async function signedInStore(
  email = platform.viewer.email,
  password = platform.viewer.password,
) {
  const { signIn } = await ask<{ signIn: { refreshToken: string; accessToken: string } }>(
    `mutation ($input: SignInInput!) { signIn(input: $input) { refreshToken accessToken } }`,
    { input: { email, password } },
  );
  const store = memoryRefreshTokenStore();
  await store.set(signIn.refreshToken);
  return { store, accessToken: signIn.accessToken };
}

/** A new account of its own (so what a test does to it is the test's alone), signed in. */
export async function freshAccount(name: string) {
  const handle = `${name}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const email = `${handle}@example.com`;
  const { signUp } = await ask<{ signUp: { user: { id: string } } }>(
    `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
    {
      input: {
        email,
        password: platform.viewer.password,
        handle,
        displayName: name,
        birthDate: '1990-04-21',
      },
    },
  );
  return { id: signUp.user.id, handle, email, ...(await signedInStore(email)) };
}

export { navigation };
