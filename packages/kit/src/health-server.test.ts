import { serveHealth, type HealthServer } from './health-server';

describe('serveHealth (health endpoints of a process without an HTTP server, e.g. the transcode worker)', () => {
  let ready: () => Promise<boolean>;
  let health: HealthServer;
  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`${health.url}${path}`, { method });
    return { status: response.status, body: method === 'HEAD' ? undefined : await response.json() };
  };

  beforeEach(async () => {
    ready = async () => true;
    health = await serveHealth({ host: '127.0.0.1', port: 0, ready: () => ready() });
  });
  afterEach(() => health.close());

  it('is alive and ready while ready() holds', async () => {
    expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    expect((await get('/ready', 'HEAD')).status).toBe(200);
  });

  it('is not ready when ready() says no or throws, and stays alive', async () => {
    ready = async () => false;
    expect(await get('/ready')).toEqual({ status: 503, body: { status: 'unavailable' } });
    ready = async () => {
      throw new Error('database unreachable');
    };
    expect(await get('/ready')).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503 on both once draining', async () => {
    health.drain();
    expect(await get('/health')).toEqual({ status: 503, body: { status: 'draining' } });
    expect(await get('/ready')).toEqual({ status: 503, body: { status: 'unavailable' } });
  });

  it('knows no other path or method', async () => {
    expect((await get('/graphql')).status).toBe(404);
    expect((await get('/ready', 'POST')).status).toBe(405);
  });

  it('refuses to start on a port already taken, naming it', async () => {
    await expect(serveHealth({ host: '127.0.0.1', port: health.port, ready })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});
