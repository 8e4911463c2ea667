import { isIPv4 } from 'node:net';

/** IPv4 ranges (inclusive) plus, in sandbox mode only, loopback. */
export interface IpAllowList {
  ranges: [number, number][];
  loopback: boolean;
}

const toNumber = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);

/** "a.b.c.d" or "a.b.c.d-a.b.c.e", comma-separated. */
export function parseIpAllowList(text: string, options: { loopback: boolean }): IpAllowList {
  const ranges = text
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      const [from, to = from] = part.split('-').map(ip => ip.trim());
      if (!isIPv4(from) || !isIPv4(to)) {
        throw new Error(`CCBILL_ALLOWED_IPS: "${part}" is not an IPv4 address or range`);
      }
      return [toNumber(from), toNumber(to)] as [number, number];
    });
  return { ranges, loopback: options.loopback };
}

/** Strips the IPv4-mapped IPv6 prefix Node reports on dual-stack sockets. */
export const normaliseIp = (ip: string | undefined) => (ip ?? '').replace(/^::ffff:/, '');

export const isLoopback = (ip: string) => ip === '::1' || /^127\./.test(ip);

export function isAllowedIp(list: IpAllowList, rawIp: string | undefined): boolean {
  const ip = normaliseIp(rawIp);
  if (isLoopback(ip)) {
    return list.loopback;
  }
  if (!isIPv4(ip)) {
    return false;
  }
  const value = toNumber(ip);
  return list.ranges.some(([from, to]) => value >= from && value <= to);
}
