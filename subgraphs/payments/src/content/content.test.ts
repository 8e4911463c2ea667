import { randomUUID } from 'node:crypto';
import { Audience, type EventEnvelope } from '@vp/kit';
import { eventually, startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { payments } from '../definition';
import { joinMessageBus } from '../ledger/ledger.testing';
import {
  applyContentDeleted,
  applyContentUpserted,
  type ContentEventPayload,
} from './content.consumer';
import { TipTarget, TipTargetKind } from './tip-target.entity';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, seconds)).toISOString();
const envelope = (
  type: string,
  occurredAt: string,
  payload: ContentEventPayload,
): EventEnvelope<ContentEventPayload> => ({ id: randomUUID(), type, occurredAt, payload });

describe('the tip-target read model', () => {
  let app: TestSubgraph;
  const target = (id: string) => app.em().findOne(TipTarget, { id });
  const apply = (event: EventEnvelope<ContentEventPayload>) =>
    app
      .em()
      .transactional(em =>
        event.type === 'VideoDeleted'
          ? applyContentDeleted(em, TipTargetKind.VIDEO, event)
          : applyContentUpserted(em, TipTargetKind.VIDEO, event),
      );

  beforeAll(async () => {
    app = await startTestSubgraph(payments);
  });
  afterAll(() => app?.stop());

  it('ends in the same state whatever order the events arrive in', async () => {
    const owner = randomUUID();
    const id = randomUUID();
    const events = [
      envelope('VideoPublished', at(1), {
        id,
        ownerId: owner,
        audience: 'GENERAL',
        visibility: 'PUBLIC',
      }),
      envelope('VideoUpdated', at(2), {
        id,
        ownerId: owner,
        audience: 'ADULT',
        visibility: 'UNLISTED',
      }),
      envelope('VideoUpdated', at(3), {
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
        await apply(events[index]);
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
    await apply(envelope('VideoDeleted', at(5), { id }));
    await apply(
      envelope('VideoPublished', at(1), {
        id,
        ownerId: owner,
        audience: 'GENERAL',
        visibility: 'PUBLIC',
      }),
    );
    await apply(
      envelope('VideoUpdated', at(9), {
        id,
        ownerId: owner,
        audience: 'GENERAL',
        visibility: 'PUBLIC',
      }),
    );
    expect(await target(id)).toMatchObject({ deleted: true });
  });

  it('ignores events with malformed ids', async () => {
    const before = await app.em().count(TipTarget, {});
    await apply(
      envelope('VideoPublished', at(1), { id: 'nope', ownerId: randomUUID(), audience: 'GENERAL' }),
    );
    await apply(
      envelope('VideoPublished', at(1), { id: randomUUID(), ownerId: 'nope', audience: 'GENERAL' }),
    );
    await apply(envelope('VideoDeleted', at(1), { id: 'nope' }));
    expect(await app.em().count(TipTarget, {})).toBe(before);
  });

  it('consumes VideoPublished from the message bus, once per event', async () => {
    const videos = await joinMessageBus(app.em(), 'videos-test');
    const boss = videos.messaging.queue;
    try {
      const id = randomUUID();
      const owner = randomUUID();
      const event = envelope('VideoPublished', at(1), {
        id,
        ownerId: owner,
        audience: 'GENERAL',
        visibility: 'PUBLIC',
      });
      await boss.publish('VideoPublished', event);
      await boss.publish('VideoPublished', event);
      expect(await eventually(() => target(id), { what: 'the tip target' })).toMatchObject({
        ownerId: owner,
        kind: TipTargetKind.VIDEO,
        deleted: false,
      });
      const [{ count }] = await app
        .em()
        .execute<{ count: string }[]>(
          `select count(*) from "payments"."inbox" where "event_id" = ?`,
          [event.id],
        );
      expect(Number(count)).toBe(1);
    } finally {
      await videos.stop();
    }
  });

  it('makes a live stream a tip target from LiveStreamChanged', async () => {
    const live = await joinMessageBus(app.em(), 'live-test');
    try {
      const id = randomUUID();
      const owner = randomUUID();
      await live.messaging.queue.publish(
        'LiveStreamChanged',
        envelope('LiveStreamChanged', at(1), { id, ownerId: owner, audience: 'ADULT' }),
      );
      expect(await eventually(() => target(id), { what: 'the tip target' })).toMatchObject({
        ownerId: owner,
        kind: TipTargetKind.LIVE_STREAM,
        audience: Audience.ADULT,
        deleted: false,
      });
    } finally {
      await live.stop();
    }
  });
});
