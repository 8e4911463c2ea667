/**
 * Where the gateway is. Native builds and the web export take EXPO_PUBLIC_GATEWAY_URL, inlined when
 * the bundle is built (default: a platform on this machine, `npm start`). A web export served
 * by a host that knows better may set `window.__VP_CONFIG__ = { gatewayUrl }` in index.html before
 * the bundle runs (the smoke test's static server does, for its platform's port); nothing a
 * visitor controls (no query parameter) can point the app at another gateway.
 */
declare global {
  var __VP_CONFIG__: { gatewayUrl?: string } | undefined;
}

export const DEFAULT_GATEWAY_URL = 'http://localhost:4000/graphql';

export function gatewayUrl(): string {
  return (
    globalThis.__VP_CONFIG__?.gatewayUrl ??
    process.env.EXPO_PUBLIC_GATEWAY_URL ??
    DEFAULT_GATEWAY_URL
  );
}

/** graphql-ws on the same path: ws:// for http://, wss:// for https://. */
export const socketUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');
