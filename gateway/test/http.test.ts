import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { badTokens, gatewayOver } from './helpers';

let graph: FixtureGraph;
let gateway: RunningGateway;

beforeAll(async () => {
  graph = await startFixtureGraph();
  // the test is a client calling the gateway directly: no proxy is trusted
  gateway = await gatewayOver(graph, { rateLimit: { limit: 0 }, trustProxy: '' });
});
afterAll(async () => {
  await gateway.stop();
  await graph.stop();
});
beforeEach(() => graph.clear());

const subgraphRequests = () => graph.accounts.requests.length + graph.media.requests.length;

describe('queries through the gateway', () => {
  it('refuses to start on a port already taken, naming it, instead of waiting for ever', async () => {
    await expect(gatewayOver(graph, { port: gateway.port })).rejects.toThrow(/EADDRINUSE/);
    // the gateway on that port is untouched
    expect((await graphql(gateway.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('plans a two-subgraph query: a video with its owner handle', async () => {
    const response = await graphql(gateway.url, '{ video(id: "v1") { title owner { handle } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ video: { title: 'First video', owner: { handle: 'alice' } } });
  });

  it('serves the realistic 7-deep connection query under the depth limit', async () => {
    const response = await graphql(
      gateway.url,
      '{ video(id: "v1") { owner { videos(first: 10) { edges { node { owner { handle } } } } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.video.owner.videos.edges).toHaveLength(2);
  });
});

describe('request bodies', () => {
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers a body that is not JSON, or too large, with a coded error', async () => {
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      errors: [
        { message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
    const scalar = await post('"{ __typename }"');
    expect(scalar.status).toBe(400);
    const large = await post(JSON.stringify({ query: `{ __typename }${' '.repeat(200_000)}` }));
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({
      errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('reads a UTF-8 body with a byte order mark, and charset=utf-8, as JSON', async () => {
    const withMark = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify({ query: '{ video(id: "v1") { title } }' })),
    ]);
    const response = await post(withMark, { 'content-type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      video: { title: 'First video' },
    });
  });
});

describe('in-flight deduplication of subgraph fetches', () => {
  it('sends identical concurrent queries of one caller to a subgraph once, and gives each its own copy', async () => {
    const token = await tokenFor('u1');
    const query = '{ video(id: "v3") { title owner { handle } } }';
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => graphql(gateway.url, query, {}, { token })),
    );
    for (const response of responses) {
      expect(response.data).toEqual({
        video: { title: 'Third video', owner: { handle: 'alice' } },
      });
    }
    expect(graph.media.requests.length).toBeLessThan(10);
    expect(graph.accounts.requests.length).toBeLessThan(10);
  });

  it('never shares a fetch between two callers with different tokens', async () => {
    const [alice, bob] = await Promise.all([
      graphql(gateway.url, '{ me { handle } }', {}, { token: await tokenFor('u1') }),
      graphql(gateway.url, '{ me { handle } }', {}, { token: await tokenFor('u2') }),
    ]);
    expect(alice.data).toEqual({ me: { handle: 'alice' } });
    expect(bob.data).toEqual({ me: { handle: 'bob' } });
    expect(graph.accounts.requests).toHaveLength(2);
  });

  it('never shares a fetch between two callers asking in different languages', async () => {
    const before = graph.accounts.requests.length;
    const token = await tokenFor('u1');
    await Promise.all(
      ['ja', 'en'].map(language =>
        graphql(
          gateway.url,
          '{ me { handle } }',
          {},
          { token, headers: { 'accept-language': language } },
        ),
      ),
    );
    expect(graph.accounts.requests.length - before).toBe(2);
  });
});

describe('identity', () => {
  it('forwards the verified token and the request id to subgraphs, and no other client header', async () => {
    const token = await tokenFor('u1');
    const response = await graphql(
      gateway.url,
      '{ me { handle } seenHeaders }',
      {},
      {
        token,
        headers: {
          'x-request-id': 'req-12345678',
          'x-user-id': 'u2',
          cookie: 'session=abc',
          'x-forwarded-for': '1.2.3.4',
        },
      },
    );
    expect(response.data).toEqual({ me: { handle: 'alice' }, seenHeaders: expect.any(Array) });
    const seen: string[] = response.data.seenHeaders;
    expect(seen).toEqual(expect.arrayContaining(['authorization', 'x-request-id']));
    expect(seen).not.toEqual(expect.arrayContaining(['x-user-id']));
    expect(seen).not.toContain('cookie');
    // The address is the gateway's own view of the caller, not the header the client sent.
    expect(graph.accounts.requests[0].headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(graph.accounts.requests[0].headers['x-request-id']).toBe('req-12345678');
    expect(graph.accounts.requests[0].headers.authorization).toBe(`Bearer ${token}`);
  });

  it("forwards a plausible Accept-Language (names in the viewer's language), and never a client territory", async () => {
    const response = await graphql(
      gateway.url,
      '{ seenHeaders }',
      {},
      {
        headers: { 'accept-language': 'en-US,en;q=0.9,ja;q=0.8', 'x-viewer-territory': 'US' },
      },
    );
    const seen: string[] = response.data.seenHeaders;
    expect(seen).toContain('accept-language');
    // The territory is the gateway's to decide (the CDN's header from a trusted hop, else
    // DEFAULT_TERRITORY), never the client's own x-viewer-territory.
    expect(graph.accounts.requests.at(-1)?.headers['x-viewer-territory']).toBe('JP');
    const junk = await graphql(
      gateway.url,
      '{ seenHeaders }',
      {},
      {
        headers: { 'accept-language': `en;q=1,${'x'.repeat(300)}` },
      },
    );
    expect(junk.data.seenHeaders).not.toContain('accept-language');
  });

  it('tells subgraphs the address a trusted proxy in front forwarded (TRUST_PROXY, loopback by default)', async () => {
    const behindProxy = await gatewayOver(graph, { rateLimit: { limit: 0 } });
    try {
      const before = graph.accounts.requests.length;
      const response = await graphql(
        behindProxy.url,
        '{ me { handle } }',
        {},
        {
          token: await tokenFor('u1'),
          headers: { 'x-forwarded-for': '203.0.113.5, 198.51.100.2' },
        },
      );
      expect(response.data).toEqual({ me: { handle: 'alice' } });
      // the proxy on loopback is trusted, 198.51.100.2 is not: that is the client
      expect(graph.accounts.requests[before].headers['x-forwarded-for']).toBe('198.51.100.2');
    } finally {
      await behindProxy.stop();
    }
  });

  it("tells subgraphs the viewer's territory from the CDN's header only when a trusted hop sent it", async () => {
    const territorySent = async (url: string, headers: Record<string, string>) => {
      const before = graph.accounts.requests.length;
      const response = await graphql(url, '{ user(id: "u2") { handle } }', {}, { headers });
      expect(response.data).toEqual({ user: { handle: 'bob' } });
      return graph.accounts.requests[before].headers['x-viewer-territory'];
    };
    // this gateway trusts no proxy (TRUST_PROXY=none): the header is anyone's to write
    expect(await territorySent(gateway.url, { 'CloudFront-Viewer-Country': 'KR' })).toBe('JP');
    const behindCdn = await gatewayOver(graph, { rateLimit: { limit: 0 } });
    const renamed = await gatewayOver(graph, {
      rateLimit: { limit: 0 },
      territoryHeader: 'CDN-Country',
      defaultTerritory: 'US',
    });
    try {
      // loopback is trusted by default: the CDN's header counts, in any case
      expect(await territorySent(behindCdn.url, { 'CloudFront-Viewer-Country': 'kr' })).toBe('KR');
      expect(await territorySent(behindCdn.url, {})).toBe('JP');
      expect(await territorySent(behindCdn.url, { 'CloudFront-Viewer-Country': 'XX' })).toBe('JP');
      // what a client writes in the subgraphs' header is never passed on
      expect(await territorySent(behindCdn.url, { 'x-viewer-territory': 'KR' })).toBe('JP');
      expect(
        await territorySent(renamed.url, {
          'CDN-Country': 'FR',
          'CloudFront-Viewer-Country': 'KR',
        }),
      ).toBe('FR');
      expect(await territorySent(renamed.url, {})).toBe('US');
      // the same anonymous query from two territories at once is two questions, never one shared fetch
      const before = graph.accounts.requests.length;
      await Promise.all(
        ['KR', 'FR', 'KR', 'FR'].map(country =>
          graphql(
            behindCdn.url,
            '{ user(id: "u1") { handle } }',
            {},
            { headers: { 'CloudFront-Viewer-Country': country } },
          ),
        ),
      );
      const seen = graph.accounts.requests
        .slice(before)
        .map(request => request.headers['x-viewer-territory']);
      expect(new Set(seen)).toEqual(new Set(['KR', 'FR']));
    } finally {
      await behindCdn.stop();
      await renamed.stop();
    }
  });

  it.each(['forged', 'tampered', 'expired', 'algNone', 'wrongTyp', 'garbage'])(
    'refuses a %s token with 401 UNAUTHENTICATED before any subgraph is called',
    async kind => {
      const token = (await badTokens())[kind];
      const response = await graphql(gateway.url, '{ me { handle } }', {}, { token });
      expect(response.status).toBe(401);
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.data).toBeUndefined();
      expect(subgraphRequests()).toBe(0);
    },
  );

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await graphql(
      gateway.url,
      '{ video(id: "v1") { id } }',
      {},
      { headers: { authorization: 'Basic dTE6cHc=' } },
    );
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('lets anonymous callers read public fields', async () => {
    const response = await graphql(gateway.url, '{ user(id: "u2") { handle } }');
    expect(response.data).toEqual({ user: { handle: 'bob' } });
  });

  it.each([
    [
      '_entities',
      '{ _entities(representations: [{ __typename: "User", id: "u1" }]) { ... on User { handle } } }',
    ],
    ['_service', '{ _service { sdl } }'],
  ])('refuses %s: it is not part of the API schema', async (_name, query) => {
    const response = await graphql(gateway.url, query);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(subgraphRequests()).toBe(0);
  });
});

describe('CSRF prevention and HTTP shape', () => {
  it('blocks a GET with no content type and no preflight header', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('blocks a text/plain POST', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(400);
    expect(subgraphRequests()).toBe(0);
  });

  it('lets a JSON POST through, and a GET with apollo-require-preflight', async () => {
    expect((await graphql(gateway.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
  });

  it('refuses HTTP batching', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it('refuses a body over the size limit with a coded error', async () => {
    const response = await graphql(gateway.url, '{ __typename }', { padding: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(errorCodes(response)).toEqual(['BAD_REQUEST']);
  });

  it('refuses a subscription over HTTP with a clear message', async () => {
    const response = await graphql(gateway.url, 'subscription { messageAdded(room: "r") { id } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].message).toMatch(/WebSocket/);
    expect(subgraphRequests()).toBe(0);
  });
});

describe('introspection and suggestions', () => {
  it('keeps introspection on for partners and the playground', async () => {
    const response = await graphql(
      gateway.url,
      '{ __schema { queryType { name } } __type(name: "Video") { fields { name } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.__schema.queryType.name).toBe('Query');
  });

  it('hides "Did you mean" suggestions', async () => {
    const response = await graphql(gateway.url, '{ vidoe(id: "v1") { id } }');
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});

describe('error masking', () => {
  it('masks a plain Error from a subgraph as INTERNAL_SERVER_ERROR with the request id and no details', async () => {
    const response = await graphql(
      gateway.url,
      '{ boom }',
      {},
      { headers: { 'x-request-id': 'req-boom-0001' } },
    );
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error.message).toBe('Internal server error');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-boom-0001' });
    expect(JSON.stringify(response)).not.toMatch(/ECONNREFUSED|secret|stack|serviceName/);
  });

  it.each([
    ['BAD_USER_INPUT', 'The title is too long.'],
    ['UNAUTHENTICATED', 'Sign in to see this.'],
    ['NOT_FOUND', 'Video was not found.'],
  ])('passes a subgraph %s error through with its code and message', async (code, message) => {
    const response = await graphql(
      gateway.url,
      'query ($code: String!) { failWith(code: $code) }',
      { code },
    );
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].message).toBe(message);
    expect(response.errors![0].extensions?.code).toBe(code);
    expect(response.errors![0].path).toEqual(['failWith']);
  });

  it('keeps field-level problems of a BAD_USER_INPUT', async () => {
    const response = await graphql(gateway.url, '{ failWith(code: "BAD_USER_INPUT") }');
    expect(response.errors![0].extensions?.problems).toEqual([
      { field: 'title', message: 'At most 100 characters.' },
    ]);
  });

  it('passes UNAUTHENTICATED from a subgraph for an anonymous `me`', async () => {
    const response = await graphql(gateway.url, '{ me { handle } }');
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});
