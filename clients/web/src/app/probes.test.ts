import { GET as apiHealth } from './api/health/route';
import { dynamic as healthDynamic, GET as health } from './health/route';
import { dynamic as readyDynamic, GET as ready } from './ready/route';

// Kubernetes probes /health and /ready (deploy/kubernetes/base/web.yaml); never from a cache.
describe('the web app probe routes', () => {
  it.each([
    ['/health', health],
    ['/ready', ready],
    ['/api/health', apiHealth],
  ])('%s answers 200, uncached', async (_path, handler) => {
    const response = handler();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('renders them on every request, never at build time', () => {
    expect([healthDynamic, readyDynamic]).toEqual(['force-dynamic', 'force-dynamic']);
  });
});
