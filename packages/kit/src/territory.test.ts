import { createServer, type IncomingMessage, request } from 'node:http';
import { type AddressInfo } from 'node:net';
import { compileTrustProxy } from './client-address';
import { readEnv, subgraphEnv, viewerTerritoryEnv } from './env';
import { isTerritory, TERRITORIES, territoryOf } from './territory';

/** What territoryOf makes of a real request from this test (peer 127.0.0.1) with `headers`. */
async function territorySeen(
  trustProxy: string,
  headers: Record<string, string>,
  header = 'CloudFront-Viewer-Country',
): Promise<string> {
  const reading = { trust: compileTrustProxy(trustProxy), header, fallback: 'JP' };
  let seen = '';
  const server = createServer((req: IncomingMessage, res) => {
    seen = territoryOf(req, reading);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, headers }, res => res.resume().on('end', resolve))
        .on('error', reject)
        .end();
    });
    return seen;
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

describe('territoryOf', () => {
  it('believes the header from a trusted hop, in any case, trimmed', async () => {
    expect(await territorySeen('loopback', { 'CloudFront-Viewer-Country': 'KR' })).toBe('KR');
    expect(await territorySeen('loopback', { 'cloudfront-viewer-country': ' us ' })).toBe('US');
    expect(
      await territorySeen('127.0.0.1', { 'x-viewer-territory': 'FR' }, 'X-Viewer-Territory'),
    ).toBe('FR');
  });

  it('ignores the header from a hop that is not trusted: the default territory', async () => {
    expect(await territorySeen('', { 'CloudFront-Viewer-Country': 'KR' })).toBe('JP');
    expect(await territorySeen('10.0.0.0/8', { 'CloudFront-Viewer-Country': 'KR' })).toBe('JP');
  });

  it('falls back for a missing header, reserved or unknown codes, and anything else', async () => {
    for (const value of ['XX', 'EU', 'UK', 'ZZ', 'JPN', 'J', '', '1', 'K R']) {
      expect([
        value,
        await territorySeen('loopback', { 'CloudFront-Viewer-Country': value }),
      ]).toEqual([value, 'JP']);
    }
    expect(await territorySeen('loopback', {})).toBe('JP');
    // the client's own header of another name counts for nothing
    expect(await territorySeen('loopback', { 'x-viewer-territory': 'KR' })).toBe('JP');
  });

  it('knows the 249 assigned ISO 3166-1 alpha-2 codes and nothing else', () => {
    expect(TERRITORIES.size).toBe(249);
    expect(['JP', 'KR', 'US', 'GB', 'TW', 'SS', 'BQ', 'AX'].every(isTerritory)).toBe(true);
    expect(['jp', 'UK', 'EU', 'XK', 'ZZ', 'JPN', '', null, 81].some(isTerritory)).toBe(false);
  });
});

describe('territory environment', () => {
  it('defaults to JP and the CloudFront header; takes another code and header name', () => {
    expect(readEnv(viewerTerritoryEnv, {})).toEqual({
      DEFAULT_TERRITORY: 'JP',
      VIEWER_TERRITORY_HEADER: 'CloudFront-Viewer-Country',
    });
    expect(
      readEnv(viewerTerritoryEnv, {
        DEFAULT_TERRITORY: ' kr ',
        VIEWER_TERRITORY_HEADER: 'CDN-Country',
      }),
    ).toEqual({ DEFAULT_TERRITORY: 'KR', VIEWER_TERRITORY_HEADER: 'CDN-Country' });
    expect(subgraphEnv(4005).shape.DEFAULT_TERRITORY).toBe(
      viewerTerritoryEnv.shape.DEFAULT_TERRITORY,
    );
  });

  it('refuses an unknown territory and a header name that is not one', () => {
    expect(() => readEnv(viewerTerritoryEnv, { DEFAULT_TERRITORY: 'XX' })).toThrow(
      /DEFAULT_TERRITORY: must be an ISO 3166-1 alpha-2/,
    );
    expect(() => readEnv(viewerTerritoryEnv, { VIEWER_TERRITORY_HEADER: 'bad header:' })).toThrow(
      /VIEWER_TERRITORY_HEADER: must be an HTTP header name/,
    );
  });
});
