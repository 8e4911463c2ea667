import { type IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import { memoizeByString } from './memoize';

/** Whether the hop at `address` (`hop` 0 is the socket's peer) is a proxy whose X-Forwarded-For is believed. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The longest text form of an IP address (IPv6 with an embedded IPv4 and a zone, generously). */
const MAX_ADDRESS_LENGTH = 64;

/** TRUST_PROXY's default: only a proxy on this machine (the launcher's gateway in front of subgraphs). */
export const DEFAULT_TRUST_PROXY = 'loopback';

/**
 * Compiles TRUST_PROXY: comma-separated addresses, CIDRs (`10.0.0.0/8`) or proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`). An empty list trusts no proxy. A bad entry throws,
 * naming it, so that a typo stops start-up rather than trusting the wrong hops.
 */
export function compileTrustProxy(list: string): TrustProxy {
  const entries = list
    .split(',')
    .map(entry => entry.trim())
    .filter(Boolean);
  try {
    // every request asks about its peer (territory, client address), and parsing the address is
    // most of the answer's cost; compile's function depends on the address alone, never the hop.
    // Only what could be an address is remembered: X-Forwarded-For entries are the client's words.
    const compiled = proxyAddr.compile(entries);
    const remembered = memoizeByString(address => compiled(address, 0));
    return (address, hop) =>
      address.length <= MAX_ADDRESS_LENGTH ? remembered(address) : compiled(address, hop);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message}`);
  }
}

/** For the env schema: the problem with a TRUST_PROXY value, or undefined when it compiles. */
export function trustProxyProblem(list: string): string | undefined {
  try {
    compileTrustProxy(list);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The address of the client that made a request: the socket's peer, or, when that peer is a trusted
 * proxy, the nearest X-Forwarded-For entry that is not itself trusted (proxy-addr, the rule express
 * applies for `req.ip`). What a client writes in X-Forwarded-For counts for nothing unless every
 * hop after it is trusted. IPv4 addresses are given as IPv4 also on dual-stack sockets.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  if (!req.socket.remoteAddress) {
    // a socket already closed has no peer; proxy-addr would answer undefined
    return 'unknown';
  }
  return proxyAddr(req, trust).replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
