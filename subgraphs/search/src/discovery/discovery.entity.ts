import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The ranking read model of one video, fed by ViewCounted and VideoLiked. Trend scores use
 * forward decay: each view adds e^(λ·(t − t0)) for a fixed t0, kept as a logarithm, so that the
 * order of two scores never changes with time and a new view only ever raises one (see
 * signals.ts). DAY and WEEK differ by their half-life.
 */
@Index({
  name: 'signal_day_idx',
  expression: `create index "signal_day_idx" on "search"."signal" ("day_score" desc, "video_id" desc)`,
})
@Index({
  name: 'signal_week_idx',
  expression: `create index "signal_week_idx" on "search"."signal" ("week_score" desc, "video_id" desc)`,
})
@Index({
  name: 'signal_views_idx',
  expression: `create index "signal_views_idx" on "search"."signal" ("view_count" desc, "video_id" desc)`,
})
@Entity({ tableName: 'signal' })
export class Signal {
  @PrimaryKey({ type: 'uuid' })
  videoId!: string;

  @Property({ type: 'bigint', default: 0 })
  viewCount: number = 0;

  @Property({ type: 'integer', default: 0 })
  likeCount: number = 0;

  @Property({ type: 'double', default: '-Infinity' })
  dayScore: number = -Infinity;

  @Property({ type: 'double', default: '-Infinity' })
  weekScore: number = -Infinity;

  @Property({ type: 'datetime', nullable: true })
  lastViewedAt: Date | null = null;

  /** The view count Elasticsearch has (when it is the index): the signal sync sends the rest. */
  @Property({ type: 'bigint', default: 0 })
  indexedViewCount: number = 0;
}

/**
 * What one viewer (`u:<user id>` or `s:<session id>`) watched: counted views, when they finished
 * it, when they liked it. Co-viewing, history recommendations, continue watching and the shorts
 * feed's "never a finished short again" read it.
 */
@Index({
  name: 'watch_viewer_recent_idx',
  expression: `create index "watch_viewer_recent_idx" on "search"."watch" ("viewer_key", "last_viewed_at" desc) include ("video_id")`,
})
@Index({
  name: 'watch_video_recent_idx',
  expression: `create index "watch_video_recent_idx" on "search"."watch" ("video_id", "last_viewed_at" desc) include ("viewer_key")`,
})
@Entity({ tableName: 'watch' })
export class Watch {
  @PrimaryKey({ type: 'string', length: 110 })
  viewerKey!: string;

  @PrimaryKey({ type: 'uuid' })
  videoId!: string;

  @Property({ type: 'integer', default: 0 })
  views: number = 0;

  @Property({ type: 'datetime' })
  lastViewedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  likedAt: Date | null = null;
}

/** When a user last cleared their history: watch events from before it are not kept again. */
@Entity({ tableName: 'history_clear' })
export class HistoryClear {
  @PrimaryKey({ type: 'string', length: 110 })
  viewerKey!: string;

  @Property({ type: 'datetime' })
  clearedAt!: Date;
}

/** Who follows whom (UserFollowed, UserUnfollowed), versioned by the change's time. */
@Entity({ tableName: 'follow' })
export class Follow {
  @PrimaryKey({ type: 'uuid' })
  followerId!: string;

  @PrimaryKey({ type: 'uuid' })
  followeeId!: string;

  @Property({ type: 'boolean' })
  following!: boolean;

  @Property({ type: 'datetime' })
  changedAt!: Date;
}

/**
 * A feed as first computed for one viewer: later pages read the same list, so nothing repeats
 * across pages whatever changes in between (items are checked again as each page is served).
 */
@Index({ name: 'feed_snapshot_created_idx', properties: ['createdAt'] })
@Entity({ tableName: 'feed_snapshot' })
export class FeedSnapshot {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 110 })
  viewerKey!: string;

  @Property({ type: 'string', length: 20 })
  feed!: string;

  /** `V:<id>` (a video) or `L:<id>` (a live stream), in feed order. */
  @Property({ type: 'text[]' })
  items!: string[];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
