import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, type EventEnvelope, isUuid, type Messaging } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';

export const VIDEO_PUBLISHED = 'VideoPublished';
export const VIDEO_UPDATED = 'VideoUpdated';
export const VIDEO_DELETED = 'VideoDeleted';

/**
 * The payload the videos subgraph emits (subgraphs/videos/src/videos/video-events.ts), as this
 * subgraph reads it: its own copy of the contract, since subgraphs share events, not code.
 */
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
  durationSeconds?: number | null;
  /** ISO-8601, or null while unpublished. */
  publishedAt: string | null;
}

// An unknown value (a newer producer) is read the cautious way: hidden rather than shown.
const visibilityOf = (value: string) =>
  (Object.values(SearchVisibility) as string[]).includes(value)
    ? (value as SearchVisibility)
    : SearchVisibility.PRIVATE;
const audienceOf = (value: string) =>
  (Object.values(Audience) as string[]).includes(value) ? (value as Audience) : Audience.ADULT;

/** The event's time is the document's version: the outbox stamps it in the producer's transaction. */
function versionOf(event: EventEnvelope<VideoEventPayload>): Date {
  const at = new Date(event.occurredAt);
  if (Number.isNaN(at.getTime()) || !isUuid(event.payload?.id)) {
    throw new Error(`Malformed ${event.type} event ${event.id}.`);
  }
  return at;
}

/**
 * Keeps the index in step with the videos subgraph. Events come at least once and in any order:
 * the inbox drops exact duplicates, and versions (occurredAt) make a late older event a no-op.
 * A video (or a short: both are `Video`) is indexed from its first change on, so its owner finds
 * a draft; others find it once published and PUBLIC.
 */
export async function consumeVideoEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  const upsert = async (event: EventEnvelope<VideoEventPayload>, em: EntityManager) => {
    const updatedAt = versionOf(event);
    const video = event.payload;
    await indexFor(em).upsert({
      id: video.id,
      kind: SearchDocumentKind.VIDEO,
      ownerId: isUuid(video.ownerId) ? video.ownerId : null,
      title: video.title,
      body: video.description ?? '',
      tags: Array.isArray(video.tags) ? video.tags.map(String) : [],
      visibility: visibilityOf(video.visibility),
      audience: audienceOf(video.audience),
      publishedAt: video.publishedAt ? new Date(video.publishedAt) : null,
      updatedAt,
    });
  };
  await messaging.onEvent<VideoEventPayload>(VIDEO_PUBLISHED, upsert);
  await messaging.onEvent<VideoEventPayload>(VIDEO_UPDATED, upsert);
  await messaging.onEvent<VideoEventPayload>(VIDEO_DELETED, async (event, em) => {
    const removedAt = versionOf(event);
    await indexFor(em).remove({
      id: event.payload.id,
      kind: SearchDocumentKind.VIDEO,
      removedAt,
    });
  });
}
