import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, type EventEnvelope, isUuid, type Messaging } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';

export const LIVE_STREAM_CHANGED = 'LiveStreamChanged';

/** The payload the live subgraph emits (subgraphs/live/src/streams/stream-events.ts), as read here. */
export interface LiveStreamEventPayload {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  status: string;
  audience: string;
  /** ISO-8601 or null. */
  scheduledAt: string | null;
  startedAt: string | null;
}

/**
 * Streams are public from their creation: a scheduled stream is findable so viewers can wait for
 * it, a live or ended one too. The event's time is the document's version, as for videos.
 */
export async function consumeLiveStreamEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  await messaging.onEvent<LiveStreamEventPayload>(
    LIVE_STREAM_CHANGED,
    async (event: EventEnvelope<LiveStreamEventPayload>, em: EntityManager) => {
      const stream = event.payload;
      const updatedAt = new Date(event.occurredAt);
      if (!isUuid(stream?.id) || Number.isNaN(updatedAt.getTime())) {
        throw new Error(`Malformed ${event.type} event ${event.id}.`);
      }
      await indexFor(em).upsert({
        id: stream.id,
        kind: SearchDocumentKind.LIVE_STREAM,
        ownerId: isUuid(stream.ownerId) ? stream.ownerId : null,
        title: stream.title,
        body: stream.description ?? '',
        tags: [],
        visibility: SearchVisibility.PUBLIC,
        audience: stream.audience === Audience.GENERAL ? Audience.GENERAL : Audience.ADULT,
        publishedAt: new Date(stream.startedAt ?? stream.scheduledAt ?? event.occurredAt),
        updatedAt,
      });
    },
  );
}
