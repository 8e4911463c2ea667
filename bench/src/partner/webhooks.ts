import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VideoPublished } from '@vp/contracts';
import { createLogger, InboxEntry, Messaging, openDatabase, runSubgraph } from '@vp/kit';
import { createTestDatabase, graphql, testKeys } from '@vp/kit/testing';
import { Client } from 'pg';
import { LocalMailbox, users } from '@vp/users';
import { sendSigned } from '@vp/users/src/webhooks/webhook-sender';
import { percentile, table } from './run';

const EVENTS = Number(process.env.WEBHOOK_EVENTS ?? 20);
const TESTS_PER_ENDPOINT = Number(process.env.WEBHOOK_TESTS ?? 100);
const ENDPOINTS = 10;

/**
 * 4. Webhook throughput: one creator with 10 endpoints on a local receiver (answers 204 at once).
 * (a) 100 deliveries per endpoint written at once as the event consumers write them (a row and an
 * outbox job each), then the whole way (outbox relay → pg-boss → signed POST → DELIVERED), against
 * the same number of signed POSTs sent straight. (b) VideoPublished events on the bus, one a second: the time from the event to
 * its delivery (through users' consumer of the event).
 */
export async function benchWebhooks() {
  process.env.LOG_LEVEL ??= 'warn';
  const db = await createTestDatabase('bench_webhooks');
  const received = new Map<string, number>();
  let count = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      count += 1;
      const id = (JSON.parse(body) as { data?: { id?: string } }).data?.id;
      if (id && !received.has(id)) {
        received.set(id, Date.now());
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const keys = await testKeys();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-webhooks-'));
  const server = await runSubgraph(users, {
    databaseUrl: db.url,
    jwks: keys.jwks,
    signingKey: keys.privateJwk,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    mailer: new LocalMailbox(dataDir),
  });
  const orm = await openDatabase({
    schema: 'users',
    databaseUrl: db.url,
    entities: [InboxEntry],
    migrations: [],
    migrate: false,
  });
  const bus = await Messaging.start({
    consumer: 'bench-producer',
    databaseUrl: db.url,
    orm,
    log: createLogger('bench', 'warn'),
  });
  try {
    const signUp = await graphql(
      server.url,
      'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
      {
        input: {
          email: 'creator@example.com',
          password: 'correct horse battery staple',
          handle: 'bench_creator',
          displayName: 'Creator',
          birthDate: '1990-01-01',
        },
      },
    );
    const { accessToken, user } = signUp.data.signUp as {
      accessToken: string;
      user: { id: string };
    };
    for (let i = 0; i < ENDPOINTS; i++) {
      const created = await graphql(
        server.url,
        'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
        { input: { url: `${url}?endpoint=${i}`, events: ['VIDEO_PUBLISHED'] } },
        { token: accessToken },
      );
      if (created.errors) {
        throw new Error(JSON.stringify(created.errors));
      }
    }
    const waitFor = async (total: number) => {
      const deadline = Date.now() + 600_000;
      while (count < total && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
    };

    // (a) the delivery pipeline: the deliveries and their jobs written at once, as the consumers'
    // transactions write them (a row and an outbox job each) — then outbox relay → pg-boss →
    // signed POST → DELIVERED, timed until the receiver has every one
    const expected = TESTS_PER_ENDPOINT * ENDPOINTS;
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    const started = Date.now();
    await sql.query(
      `with deliveries as (
         insert into users.webhook_delivery (id, endpoint_id, event, dedupe_key, payload, status, attempts, created_at)
         select gen_random_uuid(), e.id, 'TEST', 'bench:' || i, jsonb_build_object('type', 'test', 'data', jsonb_build_object('n', i)), 'PENDING', 0, now()
         from users.webhook_endpoint e cross join generate_series(1, $1) as i
         returning id
       )
       insert into users.outbox (id, kind, name, payload, created_at)
       select gen_random_uuid(), 'job', 'users.webhook-delivery', jsonb_build_object('deliveryId', id), now() from deliveries`,
      [TESTS_PER_ENDPOINT],
    );
    await waitFor(expected);
    const seconds = (Date.now() - started) / 1000;
    const delivered = count;
    const stored = (await sql.query("select count(*)::int as n from users.webhook_delivery where status = 'DELIVERED'")).rows[0].n as number;
    await sql.end();

    // (b) from events: VideoPublished on the bus, consumed by users (one event at a time per
    // consumer queue), a delivery per endpoint
    const published = new Map<string, number>();
    for (let i = 0; i < EVENTS; i++) {
      const id = randomUUID();
      published.set(id, Date.now());
      await bus.publish(VideoPublished, { ...VideoPublished.example, id, ownerId: user.id });
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    await waitFor(delivered + EVENTS * ENDPOINTS);
    const firstDelivery = [...published].map(([id, at]) => (received.get(id) ?? Date.now()) - at);

    // the baseline: the same number of signed POSTs, straight, 50 at a time (2 workers × 25)
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const target = { url: new URL(url), address: '127.0.0.1', family: 4 as const };
    const directStarted = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < expected) {
          next += 1;
          await sendSigned(
            target,
            secret,
            {
              id: `msg_${next}`,
              body: JSON.stringify({ type: 'video.published', data: { id: 'x' } }),
            },
            10_000,
          );
        }
      }),
    );
    const directSeconds = (Date.now() - directStarted) / 1000;
    table(
      `4. webhook deliveries to a local receiver (answers 204) — ${ENDPOINTS} endpoints, 2 job workers taking 25 at a time, one process. ` +
        `From ${EVENTS} VideoPublished events, one a second: event → delivery p50 ${percentile(firstDelivery, 50)} ms, p95 ${percentile(firstDelivery, 95)} ms. ` +
        `(${stored} stored as DELIVERED.)`,
      [
        ['path', 'deliveries', 'seconds', 'deliveries/s', '× straight POSTs'],
        [
          'queued → outbox relay → pg-boss → signed POST → DELIVERED',
          String(delivered),
          seconds.toFixed(1),
          (delivered / seconds).toFixed(0),
          (delivered / seconds / (expected / directSeconds)).toFixed(3),
        ],
        [
          'signed POSTs sent straight, 50 at once (baseline)',
          String(expected),
          directSeconds.toFixed(1),
          (expected / directSeconds).toFixed(0),
          '1.000',
        ],
      ],
    );
  } finally {
    await bus.stop();
    await orm.close();
    await server.stop();
    receiver.close();
    await db.drop();
  }
}
