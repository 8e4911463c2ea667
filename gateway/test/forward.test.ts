import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { eventually, testKeys } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { FORWARDED_ROUTES, originOf, routeOf } from '../src/forward';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import {
  closedPort,
  generatedBody,
  generatedSha256,
  MEDIA,
  rawRequest,
  startHttpUpstream,
} from './fixtures/http-upstream';
import { gatewayOver } from './helpers';

type Upstream = Awaited<ReturnType<typeof startHttpUpstream>>;

let graph: FixtureGraph;
let videos: Upstream;
let live: Upstream;
let payments: Upstream;
let users: Upstream;
let gateway: RunningGateway;
let base: string;

beforeAll(async () => {
  graph = await startFixtureGraph();
  [videos, live, payments, users] = await Promise.all(
    ['videos', 'live', 'payments', 'users'].map(startHttpUpstream),
  );
  gateway = await gatewayOver(graph, {
    subgraphUrls: {
      videos: videos.graphqlUrl,
      live: live.graphqlUrl,
      payments: payments.graphqlUrl,
      users: users.graphqlUrl,
    },
    rateLimit: { limit: 0 },
    forwardRateLimit: { limit: 0 },
    // the test calls the gateway directly: no proxy is trusted
    trustProxy: '',
  });
  base = `http://127.0.0.1:${gateway.port}`;
});
afterAll(async () => {
  await gateway.stop();
  await Promise.all([videos, live, payments, users].map(upstream => upstream.stop()));
  await graph.stop();
});

const json = (body: Buffer) => JSON.parse(body.toString('utf8'));

