import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { type EntityManager } from '@mikro-orm/postgresql';
import { EntitlementChanged, eventTopic, LiveRecordingReady, parseEmitted } from '@vp/contracts';
import {
  createLogger,
  createSharedState,
  Messaging,
  type MikroORM,
  openDatabase,
  OutboxMessage,
  type SharedState,
  ViewerEntitlement,
} from '@vp/kit';
import { createTestDatabase, eventually } from '@vp/kit/testing';
import { createStorage } from '@vp/media';
import { live } from '../definition';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { RecordingStatus } from './recording.entity';
import { handOffRecording, recordingOf } from './recording.service';

// The live subgraph's sides of two contract tests that the RTMP ingest test also covers, without
// the RTMP server or a system ffmpeg (the one in @ffmpeg-installer joins the pieces): what
// LiveRecordingReady carries as written to the outbox (the consumer's side: videos'
// live-recording.test.ts), and EntitlementChanged arriving from payments through the consumers
// definition.ts registers.
describe('live events', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;
  let scratch: string;
  const em = () => orm.em.fork() as EntityManager;
  const log = createLogger('live-test', 'silent');

  beforeAll(async () => {
    database = await createTestDatabase('live_events');
    orm = await openDatabase({
      schema: live.dbSchema,
      databaseUrl: database.url,
      entities: live.entities,
      migrations: live.migrations,
    });
    scratch = await mkdtemp(join(tmpdir(), 'vp-live-events-'));
  });
  afterAll(async () => {
    await orm?.close();
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes LiveRecordingReady, as its contract says, with the recording it hands off', async () => {
    const fixtures = em();
    const stream = fixtures.create(LiveStream, {
      ownerId: randomUUID(),
      title: 'Handed off',
      description: 'Two pieces',
      status: LiveStreamStatus.ENDED,
      startedAt: new Date(Date.now() - 60_000),
      endedAt: new Date(),
    } as LiveStream);
    await fixtures.flush();
    const dir = join(scratch, stream.id);
    await mkdir(dir);
    await recordingOf(em(), stream.id);
    for (const part of ['part-0001.ts', 'part-0002.ts']) {
      execFileSync(ffmpegPath, [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc=d=1:s=160x90:r=10',
        '-c:v',
        'libx264',
        '-f',
        'mpegts',
        join(dir, part),
      ]);
    }
    const storage = createStorage({
      kind: 'local',
      dir: join(scratch, 'storage'),
      publicUrl: 'http://localhost:4000',
      secret: 'x'.repeat(32),
    });

    const recording = await handOffRecording({
      em: em(),
      stream,
      dir,
      storage,
      ffmpeg: ffmpegPath,
      log,
    });
    expect(recording.status).toBe(RecordingStatus.HANDED_OFF);
    const [row] = await em().find(OutboxMessage, { name: eventTopic(LiveRecordingReady) });
    const stored = await storage.head(`uploads/${recording.id}/source`);
    expect(parseEmitted(LiveRecordingReady, row.payload)).toEqual({
      streamId: stream.id,
      ownerId: stream.ownerId,
      videoId: recording.id,
      title: 'Handed off',
      description: 'Two pieces',
      requiredPlan: 'FREE',
      audience: 'GENERAL',
      sourceKey: `uploads/${recording.id}/source`,
      sizeBytes: stored!.sizeBytes,
      contentType: 'video/mp4',
    });
  });

  describe('EntitlementChanged from payments', () => {
    let messaging: Messaging;
    let payments: Messaging;
    let shared: SharedState;
    beforeAll(async () => {
      shared = await createSharedState(undefined);
      messaging = await Messaging.start({
        consumer: live.name,
        databaseUrl: database.url,
        orm,
        log,
      });
      await live.messaging!(messaging, {} as never, shared, orm, {
        settings: { heartbeatLapseSeconds: 60 },
      } as never);
      payments = await Messaging.start({
        consumer: 'payments-test',
        databaseUrl: database.url,
        orm,
        log,
      });
    });
    afterAll(async () => {
      await payments?.stop();
      await messaging?.stop();
      await shared?.close();
    });

    it("keeps the viewer's plan and age check from the contract's example", async () => {
      const userId = randomUUID();
      await payments.publish(EntitlementChanged, { ...EntitlementChanged.example, userId });
      const row = await eventually(() => em().findOne(ViewerEntitlement, { userId }), {
        what: 'the entitlement',
      });
      expect(row).toMatchObject({
        tier: EntitlementChanged.example.tier,
        ageVerified: EntitlementChanged.example.ageVerified,
        changedAt: new Date(EntitlementChanged.example.changedAt),
      });
    });

    it('dead-letters a malformed EntitlementChanged and stores nothing of it', async () => {
      const userId = randomUUID();
      const topic = eventTopic(EntitlementChanged);
      const eventId = randomUUID();
      await payments.queue.publish(topic, {
        id: eventId,
        type: topic,
        occurredAt: new Date().toISOString(),
        payload: { ...EntitlementChanged.example, userId, tier: 'GOLD' },
      });
      const [dead] = await eventually(
        async () => {
          const jobs = await payments.queue.fetch<{ id: string }>(`${live.name}.${topic}.dead`);
          return jobs?.length ? jobs : undefined;
        },
        { what: 'the dead letter' },
      );
      expect(dead.data.id).toBe(eventId);
      expect(await em().findOne(ViewerEntitlement, { userId })).toBeNull();
    });
  });
});
