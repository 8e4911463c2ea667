/**
 * The web app's settings, read at run time (never baked into the build, so one build serves every
 * environment). `npm start` and the end-to-end platform pass them; docker-compose sets them.
 */
const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function webEnv() {
  const gatewayUrl = process.env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
  const publicGatewayUrl = trimSlash(process.env.PUBLIC_GATEWAY_URL || 'http://localhost:4000');
  const publicWebUrl = trimSlash(process.env.PUBLIC_WEB_URL || 'http://localhost:3000');
  const production = process.env.PLATFORM_ENV === 'production';
  return {
    /** The gateway's /graphql as this server reaches it. */
    gatewayUrl,
    /** The gateway's origin as browsers reach it (WebSocket subscriptions, media). */
    publicGatewayUrl,
    /** This app's public origin (OpenGraph URLs). */
    publicWebUrl,
    /** Secure cookies in production or behind https. */
    secureCookies: production || publicWebUrl.startsWith('https:'),
    /**
     * WEB_TRUST_PROXY=true: a proxy in front of this app sets X-Forwarded-For (overwriting what the
     * browser sent), so it is passed on to the gateway for its per-IP limits. Off, a browser could
     * choose its own address, so none is passed (the gateway then counts this server's).
     */
    trustProxy: process.env.WEB_TRUST_PROXY === 'true',
  };
}

/** The viewer's address from X-Forwarded-For when a trusted proxy set it; else null. */
export function clientAddressOf(headers: Headers): string | null {
  if (!webEnv().trustProxy) {
    return null;
  }
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}
