import {
  type LiveStreamChanged,
  type TipReceived,
  type VideoDeleted,
  type VideoPublished,
} from '@vp/contracts';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type EventOf } from '@vp/kit';
import { WebhookEvent } from './webhook.entity';
import { queueWebhooks } from './webhook.service';

type VideoEvent = EventOf<typeof VideoPublished> | EventOf<typeof VideoDeleted>;

const videoData = ({ payload }: VideoEvent) => ({
  id: payload.id,
  title: payload.title,
  visibility: payload.visibility,
  kind: payload.kind,
  audience: payload.audience,
  requiredPlan: payload.requiredPlan,
  durationSeconds: payload.durationSeconds,
  publishedAt: payload.publishedAt,
});

/** The webhooks of the owner's channel, fed by the events users already consumes. */
export const webhookHandlers = {
  videoPublished: (event: EventOf<typeof VideoPublished>, em: EntityManager) =>
    queueWebhooks(
      em,
      event.payload.ownerId,
      WebhookEvent.VIDEO_PUBLISHED,
      event.payload.id,
      event.occurredAt,
      videoData(event),
    ),

  videoDeleted: (event: EventOf<typeof VideoDeleted>, em: EntityManager) =>
    queueWebhooks(
      em,
      event.payload.ownerId,
      WebhookEvent.VIDEO_DELETED,
      event.payload.id,
      event.occurredAt,
      videoData(event),
    ),

  liveStreamChanged: async (event: EventOf<typeof LiveStreamChanged>, em: EntityManager) => {
    const { payload } = event;
    const kind =
      payload.status === 'LIVE'
        ? WebhookEvent.LIVE_STARTED
        : payload.status === 'ENDED'
          ? WebhookEvent.LIVE_ENDED
          : null;
    if (!kind) {
      return;
    }
    await queueWebhooks(em, payload.ownerId, kind, payload.id, event.occurredAt, {
      id: payload.id,
      title: payload.title,
      status: payload.status,
      audience: payload.audience,
      requiredPlan: payload.requiredPlan,
      startedAt: payload.startedAt,
      endedAt: payload.endedAt,
    });
  },

  tipReceived: (event: EventOf<typeof TipReceived>, em: EntityManager) =>
    queueWebhooks(
      em,
      event.payload.creatorId,
      WebhookEvent.TIP_RECEIVED,
      event.payload.tipId,
      event.occurredAt,
      {
        tipId: event.payload.tipId,
        targetId: event.payload.targetId,
        targetKind: event.payload.targetKind,
        fromUserId: event.payload.fromUserId,
        amountJpy: event.payload.amountJpy,
        message: event.payload.message,
      },
    ),
};
