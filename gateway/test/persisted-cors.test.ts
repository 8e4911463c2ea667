import { createHash } from 'node:crypto';
import { Role } from '@vp/kit';
import { errorCodes, graphql, subscribe, tokenFor } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

const VIDEO = 'query Video($id: ID!) { video(id: $id) { id title } }';
const WHO = 'subscription Who { whoAmI }';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

let graph: FixtureGraph;
let gateway: RunningGateway;

beforeAll(async () => {
  graph = await startFixtureGraph();
  gateway = await gatewayOver(graph, {
    rateLimit: { limit: 0 },
    persistedOnly: true,
    persistedDocuments: { [hash(VIDEO)]: VIDEO, [hash(WHO)]: WHO },
    allowedOrigins: ['http://localhost:3000', 'http://localhost:3001'],
  });
});
afterAll(async () => {
  await gateway.stop();
  await graph.stop();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('persisted documents', () => {
  it('runs a document by its documentId (sha256:… or Apollo’s persistedQuery hash)', async () => {
    const byId = await post({ documentId: `sha256:${hash(VIDEO)}`, variables: { id: 'v1' } });
    expect(byId.status).toBe(200);
    expect(((await byId.json()) as { data: unknown }).data).toEqual({
      video: { id: 'v1', title: 'First video' },
    });
    const apollo = await post({
      variables: { id: 'v2' },
      extensions: { persistedQuery: { version: 1, sha256Hash: hash(VIDEO) } },
    });
    expect(((await apollo.json()) as { data: { video: { id: string } } }).data.video.id).toBe('v2');
  });

  it('refuses an unknown id with PERSISTED_QUERY_NOT_FOUND, and never registers text under a hash', async () => {
    const unknown = await post({ documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.status).toBe(400);
    expect(
      ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        .extensions.code,
    ).toBe('PERSISTED_QUERY_NOT_FOUND');
    const text = '{ video(id: "v1") { owner { handle } } }';
    const register = await post({
      query: text,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash(text) } },
    });
    expect(
      ((await register.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        .extensions.code,
    ).toBe('PERSISTED_QUERY_NOT_FOUND');
    const again = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: hash(text) } },
    });
    expect(again.status).toBe(400);
  });

  it('with PERSISTED_ONLY, refuses free-form documents except from API keys and ADMIN/ANALYST sessions', async () => {
    const free = '{ video(id: "v1") { title } }';
    const anonymous = await graphql(gateway.url, free);
    expect(anonymous.status).toBe(400);
    expect(errorCodes(anonymous)).toEqual(['PERSISTED_QUERY_REQUIRED']);
    expect(
      errorCodes(await graphql(gateway.url, free, {}, { token: await tokenFor('u1') })),
    ).toEqual(['PERSISTED_QUERY_REQUIRED']);
    for (const role of [Role.ANALYST, Role.ADMIN]) {
      const allowed = await graphql(gateway.url, free, {}, { token: await tokenFor('u1', [role]) });
      expect(allowed.data).toEqual({ video: { title: 'First video' } });
    }
    // the manifest's own operation, sent as text however printed (Apollo Client adds __typename), is persisted
    expect((await graphql(gateway.url, VIDEO, { id: 'v1' })).status).toBe(200);
    const reprinted =
      'query Video($id: ID!) {\n  video(id: $id) {\n    title\n    id\n    __typename\n  }\n}';
    expect((await graphql(gateway.url, reprinted, { id: 'v1' })).data).toEqual({
      video: { title: 'First video', id: 'v1', __typename: 'Video' },
    });
    // …but not a different selection of the same field
    expect(
      errorCodes(
        await graphql(
          gateway.url,
          'query Video($id: ID!) { video(id: $id) { id title owner { handle } } }',
          { id: 'v1' },
        ),
      ),
    ).toEqual(['PERSISTED_QUERY_REQUIRED']);
    // health checks still work
    const health = await fetch(`${gateway.url}?query=%7B__typename%7D`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(health.status).toBe(200);
  });

  it('applies the same rules to subscriptions over WebSocket', async () => {
    const free = subscribe(gateway.url, 'subscription { whoAmI }', {});
    await free.waitUntil(() => free.failures.length > 0).catch(() => undefined);
    await free.close();
    expect(JSON.stringify(free.failures)).toMatch(/PERSISTED_QUERY_REQUIRED/);
    const persisted = subscribe(gateway.url, WHO, {});
    const [event] = await persisted.waitFor(1);
    await persisted.close();
    expect(event.data).toEqual({ whoAmI: 'anonymous' });
  });
});

describe('CORS of /graphql', () => {
  const preflight = (origin: string) =>
    fetch(gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });

  it('answers preflights and requests of the first-party apps, and of the gateway itself', async () => {
    for (const origin of ['http://localhost:3000', 'http://localhost:3001']) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const request = await post(
      { documentId: hash(VIDEO), variables: { id: 'v1' } },
      { origin: 'http://localhost:3000' },
    );
    expect(request.status).toBe(200);
    expect(request.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(request.headers.get('access-control-expose-headers')).toMatch(/x-ratelimit-remaining/);
    const self = await post(
      { documentId: hash(VIDEO), variables: { id: 'v1' } },
      { origin: new URL(gateway.url).origin },
    );
    expect(self.status).toBe(200);
  });

  it('refuses other origins: no preflight, and a 403 before anything runs', async () => {
    const answer = await preflight('https://evil.example');
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    graph.clear();
    const request = await post(
      { documentId: hash(VIDEO), variables: { id: 'v1' } },
      { origin: 'https://evil.example' },
    );
    expect(request.status).toBe(403);
    expect(request.headers.get('access-control-allow-origin')).toBeNull();
    expect(graph.media.requests).toHaveLength(0);
  });
});
