import { type EntityManager } from '@mikro-orm/postgresql';
import { emitEvent } from '@vp/kit';
import { type LiveStream } from './live-stream.entity';

/** Told to other domains whenever a stream is created or changes status (payments: tip targets). */
export const LIVE_STREAM_CHANGED = 'LiveStreamChanged';

/** Recorded in the caller's flush, so the event exists exactly when the change does. */
export function emitStreamChanged(em: EntityManager, stream: LiveStream) {
  emitEvent(em, LIVE_STREAM_CHANGED, {
    id: stream.id,
    ownerId: stream.ownerId,
    title: stream.title,
    description: stream.description,
    status: stream.status,
    requiredPlan: stream.requiredPlan,
    audience: stream.audience,
    scheduledAt: stream.scheduledAt?.toISOString() ?? null,
    startedAt: stream.startedAt?.toISOString() ?? null,
    endedAt: stream.endedAt?.toISOString() ?? null,
  });
}
