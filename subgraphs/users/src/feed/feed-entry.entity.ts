import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Audience } from '@vp/kit';

export enum FeedEntryKind {
  VIDEO = 'VIDEO',
  LIVE_STREAM = 'LIVE_STREAM',
}

/**
 * What users knows of one video or live stream, for its owner's followers' feeds: a read model
 * kept from videos' and live's events (users never reads their tables). One row per item, whatever
 * its state, so that a late or repeated event can be compared with what is already known:
 * `version` is the `occurredAt` of the event the row reflects, and only a newer event changes it.
 * A deleted video stays as a tombstone (`deleted`), which no later event brings back.
 */
@Entity({ tableName: 'feed_entry' })
// A followed creator's listed items in feed order: live first, then newest first.
@Index({
  name: 'feed_entry_owner_feed_idx',
  expression:
    'create index "feed_entry_owner_feed_idx" on "users"."feed_entry" ("owner_id", "live" desc, "sort_at" desc, "id" desc) where "listed"',
})
export class FeedEntry {
  /** The video's or the stream's id (uuids from two subgraphs; they never meet). */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: () => FeedEntryKind })
  kind!: FeedEntryKind;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Enum({ items: () => Audience })
  audience: Audience = Audience.GENERAL;

  /**
   * Whether it belongs in followers' feeds now: a published PUBLIC video that is not deleted, or a
   * stream that is LIVE. Unlisted, private and draft videos, and scheduled or ended streams, are not.
   */
  @Property({ type: 'boolean' })
  listed: boolean = false;

  /** A stream on air: listed before everything else. */
  @Property({ type: 'boolean' })
  live: boolean = false;

  /** When it was published (videos) or went live (streams): newest first. */
  @Property({ type: 'datetime', nullable: true })
  sortAt: Date | null = null;

  /** The `occurredAt` of the event this row reflects. */
  @Property({ type: 'datetime' })
  version!: Date;

  @Property({ type: 'boolean' })
  deleted: boolean = false;
}
