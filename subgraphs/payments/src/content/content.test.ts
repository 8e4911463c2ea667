import { randomUUID } from 'node:crypto';
import {
  type EventContract,
  type EventInput,
  eventTopic,
  LiveStreamChanged,
  VideoDeleted,
  VideoPublished,
  VideoUpdated,
} from '@vp/contracts';
import { Audience, type EventOf } from '@vp/kit';
import { eventually, startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { payments } from '../definition';
import { joinMessageBus } from '../ledger/ledger.testing';
import { applyContentDeleted, applyContentUpserted } from './content.consumer';
import { TipTarget, TipTargetKind } from './tip-target.entity';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, seconds)).toISOString();
/** An event as the videos subgraph emits it: its contract's example, with these fields. */
const envelope = <C extends EventContract>(
  contract: C,
  occurredAt: string,
  fields: Partial<EventInput<C>>,
): EventOf<C> => ({
  id: randomUUID(),
  type: eventTopic(contract),
  occurredAt,
  payload: contract.schema.parse({ ...contract.example, ...fields }),
});

describe('the tip-target read model', () => {
  let app: TestSubgraph;
  const target = (id: string) => app.em().findOne(TipTarget, { id });

  beforeAll(async () => {
    app = await startTestSubgraph(payments);
  });
  afterAll(() => app?.stop());

  it('ends in the same state whatever order the events arrive in', async () => {
    const owner = randomUUID();
    const id = randomUUID();
    const events = [
      envelope(VideoPublished, at(1), {
        id,
        ownerId: owner,
        audience: 'GENERAL',
        visibility: 'PUBLIC',
      }),
      envelope(VideoUpdated, at(2), {
        id,
        ownerId: owner,
        audience: 'ADULT',
        visibility: 'UNLISTED',
      }),
      envelope(VideoUpdated, at(3), {
        id,
        ownerId: owner,
        audience: 'ADULT',
        visibility: 'PUBLIC',
      }),
    ];
    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0, 0, 1],
    ]) {
      await app.em().nativeDelete(TipTarget, { id });
      for (const index of order) {
        await app
          .em()
          .transactional(em => applyContentUpserted(em, TipTargetKind.VIDEO, events[index]));
      }
      expect(await target(id)).toMatchObject({
        ownerId: owner,
        audience: Audience.ADULT,
        visibility: 'PUBLIC',
        deleted: false,
        version: new Date(at(3)),
      });
    }
  });

  it('keeps a deleted video deleted, even when the deletion arrives first', async () => {
    const owner = randomUUID();
    const id = randomUUID();
    const video = TipTargetKind.VIDEO;
    await app
      .em()
      .transactional(em =>
        applyContentDeleted(em, video, envelope(VideoDeleted, at(5), { id, ownerId: owner })),
      );
    for (const later of [
      envelope(VideoPublished, at(1), { id, ownerId: owner }),
      envelope(VideoUpdated, at(9), { id, ownerId: owner }),
    ]) {
      await app.em().transactional(em => applyContentUpserted(em, video, later));
    }
    expect(await target(id)).toMatchObject({ deleted: true });
  });

  // The consumer's side of each event's contract test: the contract's example, through the bus,
  // into the real consumer (the producers' sides: videos' video-management.test.ts and live's
  // stream-key.test.ts).
  it.each([
    [VideoPublished, TipTargetKind.VIDEO, { deleted: false, visibility: 'PUBLIC' }],
    [VideoUpdated, TipTargetKind.VIDEO, { deleted: false, visibility: 'UNLISTED' }],
    [VideoDeleted, TipTargetKind.VIDEO, { deleted: true, visibility: null }],
    [LiveStreamChanged, TipTargetKind.LIVE_STREAM, { deleted: false, visibility: null }],
  ] as const)('consumes %p from the message bus, once per event', async (contract, kind, state) => {
    const producer = await joinMessageBus(app.em(), `${contract.producer}-test`);
    try {
      const id = randomUUID();
      const owner = randomUUID();
      const payload = { ...contract.example, id, ownerId: owner, audience: 'ADULT' as const };
      const event = await producer.messaging.publish(contract as EventContract, payload);
      await producer.messaging.queue.publish(event.type, event); // delivered twice
      expect(await eventually(() => target(id), { what: 'the tip target' })).toMatchObject({
        ownerId: owner,
        kind,
        audience: Audience.ADULT,
        ...state,
      });
      const [{ count }] = await app
        .em()
        .execute<{ count: string }[]>(
          `select count(*) from "payments"."inbox" where "event_id" = ?`,
          [event.id],
        );
      expect(Number(count)).toBe(1);
    } finally {
      await producer.stop();
    }
  });

  it('dead-letters a malformed event and changes nothing', async () => {
    const videos = await joinMessageBus(app.em(), 'videos-test');
    try {
      const before = await app.em().count(TipTarget, {});
      const id = randomUUID();
      await videos.messaging.queue.publish(eventTopic(VideoPublished), {
        id: randomUUID(),
        type: eventTopic(VideoPublished),
        occurredAt: at(1),
        payload: { ...VideoPublished.example, id, ownerId: 'nobody', audience: 'EVERYONE' },
      });
      const dead = `payments.${eventTopic(VideoPublished)}.dead`;
      await eventually(() => videos.messaging.queue.getQueueSize(dead), {
        until: size => size === 1,
        what: 'the malformed event in the dead letters',
      });
      expect(await target(id)).toBeNull();
      expect(await app.em().count(TipTarget, {})).toBe(before);
    } finally {
      await videos.stop();
    }
  });
});
