import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a delivery goes, decided once per try: the URL's host is resolved once and that address is
 * used for the connection (pinned), so a DNS answer that changes between the check and the
 * connection (rebinding) cannot send the request somewhere the check refused.
 */
export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export class RefusedTarget extends Error {}

/** A public unicast address: not private, loopback, link-local, unique-local, multicast, reserved… */
export function isPublicAddress(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** Checks the URL's form (before it is stored and before each try). */
export function urlProblem(value: string, allowLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a URL.';
  }
  if (url.username || url.password) {
    return 'No user name or password in the URL.';
  }
  if (url.protocol !== 'https:' && !(allowLocal && url.protocol === 'http:')) {
    return 'Use https.';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowLocal && isIP(host) && !isPublicAddress(host)) {
    return 'Private, loopback and link-local addresses are not allowed.';
  }
  return null;
}

/**
 * Resolves the URL's host once. Without `allowLocal` (production) every address the name has
 * must be public, and the URL must be https; with it (the embedded default) loopback http is fine.
 */
export async function resolveTarget(value: string, allowLocal: boolean): Promise<PinnedTarget> {
  const problem = urlProblem(value, allowLocal);
  if (problem) {
    throw new RefusedTarget(problem);
  }
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new RefusedTarget(`The host ${host} does not resolve.`);
      });
  if (addresses.length === 0) {
    throw new RefusedTarget(`The host ${host} does not resolve.`);
  }
  if (!allowLocal && addresses.some(({ address }) => !isPublicAddress(address))) {
    throw new RefusedTarget(`The host ${host} resolves to an address that is not public.`);
  }
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
