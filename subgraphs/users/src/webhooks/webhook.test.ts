import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { LiveStreamChanged, TipReceived, VideoDeleted, VideoPublished } from '@vp/contracts';
import { eventually, errorCodes } from '@vp/kit/testing';
import { Webhook } from 'standardwebhooks';
import { joinMessageBus, type MessageBus, startUsers, type UsersHarness } from '../../test/harness';
import { sendSigned } from './webhook-sender';
import { isPublicAddress, resolveTarget, urlProblem } from './webhook-target';

/** A local receiver: records every request; answers with the next status of `script`, then 200. */
async function receiver() {
  const requests: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  const script: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body, at: Date.now() });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    requests,
    script,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url events enabled } } }`;
const LOG = `{ me { webhookEndpoints { id url events enabled disabledReason
  deliveries(first: 20) { edges { node { id event status attempts responseStatus lastError createdAt deliveredAt } } } } } }`;

describe('webhooks (embedded: loopback http allowed)', () => {
  let users: UsersHarness;
  let bus: MessageBus;
  let hooks: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    users = await startUsers({ webhooks: { retryDelaySeconds: 1 } });
    bus = await joinMessageBus(users.databaseUrl);
    hooks = await receiver();
  });
  afterAll(async () => {
    await hooks?.close();
    await bus?.stop();
    await users?.stop();
  });
  beforeEach(() => {
    hooks.requests.length = 0;
    hooks.script.length = 0;
  });

  async function endpointFor(events: string[]) {
    const creator = await users.signUp();
    const created = await users.query(
      CREATE,
      { input: { url: hooks.url, events } },
      creator.accessToken,
    );
    expect(created.errors).toBeUndefined();
    return {
      creator,
      ...(created.data.createWebhookEndpoint as { secret: string; endpoint: { id: string } }),
    };
  }

  it('delivers an event of the owner’s channel within seconds, signed per Standard Webhooks, and logs it', async () => {
    const { creator, secret, endpoint } = await endpointFor(['VIDEO_PUBLISHED', 'TIP_RECEIVED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const videoId = randomUUID();
    const published = Date.now();
    await bus.publish(VideoPublished, { id: videoId, ownerId: creator.user.id, title: 'Trains' });
    // someone else's video and an event the endpoint does not listen to send nothing
    await bus.publish(VideoPublished, { id: randomUUID(), ownerId: randomUUID() });
    await bus.publish(VideoDeleted, { id: videoId, ownerId: creator.user.id });
    await eventually(() => hooks.requests.length, { until: n => n >= 1, what: 'the delivery' });
    const [request] = hooks.requests;
    expect(request.at - published).toBeLessThan(5000);
    const verified = new Webhook(secret).verify(
      request.body,
      request.headers as Record<string, string>,
    ) as Record<string, any>;
    expect(verified).toMatchObject({
      type: 'video.published',
      data: { id: videoId, title: 'Trains' },
    });
    expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(() =>
      new Webhook(
        `whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`,
      ).verify(request.body, request.headers as Record<string, string>),
    ).toThrow();

    await bus.publish(TipReceived, {
      tipId: randomUUID(),
      creatorId: creator.user.id,
      amountJpy: 500,
    });
    await eventually(() => hooks.requests.length, { until: n => n >= 2, what: 'the tip delivery' });
    expect(JSON.parse(hooks.requests[1].body)).toMatchObject({
      type: 'tip.received',
      data: { amountJpy: 500 },
    });

    const log = await users.query(LOG, {}, creator.accessToken);
    const [listed] = log.data.me.webhookEndpoints;
    expect(listed).toMatchObject({
      id: endpoint.id,
      url: hooks.url,
      events: ['VIDEO_PUBLISHED', 'TIP_RECEIVED'],
      enabled: true,
    });
    expect(JSON.stringify(log.data)).not.toContain(secret.slice(6));
    const nodes = listed.deliveries.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes).toEqual([
      expect.objectContaining({
        event: 'TIP_RECEIVED',
        status: 'DELIVERED',
        attempts: 1,
        responseStatus: 200,
      }),
      expect.objectContaining({
        event: 'VIDEO_PUBLISHED',
        status: 'DELIVERED',
        attempts: 1,
        responseStatus: 200,
      }),
    ]);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(hooks.requests).toHaveLength(2);
  });

  it('retries a receiver that fails twice, then succeeds: delivered once more, not twice more', async () => {
    const { creator, secret } = await endpointFor(['LIVE_STARTED', 'LIVE_ENDED']);
    hooks.script.push(500, 503);
    const streamId = randomUUID();
    await bus.publish(LiveStreamChanged, {
      id: streamId,
      ownerId: creator.user.id,
      status: 'LIVE',
      startedAt: new Date().toISOString(),
    });
    // the same stream going LIVE again (an edit while on air) is not a second LIVE_STARTED
    await bus.publish(LiveStreamChanged, {
      id: streamId,
      ownerId: creator.user.id,
      status: 'LIVE',
      startedAt: new Date().toISOString(),
    });
    await eventually(() => hooks.requests.length, {
      until: n => n >= 3,
      what: 'three tries',
      timeoutMs: 20_000,
    });
    await new Promise(resolve => setTimeout(resolve, 4000));
    expect(hooks.requests).toHaveLength(3);
    const ids = new Set(hooks.requests.map(request => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const request of hooks.requests) {
      expect(
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>),
      ).toMatchObject({ type: 'live.started' });
    }
    const log = await users.query(LOG, {}, creator.accessToken);
    expect(log.data.me.webhookEndpoints[0].deliveries.edges).toEqual([
      {
        node: expect.objectContaining({
          event: 'LIVE_STARTED',
          status: 'DELIVERED',
          attempts: 3,
          responseStatus: 200,
          lastError: null,
        }),
      },
    ]);
  }, 40_000);

  it('connects to the address resolved once, whatever the name would resolve to later (pinned)', async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    // a name no DNS answers: only the pinned address can have been used
    const url = new URL(`http://pinned.invalid:${hooks.port}/hooks`);
    const result = await sendSigned(
      { url, address: '127.0.0.1', family: 4 },
      secret,
      { id: 'msg_1', body: '{"type":"test"}' },
      2000,
    );
    expect(result.status).toBe(200);
    expect(hooks.requests[0].headers.host).toBe(`pinned.invalid:${hooks.port}`);
    expect(
      new Webhook(secret).verify(
        hooks.requests[0].body,
        hooks.requests[0].headers as Record<string, string>,
      ),
    ).toEqual({ type: 'test' });
  });

  it('sends a TEST delivery on request, and refuses bad input and other accounts', async () => {
    const { creator, endpoint } = await endpointFor(['VIDEO_PUBLISHED']);
    const sent = await users.query(
      'mutation ($id: ID!) { sendTestWebhook(endpointId: $id) }',
      { id: endpoint.id },
      creator.accessToken,
    );
    expect(sent.data.sendTestWebhook).toBe(true);
    await eventually(() => hooks.requests.length, {
      until: n => n >= 1,
      what: 'the test delivery',
    });
    expect(JSON.parse(hooks.requests[0].body)).toMatchObject({ type: 'test' });

    const bad = await users.query(
      CREATE,
      { input: { url: 'ftp://example.com/x', events: [] } },
      creator.accessToken,
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(
      (bad.errors![0].extensions!.problems as { field: string }[]).map(problem => problem.field),
    ).toEqual(['input.url', 'input.events']);
    const other = await users.signUp();
    const theirs = await users.query(
      'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }',
      { id: endpoint.id },
      other.accessToken,
    );
    expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
    const anonymous = await users.query(CREATE, {
      input: { url: hooks.url, events: ['VIDEO_PUBLISHED'] },
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const deleted = await users.query(
      'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }',
      { id: endpoint.id },
      creator.accessToken,
    );
    expect(deleted.data.deleteWebhookEndpoint).toBe(true);
    expect((await users.query(LOG, {}, creator.accessToken)).data.me.webhookEndpoints).toEqual([]);
  });
});

describe('webhooks in production mode (https and public addresses only)', () => {
  let users: UsersHarness;
  let bus: MessageBus;

  beforeAll(async () => {
    users = await startUsers({
      webhooks: { allowLocal: false, retryDelaySeconds: 1, retryWindowMs: 0 },
    });
    bus = await joinMessageBus(users.databaseUrl);
  });
  afterAll(async () => {
    await bus?.stop();
    await users?.stop();
  });

  it('refuses private, loopback and link-local addresses, and http', async () => {
    const creator = await users.signUp();
    for (const url of [
      'http://example.com/hook',
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'https://[::ffff:192.168.0.1]/x',
    ]) {
      const refused = await users.query(
        CREATE,
        { input: { url, events: ['VIDEO_PUBLISHED'] } },
        creator.accessToken,
      );
      expect({ url, codes: errorCodes(refused) }).toEqual({ url, codes: ['BAD_USER_INPUT'] });
    }
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(
      ['100.64.0.1', '0.0.0.0', 'fe80::1', 'fc00::1', '224.0.0.1'].map(isPublicAddress),
    ).toEqual([false, false, false, false, false]);
    expect(urlProblem('https://user:pw@example.com/', false)).toMatch(/user name/);
    await expect(resolveTarget('https://localhost/x', false)).rejects.toThrow(/not public/);
  });

  it('refuses at delivery a name that resolves to a private address, then disables the endpoint and emails its owner', async () => {
    const creator = await users.signUp();
    // a name, so it passes the form check; it resolves to loopback when the delivery is tried
    const created = await users.query(
      CREATE,
      { input: { url: 'https://localhost:9/hook', events: ['VIDEO_PUBLISHED'] } },
      creator.accessToken,
    );
    expect(created.errors).toBeUndefined();
    await bus.publish(VideoPublished, { id: randomUUID(), ownerId: creator.user.id });
    const endpoints = await eventually(
      async () => (await users.query(LOG, {}, creator.accessToken)).data.me.webhookEndpoints,
      {
        until: list => list[0]?.enabled === false,
        what: 'the endpoint to be disabled',
      },
    );
    expect(endpoints[0].disabledReason).toMatch(/not public/);
    expect(endpoints[0].deliveries.edges[0].node).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      responseStatus: null,
    });
    const mail = await users.mailTo(creator.input.email, 2); // 1: verify your email
    expect(mail.subject).toBe('Your webhook endpoint was disabled');
    expect(mail.text).toContain('https://localhost:9/hook');
  });
});
