import { randomUUID } from 'node:crypto';
import {
  Check,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Season } from '../seasons/season.entity';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An episode of a season (a film is one season with one episode).' })
@Entity({ tableName: 'episode' })
// Also the index that pages a season's episodes in order.
@Unique({ name: 'episode_season_id_number_unique', properties: ['season', 'number'] })
// A video plays one episode at most.
@Index({
  name: 'episode_video_id_unique',
  expression:
    'create unique index "episode_video_id_unique" on "catalog"."episode" ("video_id") where "video_id" is not null',
})
@Check({ name: 'episode_number_not_negative', expression: 'number >= 0' })
@Check({ name: 'episode_duration_positive', expression: 'duration_seconds > 0' })
export class Episode {
  [OptionalProps]?: 'id' | 'synopsis' | 'videoId' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'The episode id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Season, { deleteRule: 'cascade' })
  season!: Rel<Season>;

  @Field(() => Int, { description: 'Its place in the season; 0 is a special.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field({ description: 'Its title, up to 200 characters.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field({ description: 'What happens in it, up to 2000 characters.' })
  @Property({ type: 'text', default: '' })
  synopsis: string = '';

  @Field(() => Int, { description: 'Its running time in seconds (its video’s).' })
  @Property({ type: 'integer' })
  durationSeconds!: number;

  /**
   * The video (in the videos subgraph) that plays this episode: a catalog manager's own READY
   * upload, which becomes catalog content (CatalogVideoChanged). Never exposed: the episode is
   * what plays. Null when its video was deleted.
   */
  @Property({ type: 'uuid', nullable: true })
  videoId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
