import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Video } from '../videos/video.entity';

/** One user likes one video, once: the primary key makes a second like a no-op. */
@Entity({ tableName: 'video_like' })
export class VideoLike {
  @ManyToOne(() => Video, { primary: true, deleteRule: 'cascade' })
  video!: Rel<Video>;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
