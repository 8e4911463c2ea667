import { TitleChanged } from '@vp/contracts';
import { Audience, type Messaging, PlanTier } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';

/**
 * Catalog titles from catalog's TitleChanged, which carries a title's whole current state. A
 * published title becomes a TITLE document with its licence windows (findable in a territory
 * until its last window there has ended, so announced titles are found before they start); an
 * unpublished or deleted one (`published: false`) becomes a tombstone. The event's time is the
 * version, so a late older state never undoes a newer one, and a title published again after a
 * withdrawal comes back.
 */
export async function consumeTitleEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  await messaging.onEvent(TitleChanged, async (event, em) => {
    const title = event.payload;
    const index = indexFor(em);
    const at = new Date(event.occurredAt);
    if (!title.published) {
      await index.remove({ id: title.id, kind: SearchDocumentKind.TITLE, removedAt: at });
      return;
    }
    await index.upsert({
      id: title.id,
      kind: SearchDocumentKind.TITLE,
      ownerId: null,
      title: title.name,
      body: title.synopsis,
      tags: title.genres,
      visibility: SearchVisibility.PUBLIC,
      audience: Audience[title.audience],
      requiredPlan: PlanTier[title.requiredPlan],
      publishedAt: title.publishedAt ? new Date(title.publishedAt) : null,
      licences: title.licences,
      updatedAt: at,
    });
  });
}
