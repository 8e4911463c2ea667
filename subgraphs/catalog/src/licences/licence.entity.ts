import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Check,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Title } from '../titles/title.entity';

/**
 * The right to show a title in some territories for a window of time, [startsAt, endsAt): it
 * plays from startsAt (inclusive) until endsAt (exclusive). Licences are added and removed, never
 * edited, so their per-territory rows can copy the window.
 */
@ObjectType({
  description: 'A window [startsAt, endsAt) in which a title may play in some territories.',
})
@Entity({ tableName: 'licence' })
@Index({ name: 'licence_title_id_index', properties: ['title'] })
@Check({ name: 'licence_window_not_empty', expression: 'ends_at > starts_at' })
export class Licence {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Title, { deleteRule: 'cascade' })
  title!: Rel<Title>;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes, in alphabetical order.' })
  @Property({ type: ArrayType })
  territories!: string[];

  @Field({ description: 'The first instant it plays.' })
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field({ description: 'The first instant it no longer plays.' })
  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * One territory of a licence, with the licence's window copied: what availability, the viewer's
 * title list and the calendar read, by (title, territory) and by territory.
 */
@Entity({ tableName: 'licence_territory' })
@Index({
  name: 'licence_territory_title_index',
  properties: ['titleId', 'territory', 'startsAt'],
})
@Index({ name: 'licence_territory_starts_index', properties: ['territory', 'startsAt'] })
@Index({ name: 'licence_territory_ends_index', properties: ['territory', 'endsAt'] })
export class LicenceTerritory {
  @ManyToOne(() => Licence, { primary: true, deleteRule: 'cascade' })
  licence!: Rel<Licence>;

  @PrimaryKey({ type: 'string', length: 2 })
  territory!: string;

  @Property({ type: 'uuid' })
  titleId!: string;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;
}
