/**
 * The browser origins ALLOWED_ORIGINS lists: exact origins (`https://app.example.com`), and, for
 * the embedded default only, any port of a loopback name (`http://localhost:*`,
 * `http://127.0.0.1:*`): the mobile app's web export and dev servers pick their ports, and a page
 * on the developer's own machine is no foreign site. Production lists its exact origins.
 */
export const EMBEDDED_ALLOWED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

const ANY_PORT = /^(https?):\/\/([^/:*]+):\*$/;

/** Whether `entry` is an origin or an any-port pattern this module understands. */
export function isOriginEntry(entry: string): boolean {
  if (ANY_PORT.test(entry)) {
    return true;
  }
  if (entry.includes('*')) {
    // only the any-port form above: no wildcard hosts (`https://*.example.com`)
    return false;
  }
  try {
    return new URL(entry).origin !== 'null';
  } catch {
    return false;
  }
}

/** `origin` (as a browser sends it) against the entries: exact origins, or a scheme and host on any port. */
export function originMatcher(entries: string[]): (origin: string) => boolean {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  for (const entry of entries) {
    const pattern = ANY_PORT.exec(entry);
    if (pattern) {
      anyPort.add(`${pattern[1]}://${pattern[2].toLowerCase()}`);
    } else {
      exact.add(new URL(entry).origin);
    }
  }
  return origin => {
    if (exact.has(origin)) {
      return true;
    }
    if (!anyPort.size) {
      return false;
    }
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    // the origin itself, not a longer URL that merely starts like one
    return parsed.origin === origin && anyPort.has(`${parsed.protocol}//${parsed.hostname}`);
  };
}
