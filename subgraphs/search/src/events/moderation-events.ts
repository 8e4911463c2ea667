import { ContentTakenDown, UserSuspensionChanged } from '@vp/contracts';
import { type Messaging, recordSuspensionChange, UNTIL_LIFTED } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import { SearchDocumentKind } from '../documents/search-document.entity';

/**
 * Trust and safety, decided in users. A takedown removes the video or stream for good: its
 * tombstone is dated at the end of time, so no later change of the item (live's ENDED, sent after
 * the takedown) brings it back. A suspension hides the account's documents, channel included,
 * while it lasts (`SearchScope.hiddenOwners`, from the kit's read model), and shows them again once
 * it is lifted or ends. Comments and chat messages are not indexed.
 */
export async function consumeModerationEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  await messaging.onEvent(ContentTakenDown, async (event, em) => {
    const { targetType, targetId } = event.payload;
    if (targetType === 'VIDEO' || targetType === 'LIVE_STREAM') {
      await indexFor(em).remove({
        id: targetId,
        kind: targetType === 'VIDEO' ? SearchDocumentKind.VIDEO : SearchDocumentKind.LIVE_STREAM,
        removedAt: UNTIL_LIFTED,
      });
    }
  });
  await messaging.onEvent(UserSuspensionChanged, async (event, em) => {
    await recordSuspensionChange(event, em);
  });
}
