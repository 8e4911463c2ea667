import { LiveStreamChanged } from '@vp/contracts';
import { Audience, type Messaging, PlanTier } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import {
  LiveStatus,
  SearchDocumentKind,
  SearchVisibility,
} from '../documents/search-document.entity';

/**
 * Streams are public from their creation: a scheduled stream is findable so viewers can wait for
 * it, a live or ended one too (the home feed shows followed creators' LIVE ones). The event's
 * time is the document's version, as for videos.
 */
export async function consumeLiveStreamEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  await messaging.onEvent(LiveStreamChanged, async (event, em) => {
    const stream = event.payload;
    await indexFor(em).upsert({
      id: stream.id,
      kind: SearchDocumentKind.LIVE_STREAM,
      ownerId: stream.ownerId,
      title: stream.title,
      body: stream.description,
      tags: [],
      visibility: SearchVisibility.PUBLIC,
      audience: Audience[stream.audience],
      requiredPlan: PlanTier[stream.requiredPlan],
      liveStatus: LiveStatus[stream.status],
      publishedAt: new Date(stream.startedAt ?? stream.scheduledAt ?? event.occurredAt),
      updatedAt: new Date(event.occurredAt),
    });
  });
}
