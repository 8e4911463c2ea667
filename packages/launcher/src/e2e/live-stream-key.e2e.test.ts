import { type EntityManager } from '@mikro-orm/postgresql';
import { eventTopic, LiveStreamChanged, parseEmitted } from '@vp/contracts';
import { type EventEnvelope, type MikroORM, openDatabase } from '@vp/kit';
import PgBoss from 'pg-boss';
import { errorCodes, eventually, graphql } from '@vp/kit/testing';
import { live } from '@vp/live';
import { LiveStream, LiveStreamStatus } from '@vp/live/src/streams/live-stream.entity';
import {
  endSession,
  startSession,
  verifyStreamKey,
} from '@vp/live/src/streams/live-stream.service';
import { hashStreamKey } from '@vp/live/src/streams/stream-key';
import { type Person, startTestPlatform, type TestPlatform } from '../testing/test-platform';

let platform: TestPlatform;
let url: string;
let owner: Person;
let stranger: Person;
let orm: MikroORM;
const em = () => orm.em.fork() as EntityManager;

beforeAll(async () => {
  platform = await startTestPlatform({ subgraphs: ['users', 'live'] });
  url = platform.url;
  [owner, stranger] = await Promise.all([
    platform.signUp({ name: 'owner' }),
    platform.signUp({ name: 'stranger' }),
  ]);
  orm = await openDatabase({
    schema: 'live',
    databaseUrl: platform.database.url,
    entities: live.entities,
    migrations: live.migrations,
    migrate: false,
  });
}, 60_000);
afterAll(async () => {
  await orm?.close();
  await platform?.stop();
});

// The test platform's ingest listens on a free port.
const RTMP_URL = expect.stringMatching(/^rtmp:\/\/[\w.]+:\d+\/live$/);

const CREATE = `mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) {
  id title description status requiredPlan audience scheduledAt owner { id handle } ingest { rtmpUrl streamKey streamKeyHint } } }`;
const READ =
  'query ($id: ID!) { liveStream(id: $id) { id title ingest { rtmpUrl streamKey streamKeyHint } } }';
const ROTATE =
  'mutation ($id: ID!) { rotateStreamKey(id: $id) { id ingest { streamKey streamKeyHint } } }';

async function create(input: Record<string, unknown> = { title: 'Going live' }) {
  const response = await graphql(url, CREATE, { input }, { token: owner.token });
  expect(response.errors).toBeUndefined();
  return response.data.createLiveStream;
}

describe('createLiveStream', () => {
  it('creates a SCHEDULED stream of the signed-in user and shows its key once', async () => {
    const scheduledAt = new Date(Date.now() + 3600_000).toISOString();
    const stream = await create({
      title: '  Night walk  ',
      description: 'Shibuya at night',
      requiredPlan: 'PREMIUM',
      audience: 'GENERAL',
      scheduledAt,
    });
    expect(stream).toMatchObject({
      title: 'Night walk',
      description: 'Shibuya at night',
      status: 'SCHEDULED',
      requiredPlan: 'PREMIUM',
      scheduledAt,
      owner: { id: owner.id, handle: owner.handle },
      ingest: { rtmpUrl: RTMP_URL },
    });
    const key: string = stream.ingest.streamKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(stream.ingest.streamKeyHint).toBe(key.slice(-4));
    // stored hashed: no column holds the key
    const [row] = await em()
      .getConnection()
      .execute('select * from live.live_stream where id = ?', [stream.id]);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.stream_key_hash).toBe(hashStreamKey(key));
    // a later read by the owner cannot see it again
    const later = await graphql(url, READ, { id: stream.id }, { token: owner.token });
    expect(later.data.liveStream.ingest).toEqual({
      rtmpUrl: RTMP_URL,
      streamKey: null,
      streamKeyHint: key.slice(-4),
    });
  });

  it('never shows ingest to anyone but the owner', async () => {
    const stream = await create();
    const asStranger = await graphql(url, READ, { id: stream.id }, { token: stranger.token });
    expect(errorCodes(asStranger)).toEqual(['FORBIDDEN']);
    expect(asStranger.data.liveStream).toEqual({
      id: stream.id,
      title: 'Going live',
      ingest: null,
    });
    const anonymous = await graphql(url, READ, { id: stream.id });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.data.liveStream.ingest).toBeNull();
    const listed = await graphql(
      url,
      'query ($id: ID!) { user(id: $id) { liveStreams(first: 5) { edges { node { ingest { streamKeyHint } } } } } }',
      { id: owner.id },
      { token: stranger.token },
    );
    expect(errorCodes(listed).every(code => code === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(listed.data)).not.toMatch(/streamKeyHint":"/);
  });

  it('refuses anonymous users, and bad titles, descriptions and times, storing nothing', async () => {
    const before = await em().count(LiveStream, {});
    expect(errorCodes(await graphql(url, CREATE, { input: { title: 'x' } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    for (const input of [
      { title: '' },
      { title: '   ' },
      { title: 'x'.repeat(101) },
      { title: 'ok', description: 'x'.repeat(5001) },
      { title: 'ok', scheduledAt: '2001-01-01T00:00:00Z' },
      { title: 'ok', scheduledAt: new Date(Date.now() + 400 * 24 * 3600_000).toISOString() },
      { title: 'ok', requiredPlan: 'GOLD' },
    ]) {
      const response = await graphql(url, CREATE, { input }, { token: owner.token });
      expect([input, errorCodes(response)]).toEqual([input, ['BAD_USER_INPUT']]);
    }
    expect(await em().count(LiveStream, {})).toBe(before);
  });

  it('answers an empty and a whitespace-only title the same way', async () => {
    const [empty, blank] = [
      await graphql(url, CREATE, { input: { title: '' } }, { token: owner.token }),
      await graphql(url, CREATE, { input: { title: ' \t\n ' } }, { token: owner.token }),
    ];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'input.title', message: 'Required.' }],
    });
    const long = await graphql(
      url,
      CREATE,
      { input: { title: 'ok', description: 'x'.repeat(5001) } },
      { token: owner.token },
    );
    expect(long.errors![0].extensions!.problems).toEqual([
      { field: 'input.description', message: 'At most 5000 characters.' },
    ]);
  });
});

