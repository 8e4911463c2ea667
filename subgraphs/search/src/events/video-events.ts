import { type EntityManager } from '@mikro-orm/postgresql';
import { VideoDeleted, VideoPublished, VideoUpdated } from '@vp/contracts';
import { Audience, type EventOf, type Messaging, PlanTier } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';

/**
 * Keeps the index in step with the videos subgraph. Events come at least once and in any order:
 * the inbox drops exact duplicates, and versions (the event's time, stamped by the producer's
 * outbox in its transaction) make a late older event a no-op. A video (or a short: both are
 * `Video`, indexed as VIDEO or SHORT) is indexed from its first change on, so its owner finds a
 * draft; others find it once published and PUBLIC.
 */
export async function consumeVideoEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  const upsert = async (
    event: EventOf<typeof VideoPublished> | EventOf<typeof VideoUpdated>,
    em: EntityManager,
  ) => {
    const video = event.payload;
    await indexFor(em).upsert({
      id: video.id,
      kind: video.kind === 'SHORT' ? SearchDocumentKind.SHORT : SearchDocumentKind.VIDEO,
      ownerId: video.ownerId,
      title: video.title,
      body: video.description,
      tags: video.tags,
      visibility: SearchVisibility[video.visibility],
      audience: Audience[video.audience],
      publishedAt: video.publishedAt ? new Date(video.publishedAt) : null,
      categoryId: video.categoryId ?? null,
      durationSeconds: video.durationSeconds,
      requiredPlan: PlanTier[video.requiredPlan],
      updatedAt: new Date(event.occurredAt),
    });
  };
  // Batches: a burst of publications (an import, a backlog) is indexed without the per-fetch wait.
  await messaging.onEvent(VideoPublished, upsert, {}, { batchSize: 20 });
  await messaging.onEvent(VideoUpdated, upsert, {}, { batchSize: 20 });
  await messaging.onEvent(VideoDeleted, async (event, em) => {
    await indexFor(em).remove({
      id: event.payload.id,
      kind: event.payload.kind === 'SHORT' ? SearchDocumentKind.SHORT : SearchDocumentKind.VIDEO,
      removedAt: new Date(event.occurredAt),
    });
  });
}
