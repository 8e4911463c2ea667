import { UserProfileChanged } from '@vp/contracts';
import { type Messaging } from '@vp/kit';
import { type SearchIndexFor } from '../config';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';

/**
 * Channels: every account is findable by its display name (the title) and handle (its tag), from
 * users' UserProfileChanged (sent at sign-up and on a rename). The id is the user's, so a hit
 * resolves as a User; the change's time is both the version and the time NEWEST sorts by.
 */
export async function consumeChannelEvents(messaging: Messaging, indexFor: SearchIndexFor) {
  await messaging.onEvent(UserProfileChanged, async (event, em) => {
    const profile = event.payload;
    const changedAt = new Date(profile.changedAt);
    await indexFor(em).upsert({
      id: profile.userId,
      kind: SearchDocumentKind.CHANNEL,
      ownerId: profile.userId,
      title: profile.displayName,
      body: '',
      tags: [profile.handle],
      visibility: SearchVisibility.PUBLIC,
      publishedAt: changedAt,
      updatedAt: changedAt,
    });
  });
}