describe('rotateStreamKey', () => {
  it('replaces the key: the old one stops verifying at once, the new one works', async () => {
    const stream = await create();
    const oldKey = stream.ingest.streamKey;
    expect((await verifyStreamKey(em(), oldKey))?.id).toBe(stream.id);
    const rotated = await graphql(url, ROTATE, { id: stream.id }, { token: owner.token });
    expect(rotated.errors).toBeUndefined();
    const newKey = rotated.data.rotateStreamKey.ingest.streamKey;
    expect(newKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newKey).not.toBe(oldKey);
    expect(await verifyStreamKey(em(), oldKey)).toBeNull();
    expect(await startSession(em(), oldKey)).toBeNull();
    expect((await verifyStreamKey(em(), newKey))?.id).toBe(stream.id);
  });

  it('answers NOT_FOUND to anyone but the owner, and UNAUTHENTICATED to anonymous users', async () => {
    const stream = await create();
    expect(
      errorCodes(await graphql(url, ROTATE, { id: stream.id }, { token: stranger.token })),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graphql(url, ROTATE, { id: stream.id }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graphql(url, ROTATE, { id: 'nope' }, { token: owner.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await verifyStreamKey(em(), stream.ingest.streamKey))?.id).toBe(stream.id);
  });
});

describe('sessions (the ingest seam)', () => {
  it('goes SCHEDULED → LIVE on startSession and LIVE → ENDED on endSession; an ended stream’s key is dead', async () => {
    const stream = await create();
    const key = stream.ingest.streamKey;
    const started = await startSession(em(), key);
    expect(started).toMatchObject({ id: stream.id, status: LiveStreamStatus.LIVE });
    expect(started!.startedAt).toBeInstanceOf(Date);
    // a reconnecting publisher keeps the same session
    const again = await startSession(em(), key);
    expect(again!.startedAt!.getTime()).toBe(started!.startedAt!.getTime());
    const listed = await graphql(
      url,
      '{ liveStreams(first: 100) { edges { node { id status } } } }',
    );
    expect(listed.data.liveStreams.edges.map((edge: any) => edge.node)).toContainEqual({
      id: stream.id,
      status: 'LIVE',
    });

    const ended = await endSession(em(), stream.id);
    expect(ended).toMatchObject({ status: LiveStreamStatus.ENDED });
    expect(ended!.endedAt).toBeInstanceOf(Date);
    expect(await verifyStreamKey(em(), key)).toBeNull();
    expect(await startSession(em(), key)).toBeNull();
    expect(
      errorCodes(await graphql(url, ROTATE, { id: stream.id }, { token: owner.token })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses wrong and malformed keys', async () => {
    for (const key of ['', 'x', 'A'.repeat(32), 'A'.repeat(31) + '/', '../../etc/passwd']) {
      expect(await startSession(em(), key)).toBeNull();
    }
    expect(await endSession(em(), 'not-a-uuid')).toBeNull();
  });
});

describe('LiveStreamChanged', () => {
  it('tells other domains of a stream’s creation, start and end, once each', async () => {
    const boss = new PgBoss({ connectionString: platform.database.url, schema: 'pgboss', max: 2 });
    await boss.start();
    const queue = `test-listener.${eventTopic(LiveStreamChanged)}`;
    try {
      await boss.createQueue(queue);
      await boss.subscribe(eventTopic(LiveStreamChanged), queue);
      const created = await create({ title: 'Told to others' });
      await startSession(em(), created.ingest.streamKey);
      await startSession(em(), created.ingest.streamKey); // a reconnect: no second event
      await endSession(em(), created.id);
      await endSession(em(), created.id);
      // Once the outbox is empty every event is in pg-boss: what the queue holds then is all.
      await eventually(
        async () =>
          (await em().getConnection().execute(`select count(*)::int as n from live.outbox`))[0]
            .n === 0,
        { what: 'the outbox to be relayed' },
      );
      const statuses: string[] = [];
      for (;;) {
        const jobs = await boss.fetch<EventEnvelope>(queue, { batchSize: 10 });
        if (!jobs?.length) {
          break;
        }
        for (const job of jobs) {
          // The producer's side of LiveStreamChanged's contract test (the consumers': search's
          // video-events.test.ts and payments' content.test.ts).
          const stream = parseEmitted(LiveStreamChanged, job.data.payload);
          if (stream.id === created.id) {
            expect(stream.ownerId).toBe(owner.id);
            statuses.push(stream.status);
          }
        }
      }
      // Delivery order is not promised (consumers keep the newest by time): one of each.
      expect([...statuses].sort()).toEqual(['ENDED', 'LIVE', 'SCHEDULED']);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