describe('the table of forwarded routes', () => {
  it('sends uploads, media and MediaConvert events to videos, avatars to users, live to live, checkout, payout onboarding and webhooks to payments', () => {
    expect(FORWARDED_ROUTES.map(({ prefix, subgraph }) => [prefix, subgraph])).toEqual([
      ['/uploads', 'videos'],
      ['/media', 'videos'],
      ['/avatars/uploads', 'users'],
      ['/avatars/media', 'users'],
      ['/live', 'live'],
      ['/checkout', 'payments'],
      ['/payouts', 'payments'],
      ['/webhooks', 'payments'],
      ['/aws/mediaconvert', 'videos'],
    ]);
  });

  it('matches a prefix and what is under it, never a longer name or GraphQL', () => {
    expect(routeOf('/uploads')?.subgraph).toBe('videos');
    expect(routeOf('/uploads/abc/part-1')?.subgraph).toBe('videos');
    expect(routeOf('/webhooks/stripe')?.subgraph).toBe('payments');
    expect(routeOf('/aws/mediaconvert/events')).toMatchObject({
      subgraph: 'videos',
      limit: 'none',
    });
    expect(routeOf('/aws')).toBeUndefined();
    expect(routeOf('/avatars/media/t/avatars/u/v/256.webp')?.limit).toBe('none');
    expect(routeOf('/avatars/uploads/avatars/u/incoming/x')?.limit).toBe('per-ip');
    expect(routeOf('/avatars')).toBeUndefined();
    expect(routeOf('/uploadsx')).toBeUndefined();
    expect(routeOf('/graphql')).toBeUndefined();
    expect(routeOf('/')).toBeUndefined();
  });

  it("derives a subgraph's origin from its GraphQL URL", () => {
    expect(originOf('http://videos:4002/graphql')).toBe('http://videos:4002');
    expect(originOf('https://payments.internal/graphql')).toBe('https://payments.internal');
  });

  it.each([
    ['/uploads/u1?part=2&sig=abc', 'videos'],
    ['/media/v1/720p/index.m3u8?exp=1&sig=x', 'videos'],
    ['/live/s1/index.m3u8', 'live'],
    ['/checkout/c1?status=201', 'payments'],
    ['/avatars/uploads/avatars/u1/incoming/x?sig=abc', 'users'],
  ])('forwards %s to %s with its path and query as they are', async (path, name) => {
    const response = await rawRequest(`${base}${path}`);
    if (path.startsWith('/media/')) {
      expect(response.status).toBe(200);
      expect(videos.seen.at(-1)!.url).toBe(path);
      return;
    }
    expect(response.status).toBe(path.includes('status=201') ? 201 : 200);
    expect(json(response.body)).toMatchObject({ name, url: path, method: 'GET' });
  });

  it('leaves other paths to the gateway', async () => {
    const before = videos.seen.length + live.seen.length + payments.seen.length;
    expect((await rawRequest(`${base}/uploadsx`)).status).toBe(404);
    expect((await rawRequest(`${base}/health`)).status).toBe(200);
    expect(videos.seen.length + live.seen.length + payments.seen.length).toBe(before);
  });

  it('refuses dot segments, plain or percent-encoded, so nothing escapes its prefix', async () => {
    const before = videos.seen.length;
    for (const path of [
      '/uploads/../graphql',
      '/uploads/%2e%2e/graphql',
      '/media/./x',
      '/media/a/%2E%2E',
    ]) {
      const response = await rawRequest(base, { path });
      expect(response.status).toBe(400);
      expect(json(response.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    expect(videos.seen.length).toBe(before);
  });
});

describe('forwarding bodies and answers as they are', () => {
  it('passes the raw bytes of a webhook through byte for byte', async () => {
    // what a signature covers: whitespace, key order, \r\n, bytes that are not UTF-8
    const body = Buffer.concat([
      Buffer.from('{ "id":"evt_1",\r\n  "type" : "checkout.session.completed", "amount":1.50 }\n'),
      Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28]),
    ]);
    const response = await rawRequest(`${base}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.body.equals(body)).toBe(true);
    const seen = payments.seen.at(-1)!;
    expect(seen.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(seen.headers['stripe-signature']).toBe('t=1,v1=abc');
    expect(seen.headers['content-type']).toBe('application/json');
  });

  it('sends a request with a body on a fresh connection, never on a reused keep-alive socket', async () => {
    // A reused socket the subgraph had just closed made an upload fail with 502 EPIPE, and a
    // streamed body cannot be sent again: bodies always get a new connection.
    for (let i = 0; i < 3; i++) {
      const response = await rawRequest(`${base}/uploads/fresh-${i}`, {
        method: 'PUT',
        body: Buffer.from(`part ${i}`),
      });
      expect(response.status).toBe(200);
    }
    const ports = videos.seen.filter(seen => seen.url.startsWith('/uploads/fresh-'));
    expect(new Set(ports.map(seen => seen.remotePort)).size).toBe(3);

    // bodiless GETs (media segments, the hot path) keep reusing their connections
    for (let i = 0; i < 3; i++) {
      expect((await rawRequest(`${base}/media/v1/reuse-${i}.ts`)).status).toBe(200);
    }
    const media = videos.seen.filter(seen => seen.url.startsWith('/media/v1/reuse-'));
    expect(new Set(media.map(seen => seen.remotePort)).size).toBe(1);
  });

  it('passes Range through and the 206 answer back with its headers', async () => {
    const response = await rawRequest(`${base}/media/v1/seg-0.ts`, {
      headers: { range: 'bytes=10-19' },
    });
    expect(response.status).toBe(206);
    expect(response.body.equals(MEDIA.subarray(10, 20))).toBe(true);
    expect(response.headers['content-range']).toBe(`bytes 10-19/${MEDIA.length}`);
    expect(response.headers['content-type']).toBe('video/mp2t');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(videos.seen.at(-1)!.headers.range).toBe('bytes=10-19');
  });

  it('drops hop-by-hop headers both ways and sets X-Forwarded-* itself', async () => {
    const response = await rawRequest(`${base}/uploads/u1`, {
      method: 'PUT',
      headers: {
        connection: 'keep-alive, x-client-hop',
        'x-client-hop': 'for the gateway only',
        te: 'trailers',
        'proxy-authorization': 'Basic c2VjcmV0',
        'x-custom': 'kept',
        authorization: 'Bearer upload-token',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
        'content-type': 'video/mp4',
      },
      body: Buffer.from('tiny'),
    });
    expect(response.status).toBe(200);
    const seen = json(response.body).headers;
    expect(seen['x-custom']).toBe('kept');
    expect(seen.authorization).toBe('Bearer upload-token');
    expect(seen['content-type']).toBe('video/mp4');
    expect(seen['content-length']).toBe('4');
    for (const dropped of ['x-client-hop', 'te', 'proxy-authorization']) {
      expect(seen[dropped]).toBeUndefined();
    }
    // the caller is not a trusted proxy: its claims are replaced, not appended to
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBe(`127.0.0.1:${gateway.port}`);
    expect(seen.host).toBe(new URL(videos.graphqlUrl).host);
    expect(seen['x-request-id']).toEqual(expect.any(String));

    const media = await rawRequest(`${base}/media/v1/seg-0.ts`);
    expect(media.headers['x-upstream-hop']).toBeUndefined();
    expect(media.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('appends to X-Forwarded-For and keeps the proto and host when the proxy in front is trusted', async () => {
    const trusting = await gatewayOver(graph, {
      subgraphUrls: { videos: videos.graphqlUrl },
      trustProxy: 'loopback',
      rateLimit: { limit: 0 },
    });
    try {
      const response = await rawRequest(`http://127.0.0.1:${trusting.port}/uploads/u2`, {
        method: 'PUT',
        headers: {
          'x-forwarded-for': '203.0.113.7',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'video.example',
        },
        body: Buffer.from('x'),
      });
      const seen = json(response.body).headers;
      expect(seen['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
      expect(seen['x-forwarded-proto']).toBe('https');
      expect(seen['x-forwarded-host']).toBe('video.example');
    } finally {
      await trusting.stop();
    }
  });

  it('answers 502 with a short JSON body, and no internals, when the subgraph is down', async () => {
    const port = await closedPort();
    const down = await gatewayOver(graph, {
      subgraphUrls: { live: `http://127.0.0.1:${port}/graphql` },
      rateLimit: { limit: 0 },
    });
    try {
      for (const method of ['GET', 'POST']) {
        const response = await rawRequest(`http://127.0.0.1:${down.port}/live/s1/index.m3u8`, {
          method,
          body: method === 'POST' ? Buffer.alloc(256 * 1024, 1) : undefined,
        });
        expect(response.status).toBe(502);
        expect(response.headers['content-type']).toMatch(/application\/json/);
        const body = json(response.body);
        expect(body.errors[0].extensions.code).toBe('BAD_GATEWAY');
        expect(response.body.toString()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|live|stack/);
      }
    } finally {
      await down.stop();
    }
  });
});

describe('rate limits of forwarded routes', () => {
  it('counts uploads and checkout per IP on their own counters, and never media or webhooks', async () => {
    const limited = await gatewayOver(graph, {
      subgraphUrls: { videos: videos.graphqlUrl, payments: payments.graphqlUrl },
      rateLimit: { limit: 1 },
      forwardRateLimit: { limit: 2 },
    });
    const at = (path: string) =>
      rawRequest(`http://127.0.0.1:${limited.port}${path}`, {
        method: 'PUT',
        body: Buffer.from('x'),
      });
    try {
      expect((await at('/uploads/a')).status).toBe(200);
      const second = await at('/uploads/a');
      expect(second.status).toBe(200);
      expect(second.headers['x-ratelimit-remaining']).toBe('0');
      const third = await at('/uploads/a');
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toEqual(expect.any(String));
      expect(json(third.body).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await at('/checkout/c1')).status).toBe(200);
      for (let i = 0; i < 5; i++) {
        expect((await at('/media/v1/seg-0.ts')).status).toBe(200);
        expect((await at('/webhooks/stripe')).status).toBe(200);
      }
    } finally {
      await limited.stop();
    }
  });
});

