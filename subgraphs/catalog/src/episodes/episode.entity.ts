import { randomUUID } from 'node:crypto';
import {
  Check,
  Entity,
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
@ObjectType({ description: 'An episode of a season.' })
@Entity({ tableName: 'episode' })
// Also the index that pages a season's episodes in order.
@Unique({ name: 'episode_season_id_number_unique', properties: ['season', 'number'] })
@Check({ name: 'episode_number_not_negative', expression: 'number >= 0' })
@Check({ name: 'episode_duration_positive', expression: 'duration_seconds > 0' })
export class Episode {
  [OptionalProps]?: 'id' | 'videoId' | 'createdAt';

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

  @Field(() => Int, { description: 'Its running time in seconds.' })
  @Property({ type: 'integer' })
  durationSeconds!: number;

  /**
   * The video (in the videos subgraph) that plays this episode; linked in a later issue, which
   * exposes it as `video: Video` through federation rather than as a raw id.
   */
  @Property({ type: 'uuid', nullable: true })
  videoId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
