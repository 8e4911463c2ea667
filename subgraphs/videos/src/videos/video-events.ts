import { type EntityManager } from '@mikro-orm/postgresql';
import { emitEvent } from '@vp/kit';
import { type Video } from './video.entity';

export const VIDEO_PUBLISHED = 'VideoPublished';
export const VIDEO_UPDATED = 'VideoUpdated';
export const VIDEO_DELETED = 'VideoDeleted';

/** What search (and notifications) need to index a video without asking this subgraph. */
export interface VideoEventPayload {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  tags: string[];
  visibility: string;
  kind: string;
  audience: string;
  requiredPlan: string;
  durationSeconds: number | null;
  /** ISO-8601, or null while unpublished. */
  publishedAt: string | null;
}

export const videoEventPayload = (video: Video): VideoEventPayload => ({
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
});

/** Written to the outbox by the caller's flush, so the event exists exactly when the change does. */
export function emitVideoEvent(
  em: EntityManager,
  type: typeof VIDEO_PUBLISHED | typeof VIDEO_UPDATED | typeof VIDEO_DELETED,
  video: Video,
) {
  emitEvent(em, type, videoEventPayload(video));
}
