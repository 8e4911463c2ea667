// What a phone's runtime gives the app and jest-expo's environment does not, for screens that talk
// to a real platform:
// - fetch: jest-expo installs expo/fetch over a mocked native module (its responses are empty);
//   the tests use undici's, the fetch Node itself is built on (Headers, Request and Response
//   with it, so the app's requests and their headers are one implementation's);
// - WebSocket: Node 20 has none; graphql-ws gets the `ws` package's;
// - navigator: Apollo Client's development checks read it.
import { fetch, Headers, Request, Response } from 'undici';
import WebSocket from 'ws';

for (const [name, value] of Object.entries({ fetch, Headers, Request, Response, WebSocket })) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
}
const scope = globalThis as { navigator?: { product?: string; userAgent?: string } };
scope.navigator ??= { product: 'ReactNative' };
