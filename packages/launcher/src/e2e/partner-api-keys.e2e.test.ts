import { createHash } from 'node:crypto';
import { errorCodes, graphql, subscribe } from '@vp/kit/testing';
import { Client } from 'pg';
import { startTestPlatform, type Person, type TestPlatform } from '../testing/test-platform';

// Issue 15 (the public API for partners): API keys end to end through the gateway.
describe('API keys through the gateway', () => {
  let platform: TestPlatform;
  let db: Client;
  let alice: Person;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users', 'videos'] });
    db = new Client({ connectionString: platform.database.url });
    await db.connect();
    alice = await platform.signUp({ name: 'partner' });
  }, 90_000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const CREATE = `mutation ($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { key apiKey { id name prefix scopes allowedOrigins createdAt lastUsedAt revokedAt } } }`;

  async function createKey(owner: Person, scopes: string[], allowedOrigins: string[] = []) {
    const response = await platform.query(
      CREATE,
      { input: { name: 'my app', scopes, allowedOrigins } },
      owner.token,
    );
    expect(response.errors).toBeUndefined();
    return response.data.createApiKey as { key: string; apiKey: { id: string; prefix: string } };
  }

  it('shows a key once, keeps only its hash, lists it by prefix, and acts as its owner', async () => {
    const { key, apiKey } = await createKey(alice, ['PUBLIC_READ']);
    expect(key).toMatch(/^vp_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: 'my app',
      prefix: key.slice(0, 11),
      scopes: ['PUBLIC_READ'],
      lastUsedAt: null,
      revokedAt: null,
    });

    const stored = await db.query('select * from users.api_key where id = $1', [apiKey.id]);
    expect(stored.rows[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored.rows[0])).not.toContain(key.slice(11));

    const listed = await platform.query(
      '{ me { apiKeys { id name prefix scopes lastUsedAt revokedAt } } }',
      {},
      alice.token,
    );
    expect(listed.data.me.apiKeys).toEqual([
      {
        id: apiKey.id,
        name: 'my app',
        prefix: key.slice(0, 11),
        scopes: ['PUBLIC_READ'],
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(key.slice(11));

    const me = await graphql(
      platform.url,
      '{ me { id handle email } rateLimit { limit cost remaining resetAt } }',
      {},
      { token: key },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toEqual({
      id: alice.id,
      handle: alice.handle,
      email: `${alice.handle}@example.com`,
    });
    // me 1 + rateLimit 0
    expect(me.data.rateLimit).toMatchObject({
      limit: 5000,
      cost: 1,
      remaining: expect.any(Number),
    });
    expect(new Date(me.data.rateLimit.resetAt).getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(me.headers.get('x-ratelimit-limit')).toBe('5000');
    const free = await graphql(
      platform.url,
      '{ rateLimit { cost remaining } }',
      {},
      { token: key },
    );
    expect(free.data.rateLimit.cost).toBe(0);

    const used = await db.query('select last_used_at from users.api_key where id = $1', [
      apiKey.id,
    ]);
    expect(used.rows[0].last_used_at).toBeInstanceOf(Date);
  });

  it('refuses what the scopes do not allow with FORBIDDEN and requiredScope, running nothing', async () => {
    const { key } = await createKey(alice, ['PUBLIC_READ']);
    const upload = await graphql(
      platform.url,
      'mutation ($input: CreateUploadInput!) { createUpload(input: $input) { video { id } } }',
      { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 1000, title: 'By key' } },
      { token: key },
    );
    expect(upload.status).toBe(403);
    expect(upload.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'VIDEOS_WRITE' }),
      }),
    ]);
    expect(
      (await db.query("select count(*)::int as n from videos.video where title = 'By key'")).rows[0]
        .n,
    ).toBe(0);

    const keys = await graphql(platform.url, '{ me { apiKeys { id } } }', {}, { token: key });
    expect(keys.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: null });
    const another = await graphql(
      platform.url,
      CREATE,
      { input: { name: 'x', scopes: ['PUBLIC_READ'] } },
      { token: key },
    );
    expect(another.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: null });

    const writer = await createKey(alice, ['VIDEOS_WRITE']);
    const allowed = await graphql(
      platform.url,
      'mutation ($input: CreateUploadInput!) { createUpload(input: $input) { video { id status } } }',
      {
        input: {
          filename: 'a.mp4',
          contentType: 'video/mp4',
          sizeBytes: 1000,
          title: 'By writer key',
        },
      },
      { token: writer.key },
    );
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.createUpload.video.status).toBe('AWAITING_UPLOAD');
    // a VIDEOS_WRITE key without PUBLIC_READ reads nothing but itself
    const read = await graphql(
      platform.url,
      '{ videos(first: 1) { edges { node { id } } } }',
      {},
      { token: writer.key },
    );
    expect(read.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'PUBLIC_READ',
    });

    // over WebSocket too: a key cannot follow the account's security alerts
    const alerts = subscribe(platform.url, 'subscription { securityAlerts { kind } }', {}, key);
    await alerts.waitUntil(() => alerts.failures.length > 0).catch(() => undefined);
    await alerts.close();
    expect(JSON.stringify(alerts.failures)).toMatch(/"code":"FORBIDDEN","requiredScope":null/);
  });

  it('gives ANALYTICS_READ only to ANALYST and ADMIN accounts, and checks the input', async () => {
    const refused = await platform.query(
      CREATE,
      { input: { name: 'a', scopes: ['ANALYTICS_READ'] } },
      alice.token,
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const bad = await platform.query(
      CREATE,
      {
        input: {
          name: ' ',
          scopes: [],
          allowedOrigins: ['http://evil.example', 'https://ok.example/path'],
        },
      },
      alice.token,
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const fields = (bad.errors![0].extensions!.problems as { field: string }[]).map(
      problem => problem.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['input.name']));
    const second = await platform.query(
      CREATE,
      { input: { name: 'a', scopes: [], allowedOrigins: ['http://evil.example'] } },
      alice.token,
    );
    expect(
      (second.errors![0].extensions!.problems as { field: string }[]).map(problem => problem.field),
    ).toEqual(['input.scopes', 'input.allowedOrigins.0']);
    const anonymous = await platform.query(CREATE, {
      input: { name: 'a', scopes: ['PUBLIC_READ'] },
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a key from the request after it is revoked, and an unknown key, with 401 UNAUTHENTICATED', async () => {
    const { key, apiKey } = await createKey(alice, ['PUBLIC_READ']);
    expect((await graphql(platform.url, '{ me { id } }', {}, { token: key })).status).toBe(200);
    const revoked = await platform.query(
      'mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }',
      { id: apiKey.id },
      alice.token,
    );
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    const after = await graphql(platform.url, '{ me { id } }', {}, { token: key });
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
    const unknown = await graphql(
      platform.url,
      '{ __typename }',
      {},
      { token: `vp_${'A'.repeat(43)}` },
    );
    expect(unknown.status).toBe(401);
    // someone else's key cannot be revoked by id
    const bob = await platform.signUp({ name: 'other' });
    const mine = await createKey(alice, ['PUBLIC_READ']);
    const theirs = await platform.query(
      'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: mine.apiKey.id },
      bob.token,
    );
    expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
    expect((await graphql(platform.url, '{ me { id } }', {}, { token: mine.key })).status).toBe(
      200,
    );
  });

  it("lets browsers call from a key's allowedOrigins with that key only", async () => {
    const origin = 'https://partner.example';
    const { key } = await createKey(alice, ['PUBLIC_READ'], [origin]);
    const preflight = await fetch(platform.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const withKey = await graphql(
      platform.url,
      '{ me { id } }',
      {},
      { token: key, headers: { origin } },
    );
    expect(withKey.status).toBe(200);
    expect(withKey.headers.get('access-control-allow-origin')).toBe(origin);
    const withSession = await graphql(
      platform.url,
      '{ me { id } }',
      {},
      { token: alice.token, headers: { origin } },
    );
    expect(withSession.status).toBe(403);
    const other = await createKey(alice, ['PUBLIC_READ']);
    expect(
      (await graphql(platform.url, '{ me { id } }', {}, { token: other.key, headers: { origin } }))
        .status,
    ).toBe(403);
  });

  it("spends the key's own budget when it has one", async () => {
    const { key, apiKey } = await createKey(alice, ['PUBLIC_READ']);
    await db.query(
      'update users.api_key set budget_points = 100, budget_restore_rate = 2 where id = $1',
      [apiKey.id],
    );
    const response = await graphql(platform.url, '{ me { id } }', {}, { token: key });
    expect(response.headers.get('x-ratelimit-limit')).toBe('100');
    expect(response.headers.get('x-ratelimit-restore-rate')).toBe('2');
    // and not the owner's own (session) budget
    const session = await graphql(platform.url, '{ me { id } }', {}, { token: alice.token });
    expect(session.headers.get('x-ratelimit-limit')).toBe('5000');
  });

  describe('analytics', () => {
    const today = () => new Date().toISOString().slice(0, 10);
    const ANALYTICS = `query ($from: String!, $to: String!) { analytics {
      signupsByDay(from: $from, to: $to) { day count }
      viewsByDay(from: $from, to: $to) { day views watchSeconds uniqueViewers }
      topVideos(from: $from, to: $to, first: 5) { views video { id title owner { handle email } } } } }`;

    /** An account made ANALYST (as `npm run admin -- grant-role` would) and signed in again. */
    async function analyst() {
      const person = await platform.signUp({ name: 'analyst' });
      await db.query(`update users."user" set roles = '{VIEWER,ANALYST}' where id = $1`, [
        person.id,
      ]);
      const signedIn = await platform.query(
        'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }',
        {
          input: {
            email: `${person.handle}@example.com`,
            password: 'correct horse battery staple',
          },
        },
      );
      return { ...person, token: signedIn.data.signIn.accessToken as string };
    }

    it('answers analysts with aggregates only (never an email), and refuses everyone else', async () => {
      const analystPerson = await analyst();
      const creator = await platform.signUp({ name: 'creator' });
      const [video] = (
        await db.query(
          `insert into videos.video (id, owner_id, title, description, tags, visibility, status, kind, audience, required_plan, created_at, updated_at, published_at)
           values (gen_random_uuid(), $1, 'Counted', '', '{}', 'PUBLIC', 'READY', 'VIDEO', 'GENERAL', 'FREE', now(), now(), now()) returning id`,
          [creator.id],
        )
      ).rows;
      await db.query(
        `insert into videos.video_daily_stat (video_id, day, views, watch_seconds, likes, comments) values ($1, (now() at time zone 'utc')::date, 3, 90, 0, 0)`,
        [video.id],
      );
      const response = await graphql(
        platform.url,
        ANALYTICS,
        { from: today(), to: today() },
        { token: analystPerson.token },
      );
      expect(response.errors).toBeUndefined();
      const [signups] = response.data.analytics.signupsByDay;
      expect(signups.day).toBe(today());
      expect(signups.count).toBeGreaterThanOrEqual(1);
      expect(response.data.analytics.topVideos).toEqual([
        {
          views: 3,
          video: { id: video.id, title: 'Counted', owner: { handle: creator.handle, email: null } },
        },
      ]);
      expect(JSON.stringify(response.data)).not.toMatch(/@example\.com/);

      const viewer = await graphql(
        platform.url,
        ANALYTICS,
        { from: today(), to: today() },
        { token: creator.token },
      );
      expect(errorCodes(viewer)).toContain('FORBIDDEN');
      const anonymous = await graphql(platform.url, ANALYTICS, { from: today(), to: today() });
      expect(errorCodes(anonymous)).toContain('UNAUTHENTICATED');
      const tooLong = await graphql(
        platform.url,
        ANALYTICS,
        { from: '2025-01-01', to: '2026-06-01' },
        { token: analystPerson.token },
      );
      expect(errorCodes(tooLong)).toContain('BAD_USER_INPUT');
    });

    it('takes a key with ANALYTICS_READ, and refuses a key without it before anything runs', async () => {
      const analystPerson = await analyst();
      const reader = await createKey(analystPerson, ['ANALYTICS_READ']);
      const withKey = await graphql(
        platform.url,
        ANALYTICS,
        { from: today(), to: today() },
        { token: reader.key },
      );
      expect(withKey.errors).toBeUndefined();
      expect(withKey.data.analytics.signupsByDay).toHaveLength(1);
      const plain = await createKey(analystPerson, ['PUBLIC_READ']);
      const refused = await graphql(
        platform.url,
        ANALYTICS,
        { from: today(), to: today() },
        { token: plain.key },
      );
      expect(refused.status).toBe(403);
      expect(refused.errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        requiredScope: 'ANALYTICS_READ',
      });
    });
  });
});
