// What a phone's runtime gives the app and jest-expo's environment does not, for screens that talk
// to a real platform:
// - fetch: jest-expo installs expo/fetch over a mocked native module (its responses are empty);
//   the tests use undici's, the fetch Node itself is built on (Headers, Request and Response
//   with it, so the app's requests and their headers are one implementation's);
// - WebSocket: Node 20 has none; graphql-ws gets the `ws` package's;
// - navigator: Apollo Client's development checks read it;
// - the app's config (app.json) in expo-constants, which a build of the app embeds and jest-expo
//   leaves empty: expo-linking reads the app's scheme (`vp`) there for the checkout's return link.
import { fetch, Headers, Request, Response } from 'undici';
import WebSocket from 'ws';

jest.mock('expo-constants', () => {
  const actual = jest.requireActual('expo-constants');
  const app = jest.requireActual('../app.json');
  return {
    ...actual,
    __esModule: true,
    // as in a build of the app (a development build): its own scheme
    default: Object.create(actual.default, {
      expoConfig: { value: app.expo },
      executionEnvironment: { value: 'bare' },
    }),
  };
});

for (const [name, value] of Object.entries({ fetch, Headers, Request, Response, WebSocket })) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
}
const scope = globalThis as { navigator?: { product?: string; userAgent?: string } };
scope.navigator ??= { product: 'ReactNative' };
