import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Video } from '../videos/video.entity';

/**
 * The current 30-minute viewing window of one viewer (`user:<id>` or `session:<sessionId>`) on one
 * video: heartbeats add their watched seconds, and the window's view is counted once, when the
 * threshold is crossed. A heartbeat after the window has run out starts a new one.
 */
@Entity({ tableName: 'view_window' })
// Housekeeping finds the windows that ran out long ago.
@Index({ name: 'view_window_started_at_idx', properties: ['startedAt'] })
export class ViewWindow {
  @PrimaryKey({ type: 'string', length: 120 })
  viewerKey!: string;

  @ManyToOne(() => Video, { primary: true, deleteRule: 'cascade' })
  video!: Rel<Video>;

  @Property({ type: 'datetime' })
  startedAt: Date = new Date();

  @Property({ type: 'integer', default: 0 })
  watchedSeconds: number = 0;

  @Property({ type: 'boolean', default: false })
  counted: boolean = false;

  /** The viewer reached the end (95 %) in this window: VideoFinished went out once for it. */
  @Property({ type: 'boolean', default: false })
  finished: boolean = false;
}

/** A signed-in viewer's place in a video: their watch history and "continue watching". */
@Index({
  name: 'watch_progress_history_idx',
  expression: `create index "watch_progress_history_idx" on "videos"."watch_progress" ("user_id", "watched_at" desc, "video_id" desc)`,
})
@Index({
  name: 'watch_progress_continue_idx',
  expression:
    `create index "watch_progress_continue_idx" on "videos"."watch_progress" ("user_id", "watched_at" desc, "video_id" desc) ` +
    `where not "completed" and "position_seconds" > 0`,
})
@Entity({ tableName: 'watch_progress' })
export class WatchProgress {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Video, { primary: true, deleteRule: 'cascade' })
  video!: Rel<Video>;

  @Property({ type: 'integer', default: 0 })
  positionSeconds: number = 0;

  @Property({ type: 'boolean', default: false })
  completed: boolean = false;

  @Property({ type: 'datetime' })
  watchedAt: Date = new Date();
}
