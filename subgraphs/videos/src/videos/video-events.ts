import { type EntityManager } from '@mikro-orm/postgresql';
import {
  type EventInput,
  type VideoDeleted,
  VideoPublished,
  type VideoUpdated,
} from '@vp/contracts';
import { emitEvent } from '@vp/kit';
import { type Video } from './video.entity';

/** A video as its events carry it (the same shape for published, updated and deleted). */
export const videoEventPayload = (video: Video): EventInput<typeof VideoPublished> => ({
  id: video.id,
  ownerId: video.ownerId,
  title: video.title,
  description: video.description,
  tags: [...video.tags],
  visibility: video.visibility,
  kind: video.kind,
  audience: video.audience,
  requiredPlan: video.requiredPlan,
  durationSeconds: video.durationSeconds,
  publishedAt: video.publishedAt?.toISOString() ?? null,
  categoryId: video.categoryId,
});

/** Written to the outbox by the caller's flush, so the event exists exactly when the change does. */
export function emitVideoEvent(
  em: EntityManager,
  event: typeof VideoPublished | typeof VideoUpdated | typeof VideoDeleted,
  video: Video,
) {
  emitEvent(em, event, videoEventPayload(video));
}
