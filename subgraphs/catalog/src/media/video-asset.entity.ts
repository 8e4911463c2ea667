import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export enum VideoAssetStatus {
  READY = 'READY',
  DELETED = 'DELETED',
}

/**
 * What the videos subgraph told this one about a video's media (VideoMediaChanged): whose upload it
 * is, whether it can play, and its master playlist. Episodes attach only their manager's own READY
 * videos, and their playback is signed from it; nothing here waits on the videos subgraph.
 */
@Entity({ tableName: 'video_asset' })
export class VideoAsset {
  @PrimaryKey({ type: 'uuid' })
  videoId!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Enum({ items: () => VideoAssetStatus })
  status!: VideoAssetStatus;

  @Property({ type: 'integer', nullable: true })
  durationSeconds: number | null = null;

  /** Relative to `videos/<videoId>/`; null once deleted. */
  @Property({ type: 'string', length: 300, nullable: true })
  playbackEntry: string | null = null;

  /** The event's `changedAt`: only a newer change replaces the row. */
  @Property({ type: 'datetime' })
  changedAt!: Date;
}
