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
import { Title } from '../titles/title.entity';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A season of a series.' })
@Entity({ tableName: 'season' })
// Also the index that pages a title's seasons in order.
@Unique({ name: 'season_title_id_number_unique', properties: ['title', 'number'] })
@Check({ name: 'season_number_not_negative', expression: 'number >= 0' })
export class Season {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID, { description: 'The season id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Title, { deleteRule: 'cascade' })
  title!: Rel<Title>;

  @Field(() => Int, { description: 'Its place in the series; 0 holds specials.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field({ description: 'Its name, such as "Season 1" or "The Final Season".' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
