import { type AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { Arg, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { createTokenVerifier } from './auth';
import { ormConfig } from './db';
import { buildFederatedSchema } from './federation';
import { createLogger } from './logger';
import { createSharedState } from './redis';
import { type BaseContext, type RunningServer, startSubgraph } from './server';
import { createTestDatabase, eventually, graphql, testKeys, tokenFor } from './testing';

@Directive('@key(fields: "viewerId")')
@ObjectType()
class Probe {
  @Field()
  viewerId!: string;
}

const idle = () => {};
let release: () => void = idle;
@Resolver()
class ProbeResolver {
  @Query(() => Int)
  async slow(@Arg('ms', () => Int) ms: number): Promise<number> {
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      release = () => (clearTimeout(timer), resolve());
    });
    return ms;
  }

  @Query(() => String)
  broken(): string {
    throw new Error('connection to 10.0.0.7 refused: password authentication failed for "admin"');
  }

  /** Runs a statement on a connection PostgreSQL terminates meanwhile (as a restart or failover would). */
  @Query(() => String)
  async databaseAway(@Ctx() context: BaseContext): Promise<string> {
    const connection = context.em.getConnection();
    await connection.execute('select pg_terminate_backend(pg_backend_pid())');
    return 'unreachable';
  }

  @Query(() => Probe, { nullable: true })
  whoami(): Probe | null {
    return null;
  }

  @Query(() => String)
  echo(@Arg('text') text: string): string {
    return text;
  }

  @Query(() => String)
  territory(@Ctx() context: BaseContext): string {
    return context.territory;
  }

  /** Who asks, from where: what a subgraph reads of the caller. */
  @Query(() => String)
  caller(@Ctx() context: BaseContext): string {
    return `${context.viewer?.id ?? 'anonymous'} at ${context.client?.ip ?? 'nowhere'}`;
  }
}

