import { randomUUID } from 'node:crypto';
import {
  BeforeCreate,
  BeforeUpdate,
  Check,
  Entity,
  Enum,
  Index,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { Audience, PlanTier } from '@vp/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum TitleKind {
  SERIES = 'SERIES',
  MOVIE = 'MOVIE',
}
registerEnumType(TitleKind, {
  name: 'TitleKind',
  description: 'A series (seasons of episodes) or a movie.',
});

/** The Japanese Eirin ratings. */
export enum ContentRating {
  G = 'G',
  PG12 = 'PG12',
  R15 = 'R15',
  R18 = 'R18',
}
registerEnumType(ContentRating, {
  name: 'ContentRating',
  description:
    'Eirin rating: G (all ages), PG12 (guidance under 12), R15 (15 and over), R18 (adults only).',
});

/** R18 is adult content, whatever else is said about the title. */
export const audienceFor = (rating: ContentRating) =>
  rating === ContentRating.R18 ? Audience.ADULT : Audience.GENERAL;

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A premium series or movie in the catalog.' })
@Entity({ tableName: 'title' })
@Index({ name: 'title_name_id_index', properties: ['name', 'id'] })
@Index({ name: 'title_kind_name_id_index', properties: ['kind', 'name', 'id'] })
@Check({ name: 'title_name_not_blank', expression: "btrim(name) <> ''" })
@Check({
  name: 'title_release_year_range',
  expression: 'release_year >= 1870 and release_year <= 2200',
})
// The audience is derived from the rating; the database refuses a row where they disagree, and
// adult titles are for PREMIUM_PLUS only (DESIGN.md §5: age-verified adults on PREMIUM_PLUS).
@Check({
  name: 'title_r18_is_adult',
  expression: "(content_rating = 'R18') = (audience = 'ADULT')",
})
@Check({
  name: 'title_adult_needs_premium_plus',
  expression: "audience <> 'ADULT' or required_plan = 'PREMIUM_PLUS'",
})
export class Title {
  [OptionalProps]?: 'id' | 'synopsis' | 'releaseYear' | 'requiredPlan' | 'audience' | 'createdAt';

  @Field(() => ID, { description: 'The title id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => TitleKind, { description: 'A series or a movie.' })
  @Enum({ items: () => TitleKind })
  kind!: TitleKind;

  @Field({ description: 'The title as shown, up to 200 characters.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field({ description: 'A short description of the story.' })
  @Property({ type: 'text', default: '' })
  synopsis: string = '';

  @Field(() => Int, { nullable: true, description: 'The year of first release, when known.' })
  @Property({ type: 'integer', nullable: true })
  releaseYear: number | null = null;

  @Field(() => ContentRating, { description: 'The Eirin rating.' })
  @Enum({ items: () => ContentRating })
  contentRating!: ContentRating;

  @Field(() => PlanTier, { description: 'The lowest plan tier that may watch it.' })
  @Enum({ items: () => PlanTier, default: PlanTier.PREMIUM })
  requiredPlan: PlanTier = PlanTier.PREMIUM;

  @Field(() => Audience, { description: 'ADULT exactly when rated R18.' })
  @Enum({ items: () => Audience })
  audience: Audience = Audience.GENERAL;

  @Field({ description: 'When it was added to the catalog.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @BeforeCreate()
  @BeforeUpdate()
  deriveAudience() {
    this.audience = audienceFor(this.contentRating);
  }
}