describe('streaming', () => {
  let child: ChildProcess;
  afterAll(() => child?.kill('SIGKILL'));

  const ask = <T>(message: unknown): Promise<T> =>
    new Promise(resolve => {
      child.once('message', value => resolve(value as T));
      child.send(message as never);
    });

  it("streams a 50 MB upload through without the gateway's memory growing by anything like 50 MB", async () => {
    child = fork(join(__dirname, 'fixtures/gateway-process.ts'), [], {
      execArgv: ['--expose-gc', '-r', '@swc-node/register'],
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const { url } = await ask<{ url: string }>({
      supergraphSdl: graph.supergraphSdl,
      jwks: (await testKeys()).jwks,
      port: 0,
      host: '127.0.0.1',
      subgraphUrls: { videos: videos.graphqlUrl },
      rateLimit: { limit: 0 },
      forwardRateLimit: { limit: 0 },
    });
    const uploadUrl = new URL('/uploads/big?part=1', url).toString();
    // what the gateway holds once garbage is collected: a gateway that buffered would hold the body
    const held = async () => {
      const { memory } = await ask<{ memory: NodeJS.MemoryUsage }>('memory');
      return memory.heapUsed + memory.arrayBuffers;
    };
    // warm up the route (code, sockets) before taking the baseline
    await rawRequest(uploadUrl, { method: 'PUT', body: generatedBody(4 * 1024 * 1024) });
    const before = await held();
    let peak = before;
    let samples = 0;
    let done = false;
    const sampling = (async () => {
      while (!done) {
        peak = Math.max(peak, await held());
        samples++;
        await new Promise(resolve => setTimeout(resolve, 25));
      }
    })();
    const size = 50 * 1024 * 1024;
    const response = await rawRequest(uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: generatedBody(size),
    });
    done = true;
    await sampling;
    expect(response.status).toBe(200);
    const seen = json(response.body);
    expect(seen.bytes).toBe(size);
    expect(seen.sha256).toBe(generatedSha256(size));
    expect(samples).toBeGreaterThan(3);
    const grewMb = (peak - before) / 1024 / 1024;
    console.info(
      `gateway held at most ${grewMb.toFixed(1)} MB more while streaming 50 MB (${samples} samples)`,
    );
    // loose on purpose: freed buffers are returned lazily, so a streaming gateway shows 0–20 MB here
    expect(grewMb).toBeLessThan(30);
  }, 60_000);

  it('delivers the first bytes of an upload to the subgraph before the client has sent the last', async () => {
    const first = Buffer.alloc(1024 * 1024, 7);
    const body = new PassThrough();
    const answer = rawRequest(`${base}/uploads/slow`, { method: 'PUT', body });
    body.write(first);
    // a gateway that buffered the body would send nothing upstream until the client ended it
    await eventually(() => videos.receiving('/uploads/slow') >= first.length, {
      what: 'the first part upstream',
    });
    expect(videos.receiving('/uploads/slow')).toBe(first.length);
    body.end(Buffer.from('end'));
    const seen = json((await answer).body);
    expect(seen.bytes).toBe(first.length + 3);
  });
});
