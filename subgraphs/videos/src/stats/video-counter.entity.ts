import { BigIntType, Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Video } from '../videos/video.entity';

/**
 * A video's running totals, kept apart from the video row so that likes and views (hot, concurrent
 * increments) never contend with edits of the video. Every change is an `x = x + n` in the same
 * transaction as the row it counts (a like, a comment, a counted view), so the totals stay exact
 * under concurrency; the row goes with its video (foreign key, on delete cascade).
 */
@Entity({ tableName: 'video_counter' })
export class VideoCounter {
  @ManyToOne(() => Video, { primary: true, deleteRule: 'cascade' })
  video!: Rel<Video>;

  @Property({ type: 'integer', default: 0 })
  likeCount: number = 0;

  /** Comments and replies that are not deleted. */
  @Property({ type: 'integer', default: 0 })
  commentCount: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  viewCount: number = 0;
}

/**
 * Per-day (UTC) statistics of a video: views counted, seconds watched by others, likes (net:
 * an unlike subtracts on the day it happens) and comments added.
 */
@Entity({ tableName: 'video_daily_stat' })
export class VideoDailyStat {
  @ManyToOne(() => Video, { primary: true, deleteRule: 'cascade' })
  video!: Rel<Video>;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer', default: 0 })
  views: number = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  watchSeconds: number = 0;

  @Property({ type: 'integer', default: 0 })
  likes: number = 0;

  @Property({ type: 'integer', default: 0 })
  comments: number = 0;
}
