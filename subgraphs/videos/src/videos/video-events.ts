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
});

/** Written to the outbox by the caller's flush, so the event exists exactly when the change does. */
export function emitVideoEvent(
  em: EntityManager,
  event: typeof VideoPublished | typeof VideoUpdated | typeof VideoDeleted,
  video: Video,
) {
  emitEvent(em, event, videoEventPayload(video));
}

/** A new like of someone else's video (unlikes and likes of one's own send nothing). */
export const VIDEO_LIKED = 'VideoLiked';

export interface VideoLikedPayload {
  videoId: string;
  videoOwnerId: string;
  userId: string;
  likedAt: string;
}

/** A comment or a reply: what the users subgraph needs to tell the video's owner and the author replied to. */
export const COMMENT_ADDED = 'CommentAdded';

export interface CommentAddedPayload {
  commentId: string;
  videoId: string;
  videoOwnerId: string;
  authorId: string;
  /** The top-level comment of the thread, or null for a top-level comment. */
  parentId: string | null;
  /** The author of the comment replied to (which may be a reply itself), or null. */
  parentAuthorId: string | null;
  createdAt: string;
}
