import { gatewayEnv } from '../src/env';
import { EMBEDDED_ALLOWED_ORIGINS, isOriginEntry, originMatcher } from '../src/origins';

describe('allowed origins (ALLOWED_ORIGINS)', () => {
  it('admits any port of localhost and 127.0.0.1 by default, and nothing else', () => {
    const allowed = originMatcher(EMBEDDED_ALLOWED_ORIGINS);
    for (const origin of [
      'http://localhost:3000',
      'http://localhost:46012',
      'http://127.0.0.1:8081',
      'http://localhost',
    ]) {
      expect([origin, allowed(origin)]).toEqual([origin, true]);
    }
    for (const origin of [
      'https://localhost:3000', // another scheme is another origin
      'http://localhost.evil.example:3000',
      'http://127.0.0.2:3000',
      'http://evil.example',
      'http://localhost:3000/path',
      'null',
      'not a url',
    ]) {
      expect([origin, allowed(origin)]).toEqual([origin, false]);
    }
  });

  it('keeps exact origins exact', () => {
    const allowed = originMatcher(['https://app.example.com', 'http://localhost:3000']);
    expect(allowed('https://app.example.com')).toBe(true);
    expect(allowed('http://localhost:3000')).toBe(true);
    expect(allowed('http://localhost:3001')).toBe(false);
    expect(allowed('https://app.example.com.evil.example')).toBe(false);
  });

  it('takes the embedded default when unset, a list of exact origins or any-port patterns when set', () => {
    expect(isOriginEntry('http://localhost:*')).toBe(true);
    expect(isOriginEntry('https://app.example.com')).toBe(true);
    expect(isOriginEntry('https://*.example.com')).toBe(false);
    expect(isOriginEntry('localhost:3000')).toBe(false);
    expect(gatewayEnv.shape.ALLOWED_ORIGINS.parse(undefined)).toEqual(EMBEDDED_ALLOWED_ORIGINS);
    expect(
      gatewayEnv.shape.ALLOWED_ORIGINS.parse('https://app.example.com, http://localhost:*'),
    ).toEqual(['https://app.example.com', 'http://localhost:*']);
    expect(gatewayEnv.shape.ALLOWED_ORIGINS.safeParse('https://*.example.com').success).toBe(false);
  });
});
