import { createServer, request, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';
import { clientAddress, compileTrustProxy, trustProxyProblem } from './client-address';
import { trustProxyEnv, readEnv } from './env';

/** What clientAddress makes of a real request from this test (peer 127.0.0.1) carrying `forwardedFor`. */
async function addressSeen(trustProxy: string, forwardedFor?: string): Promise<string> {
  const trust = compileTrustProxy(trustProxy);
  let seen = '';
  const server = createServer((req: IncomingMessage, res) => {
    seen = clientAddress(req, trust);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
        },
        res => res.resume().on('end', resolve),
      );
      outgoing.on('error', reject).end();
    });
    return seen;
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

describe('clientAddress', () => {
  it('is the peer when no X-Forwarded-For is sent', async () => {
    expect(await addressSeen('loopback')).toBe('127.0.0.1');
  });

  it('believes X-Forwarded-For from a trusted proxy, up to the first hop that is not trusted', async () => {
    expect(await addressSeen('loopback', '203.0.113.5')).toBe('203.0.113.5');
    // 198.51.100.2 is not a trusted proxy: what it claims (203.0.113.5) counts for nothing
    expect(await addressSeen('loopback', '203.0.113.5, 198.51.100.2')).toBe('198.51.100.2');
    expect(await addressSeen('loopback, 198.51.100.0/24', '203.0.113.5, 198.51.100.2')).toBe(
      '203.0.113.5',
    );
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    expect(await addressSeen('', '64.38.241.20')).toBe('127.0.0.1');
    expect(await addressSeen('10.0.0.0/8, uniquelocal', '64.38.241.20')).toBe('127.0.0.1');
  });

  it('judges each address the same however often it is asked, long or garbled ones included', () => {
    const trust = compileTrustProxy('loopback, 10.0.0.0/8');
    const asked = [
      '127.0.0.1',
      '10.9.8.7',
      '203.0.113.5',
      '::1',
      'not an ip',
      `10.0.0.1${' '.repeat(80)}`,
    ];
    const first = asked.map(address => trust(address, 0));
    expect(first).toEqual([true, true, false, true, false, false]);
    // answered from memory the second time, and on a later hop: still the same answers
    expect(asked.map(address => trust(address, 3))).toEqual(first);
  });

  it('accepts addresses, CIDRs and proxy-addr names, and names a bad entry', () => {
    expect(
      trustProxyProblem('loopback, linklocal, uniquelocal, 10.1.2.3, 172.16.0.0/12, ::1'),
    ).toBeUndefined();
    expect(trustProxyProblem('loopback, not-an-address')).toMatch(/TRUST_PROXY: .*not-an-address/);
  });

  it('is TRUST_PROXY of the shared environment, loopback unless set, checked at start-up', () => {
    expect(readEnv(trustProxyEnv, {}).TRUST_PROXY).toBe('loopback');
    expect(readEnv(trustProxyEnv, { TRUST_PROXY: '10.0.0.0/8' }).TRUST_PROXY).toBe('10.0.0.0/8');
    expect(() => readEnv(trustProxyEnv, { TRUST_PROXY: 'loopbak' })).toThrow(
      /TRUST_PROXY: .*loopbak/,
    );
  });
});