describe('startSubgraph', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase('kit_server');
    const orm = await MikroORM.init({
      ...ormConfig({ schema: 'probe', databaseUrl: database.url, entities: [], migrations: [] }),
      discovery: { warnWhenNoEntities: false },
    });
    const shared = await createSharedState();
    server = await startSubgraph(
      {
        name: 'probe',
        schema: await buildFederatedSchema(
          { resolvers: [ProbeResolver], orphanedTypes: [Probe] },
          { Probe: { __resolveReference: () => null } },
        ),
        orm,
        log: createLogger('probe', 'silent'),
        shared,
        verifyToken: createTokenVerifier((await testKeys()).jwks),
      },
      { port: 0, host: '127.0.0.1' },
    );
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it("takes the viewer's territory from the gateway's x-viewer-territory (a trusted, loopback hop)", async () => {
    const territory = async (headers: Record<string, string>) =>
      (await graphql(`${base}/graphql`, '{ territory }', {}, { headers })).data?.territory;
    expect(await territory({ 'x-viewer-territory': 'KR' })).toBe('KR');
    expect(await territory({})).toBe('JP');
    expect(await territory({ 'x-viewer-territory': 'XX' })).toBe('JP');
    // only the gateway's header counts: a CDN's header sent straight to a subgraph is not read
    expect(await territory({ 'cloudfront-viewer-country': 'KR' })).toBe('JP');
  });

  it('answers /health and /ready while the database is reachable', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('echoes a sane request id and replaces a malformed one', async () => {
    const kept = await graphql(
      server.url,
      '{ whoami { viewerId } }',
      {},
      { headers: { 'x-request-id': 'abcdef12-3456' } },
    );
    expect(kept.headers.get('x-request-id')).toBe('abcdef12-3456');
    const replaced = await graphql(
      server.url,
      '{ whoami { viewerId } }',
      {},
      { headers: { 'x-request-id': 'bad id\r\n' } },
    );
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('masks internal errors: a code for the client, nothing of the cause', async () => {
    const response = await graphql(server.url, '{ broken }');
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(response)).not.toMatch(/10\.0\.0\.7|password|stack/);
  });

  it('answers SERVICE_UNAVAILABLE, not an internal error, when the database drops the connection', async () => {
    const response = await graphql(server.url, '{ databaseAway }');
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(JSON.stringify(response)).not.toMatch(/terminat|administrator|stack/);
    // the pool replaces the connection: the next request is served
    expect((await graphql(server.url, '{ echo(text: "back") }')).data).toEqual({ echo: 'back' });
  });

  it('refuses a bad token with 401 UNAUTHENTICATED, and accepts a good one', async () => {
    const bad = await graphql(server.url, '{ whoami { viewerId } }', {}, { token: 'not.a.token' });
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const good = await graphql(
      server.url,
      '{ whoami { viewerId } }',
      {},
      { token: await tokenFor('u1') },
    );
    expect(good.status).toBe(200);
  });

  it('refuses more than 1000 entity representations in one request', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const many = Array.from({ length: 1001 }, (_, i) => ({
      __typename: 'Probe',
      viewerId: String(i),
    }));
    const response = await graphql(server.url, query, { r: many });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/At most 1000/);
    const few = await graphql(server.url, query, { r: many.slice(0, 3) });
    expect(few.errors).toBeUndefined();
  });

  it('refuses text holding U+0000 or a lone surrogate, as a variable or inline, before a resolver passes it to PostgreSQL', async () => {
    const asVariable = await graphql(server.url, 'query ($t: String!) { echo(text: $t) }', {
      t: 'nul\u0000byte',
    });
    expect(asVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // the problem names the field, as the resolvers' own checks do
    expect(asVariable.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 't' }),
    ]);
    const inline = await graphql(server.url, '{ echo(text: "nul\\u0000byte") }');
    expect(inline.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(inline.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'text' }),
    ]);
    const loneSurrogate = await graphql(server.url, 'query ($t: String!) { echo(text: $t) }', {
      t: 'half \ud800 a pair',
    });
    expect(loneSurrogate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const plain = await graphql(server.url, '{ echo(text: "no nul 𠮷 👨‍👩‍👧") }');
    expect(plain.data).toEqual({ echo: 'no nul 𠮷 👨‍👩‍👧' });
  });

  it('answers JSON POSTs on /graphql as express did: 413 over 1 MB, 400 for bad JSON, other forms still served', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const tooLarge = await post(
      JSON.stringify({ query: `{ echo(text: "${'a'.repeat(1024 * 1024)}") }` }),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await post('{"query": ')).status).toBe(400);
    // body-parser's strict mode: only an object or an array at the top
    expect((await post('"{ __typename }"')).status).toBe(400);
    // an empty body is {}: Apollo's own 400, in JSON
    const empty = await post('');
    expect(empty.status).toBe(400);
    const ok = await post(JSON.stringify({ query: '{ echo(text: "é") }' }), {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(await ok.json()).toEqual({ data: { echo: 'é' } });
    // what the direct path leaves to express: a sub-path, another charset
    const latin1 = await post(JSON.stringify({ query: '{ echo(text: "x") }' }), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(latin1.status).toBe(415);
  });

  it('answers in this process (`local`, for a gateway beside it) what it answers over HTTP', async () => {
    const local = server.local!;
    const ask = async (body: unknown, headers: Record<string, string> = {}) => {
      const answer = await local(
        { 'content-type': 'application/json', ...headers },
        typeof body === 'string' ? body : JSON.stringify(body),
      );
      return { ...answer, json: () => JSON.parse(answer.body) };
    };
    const token = await tokenFor('u1');
    const headers = {
      authorization: `Bearer ${token}`,
      'x-viewer-territory': 'KR',
      'x-forwarded-for': '203.0.113.9',
      'x-request-id': 'abcdef12-3456',
    };
    const query = '{ caller territory echo(text: "é") }';
    const overHttp = await graphql(server.url, query, {}, { token, headers });
    const inProcess = await ask({ query }, headers);
    expect(inProcess.status).toBe(200);
    expect(inProcess.json()).toEqual({ data: overHttp.data });
    expect(overHttp.data).toEqual({ caller: 'u1 at 203.0.113.9', territory: 'KR', echo: 'é' });
    expect(inProcess.headers.get('x-request-id')).toBe('abcdef12-3456');
    expect(inProcess.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await ask({ query: '{ caller }' })).json()).toEqual({
      data: { caller: 'anonymous at 127.0.0.1' },
    });
    const refused = await ask({ query }, { authorization: 'Bearer not.a.token' });
    expect(refused.status).toBe(401);
    expect(refused.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await ask({ query: `{ echo(text: "${'a'.repeat(1024 * 1024)}") }` })).status).toBe(413);
    expect((await ask('{"query": ')).status).toBe(400);
    expect((await ask('"{ __typename }"')).status).toBe(400);
    const masked = (await ask({ query: '{ broken }' })).json();
    expect(masked.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps /graphql behind a route mounted for every path (payments learns its URL from any request)', async () => {
    const orm = await MikroORM.init({
      ...ormConfig({ schema: 'probe', databaseUrl: database.url, entities: [], migrations: [] }),
      discovery: { warnWhenNoEntities: false },
    });
    const seen: string[] = [];
    const other = await startSubgraph(
      {
        name: 'probe-routes',
        schema: await buildFederatedSchema(
          { resolvers: [ProbeResolver], orphanedTypes: [Probe] },
          { Probe: { __resolveReference: () => null } },
        ),
        orm,
        log: createLogger('probe-routes', 'silent'),
        shared: await createSharedState(),
        verifyToken: createTokenVerifier((await testKeys()).jwks),
        routes: app => {
          // a router for every path whose routes are elsewhere lets /graphql skip express…
          const elsewhere = express.Router();
          elsewhere.get('/elsewhere', (_req, res) => void res.send('ok'));
          app.use(elsewhere);
          // …one with a middleware for every path does not
          const everywhere = express.Router();
          everywhere.use((req, _res, next) => {
            seen.push(req.path);
            next();
          });
          app.use(everywhere);
        },
      },
      { port: 0, host: '127.0.0.1' },
    );
    try {
      expect((await graphql(other.url, '{ echo(text: "seen") }')).data).toEqual({ echo: 'seen' });
      expect(seen).toContain('/graphql');
      // such a route must see every operation: none is answered in process
      expect(other.local).toBeUndefined();
    } finally {
      await other.stop();
    }
  });

  it('blocks CSRF-shaped requests', async () => {
    const response = await fetch(`${server.url}?query=%7B__typename%7D`);
    expect(response.status).toBe(400);
  });

  it('drains on stop: the request in flight completes, new connections are refused', async () => {
    const inFlight = graphql(server.url, '{ slow(ms: 5000) }');
    await eventually(() => release !== idle, { what: 'the slow query to be running' });
    const stopped = server.stop();
    await eventually(
      () =>
        fetch(`${base}/health`).then(
          () => false,
          () => true,
        ),
      { what: 'new connections to be refused' },
    );
    release();
    expect((await inFlight).data).toEqual({ slow: 5000 });
    await stopped;
    // in process too: refused as a closed port would be (a gateway's breaker counts it unreachable)
    await expect(
      server.local!({}, JSON.stringify({ query: '{ __typename }' })),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
