import { randomUUID } from 'node:crypto';
import { LiveStreamChanged } from '@vp/contracts';
import { createLogger, type EventOf, Messaging, type MikroORM, openDatabase } from '@vp/kit';
import { eventually } from '@vp/kit/testing';
import { live } from '../definition';
import { Recording, RecordingStatus } from '../recordings/recording.entity';
import { startLiveSubgraph } from '../test-server';
import { LiveStream, LiveStreamStatus } from './live-stream.entity';
import { endLapsedStreams, STREAM_HOUSEKEEPING_QUEUE } from './stream-housekeeping';

/**
 * Issue 16, weakness 5: a stream whose live instance died stays LIVE forever today. Its ingest's
 * heartbeat lapses, and housekeeping ends it with the usual LiveStreamChanged.
 */
let app: Awaited<ReturnType<typeof startLiveSubgraph>>;
let orm: MikroORM;
let messaging: Messaging;
const changes: EventOf<typeof LiveStreamChanged>[] = [];

beforeAll(async () => {
  app = await startLiveSubgraph();
  orm = await openDatabase({
    schema: live.dbSchema,
    databaseUrl: app.databaseUrl,
    entities: live.entities,
    migrations: live.migrations,
    migrate: false,
  });
  messaging = await Messaging.start({
    consumer: 'search-stand-in',
    databaseUrl: app.databaseUrl,
    orm,
    log: createLogger('test', 'silent'),
  });
  await messaging.onEvent(LiveStreamChanged, async event => {
    changes.push(event);
  });
});
afterAll(async () => {
  await messaging?.stop();
  await orm?.close();
  await app?.stop();
});

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

it('ends LIVE streams whose ingest heartbeat lapsed, once, with LiveStreamChanged; others stay LIVE', async () => {
  const [dead, alive, noIngest] = await app.seed(
    { status: LiveStreamStatus.LIVE, startedAt: ago(600), ingestHeartbeatAt: ago(120) },
    { status: LiveStreamStatus.LIVE, startedAt: ago(600), ingestHeartbeatAt: ago(5) },
    // no embedded ingest holds it (MediaLive): nothing to lapse
    { status: LiveStreamStatus.LIVE, startedAt: ago(600), ingestHeartbeatAt: null },
  );
  const em = app.em();
  em.create(Recording, { id: randomUUID(), streamId: dead.id } as Recording);
  await em.flush();

  expect(await endLapsedStreams(app.em(), 60)).toEqual([dead.id]);
  expect(await endLapsedStreams(app.em(), 60)).toEqual([]);

  const status = async (id: string) => (await app.em().findOneOrFail(LiveStream, { id })).status;
  expect(await status(dead.id)).toBe(LiveStreamStatus.ENDED);
  expect(await status(alive.id)).toBe(LiveStreamStatus.LIVE);
  expect(await status(noIngest.id)).toBe(LiveStreamStatus.LIVE);
  expect((await app.em().findOneOrFail(LiveStream, { id: dead.id })).endedAt).toBeInstanceOf(Date);
  expect((await app.em().findOneOrFail(Recording, { streamId: dead.id })).status).toBe(
    RecordingStatus.FAILED,
  );

  const told = await eventually(() => changes.filter(event => event.payload.id === dead.id), {
    until: found => found.length > 0,
    what: 'LiveStreamChanged of the ended stream',
  });
  expect(told.map(event => event.payload.status)).toEqual(['ENDED']);
});

it('runs every minute as a durable pg-boss job', async () => {
  const rows: { cron: string }[] = await app
    .em()
    .getConnection()
    .execute(`select cron from pgboss.schedule where name = ?`, [STREAM_HOUSEKEEPING_QUEUE]);
  expect(rows).toEqual([{ cron: '* * * * *' }]);
});
