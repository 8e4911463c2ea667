import { type EntityManager } from '@mikro-orm/postgresql';
import {
  type LiveStreamChanged,
  type VideoDeleted,
  type VideoPublished,
  type VideoUpdated,
} from '@vp/contracts';
import { Audience, type EventOf } from '@vp/kit';
import { FeedEntryKind } from './feed-entry.entity';

/** What users knows of an item once an event is applied. */
export interface FeedState {
  ownerId: string;
  audience: Audience;
  listed: boolean;
  live: boolean;
  deleted: boolean;
}

interface Change {
  id: string;
  kind: FeedEntryKind;
  ownerId: string;
  audience: Audience;
  listed: boolean;
  live: boolean;
  sortAt: string | null;
  version: string;
}

/**
 * Applies one item's new state when its event is newer than what the row holds: events arrive at
 * least once and in any order (the inbox drops exact redeliveries, the version everything else),
 * and a tombstone is never overwritten. Returns the state now stored, whichever event won.
 */
async function upsert(em: EntityManager, change: Change): Promise<FeedState> {
  await em.execute(
    `insert into "users"."feed_entry"
       ("id", "kind", "owner_id", "audience", "listed", "live", "sort_at", "version", "deleted")
     values (?, ?, ?, ?, ?, ?, ?, ?, false)
     on conflict ("id") do update set
       "owner_id" = excluded."owner_id", "audience" = excluded."audience",
       "listed" = excluded."listed", "live" = excluded."live", "sort_at" = excluded."sort_at",
       "version" = excluded."version"
     where "feed_entry"."version" < excluded."version" and not "feed_entry"."deleted"`,
    [
      change.id,
      change.kind,
      change.ownerId,
      change.audience,
      change.listed,
      change.live,
      change.sortAt,
      change.version,
    ],
  );
  // A statement of its own, so it sees the row even when another consumer stored it meanwhile.
  const [row]: RawState[] = await em.execute(
    `select "owner_id", "audience", "listed", "live", "deleted" from "users"."feed_entry" where "id" = ?`,
    [change.id],
  );
  return stateOf(row);
}

interface RawState {
  owner_id: string;
  audience: Audience;
  listed: boolean;
  live: boolean;
  deleted: boolean;
}

const stateOf = (row: RawState): FeedState => ({
  ownerId: row.owner_id,
  audience: row.audience,
  listed: row.listed,
  live: row.live,
  deleted: row.deleted,
});

/**
 * VideoPublished and VideoUpdated: the video's whole state. Listed when PUBLIC and published;
 * UNLISTED and PRIVATE videos and drafts are kept (to compare later events with) but never listed.
 */
export function applyVideoChange(
  event: EventOf<typeof VideoPublished> | EventOf<typeof VideoUpdated>,
  em: EntityManager,
): Promise<FeedState> {
  const video = event.payload;
  const listed = video.visibility === 'PUBLIC' && video.publishedAt !== null;
  return upsert(em, {
    id: video.id,
    kind: FeedEntryKind.VIDEO,
    ownerId: video.ownerId,
    audience: Audience[video.audience],
    listed,
    live: false,
    sortAt: video.publishedAt,
    version: event.occurredAt,
  });
}

/**
 * VideoDeleted: a hard delete in videos, so final here too. The row becomes a tombstone, whatever
 * arrived before or arrives after (a VideoUpdated emitted before the delete and delivered after it
 * finds the tombstone and changes nothing).
 */
export async function applyVideoDeleted(
  event: EventOf<typeof VideoDeleted>,
  em: EntityManager,
): Promise<void> {
  const video = event.payload;
  await em.execute(
    `insert into "users"."feed_entry"
       ("id", "kind", "owner_id", "audience", "listed", "live", "sort_at", "version", "deleted")
     values (?, ?, ?, ?, false, false, null, ?, true)
     on conflict ("id") do update set "listed" = false, "live" = false, "deleted" = true,
       "version" = greatest("feed_entry"."version", excluded."version")`,
    [video.id, FeedEntryKind.VIDEO, video.ownerId, video.audience, event.occurredAt],
  );
}

/**
 * LiveStreamChanged: listed (first of all) while LIVE, ordered by when it went live; a scheduled
 * or ended stream is not in the feed (an ended stream's recording comes as a video, if its owner
 * publishes it). An ENDED event delivered before the LIVE one it follows wins: the stream stays out.
 */
export function applyLiveStreamChange(
  event: EventOf<typeof LiveStreamChanged>,
  em: EntityManager,
): Promise<FeedState> {
  const stream = event.payload;
  const live = stream.status === 'LIVE' && stream.startedAt !== null;
  return upsert(em, {
    id: stream.id,
    kind: FeedEntryKind.LIVE_STREAM,
    ownerId: stream.ownerId,
    audience: Audience[stream.audience],
    listed: live,
    live,
    sortAt: stream.startedAt,
    version: event.occurredAt,
  });
}
