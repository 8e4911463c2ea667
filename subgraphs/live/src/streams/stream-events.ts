import { type EntityManager } from '@mikro-orm/postgresql';
import { LiveStreamChanged } from '@vp/contracts';
import { emitEvent } from '@vp/kit';
import { type LiveStream } from './live-stream.entity';

/**
 * Tells other domains that a stream was created or changed status (search indexes it, payments
 * makes it a tip target). Recorded in the caller's flush, so the event exists exactly when the
 * change does.
 */
export function emitStreamChanged(em: EntityManager, stream: LiveStream) {
  emitEvent(em, LiveStreamChanged, {
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
