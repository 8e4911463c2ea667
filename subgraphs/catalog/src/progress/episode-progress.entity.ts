import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Where a signed-in viewer is in an episode (recordEpisodeProgress): what `nextEpisode` reads. Catalog
 * videos are not standalone videos, so their watch progress is kept here rather than in videos.
 */
@Entity({ tableName: 'episode_progress' })
@Index({
  name: 'episode_progress_latest_index',
  expression:
    'create index "episode_progress_latest_index" on "catalog"."episode_progress" ("user_id", "title_id", "watched_at" desc)',
})
export class EpisodeProgress {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'uuid' })
  episodeId!: string;

  @Property({ type: 'uuid' })
  titleId!: string;

  @Property({ type: 'integer' })
  positionSeconds!: number;

  /** At 90 % of the episode or more. */
  @Property({ type: 'boolean' })
  completed!: boolean;

  @Property({ type: 'datetime' })
  watchedAt!: Date;
}
