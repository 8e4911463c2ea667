import { PUBLIC_CACHE } from '@vp/kit';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A video category. The rows are seeded by a migration from `CATEGORIES` in @vp/kit (the ids are
 * fixed: events and search carry them); there is no mutation to change them yet.
 */
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
@ObjectType({ description: 'A video category, named in the language the viewer asks for.' })
@Entity({ tableName: 'category' })
export class Category {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'A stable URL-safe name, e.g. "music".' })
  @Unique({ name: 'category_slug_unique' })
  @Property({ type: 'string', length: 50 })
  slug!: string;

  @Property({ type: 'string', length: 50 })
  nameJa!: string;

  @Property({ type: 'string', length: 50 })
  nameEn!: string;

  /** The order of the list. */
  @Property({ type: 'integer' })
  position!: number;
}
