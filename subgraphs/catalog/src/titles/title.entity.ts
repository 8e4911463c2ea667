import { randomUUID } from 'node:crypto';
import {
  ArrayType,
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
import { Audience, PlanTier, PUBLIC_CACHE } from '@vp/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum TitleKind {
  SERIES = 'SERIES',
  FILM = 'FILM',
}
registerEnumType(TitleKind, {
  name: 'TitleKind',
  description: 'A series (seasons of episodes) or a film (one season holding one episode).',
});

/** The Japanese Eirin ratings. */
export enum MaturityRating {
  G = 'G',
  PG12 = 'PG12',
  R15 = 'R15',
  R18 = 'R18',
}
registerEnumType(MaturityRating, {
  name: 'MaturityRating',
  description:
    'Eirin rating: G (all ages), PG12 (parental guidance under 12), R15 (15 and over, by birth date), R18 (age-verified adults only).',
});

/** R18 is adult content, whatever else is said about the title. */
export const audienceFor = (rating: MaturityRating) =>
  rating === MaturityRating.R18 ? Audience.ADULT : Audience.GENERAL;

@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
@ObjectType({ description: 'A premium series or film in the catalog.' })
@Entity({ tableName: 'title' })
@Index({ name: 'title_name_id_index', properties: ['name', 'id'] })
@Index({ name: 'title_kind_name_id_index', properties: ['kind', 'name', 'id'] })
@Index({
  name: 'title_genres_index',
  expression: 'create index "title_genres_index" on "catalog"."title" using gin ("genres")',
})
@Check({ name: 'title_name_not_blank', expression: "btrim(name) <> ''" })
@Check({
  name: 'title_release_year_range',
  expression: 'release_year >= 1870 and release_year <= 2200',
})
// The audience is derived from the rating; the database refuses a row where they disagree, and
// adult titles are for PREMIUM_PLUS only (DESIGN.md §5: age-verified adults on PREMIUM_PLUS).
@Check({
  name: 'title_r18_is_adult',
  expression: "(maturity_rating = 'R18') = (audience = 'ADULT')",
})
@Check({
  name: 'title_adult_needs_premium_plus',
  expression: "audience <> 'ADULT' or required_plan = 'PREMIUM_PLUS'",
})
// Published now implies published once.
@Check({
  name: 'title_published_once',
  expression: 'published_at is null or first_published_at is not null',
})
export class Title {
  [OptionalProps]?:
    | 'id'
    | 'synopsis'
    | 'genres'
    | 'releaseYear'
    | 'requiredPlan'
    | 'audience'
    | 'publishedAt'
    | 'firstPublishedAt'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID, { description: 'The title id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => TitleKind, { description: 'A series or a film.' })
  @Enum({ items: () => TitleKind })
  kind!: TitleKind;

  @Field({ description: 'The title as shown, up to 200 characters.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field({ description: 'A short description of the story.' })
  @Property({ type: 'text', default: '' })
  synopsis: string = '';

  @Field(() => [String], { description: 'Genres, lower case (drama, anime, sci-fi…).' })
  @Property({ type: ArrayType, default: '{}' })
  genres: string[] = [];

  @Field(() => Int, { nullable: true, description: 'The year of first release, when known.' })
  @Property({ type: 'integer', nullable: true })
  releaseYear: number | null = null;

  @Field(() => MaturityRating, { description: 'The Eirin rating.' })
  @Enum({ items: () => MaturityRating })
  maturityRating!: MaturityRating;

  @Field(() => PlanTier, { description: 'The lowest plan tier that may watch it.' })
  @Enum({ items: () => PlanTier, default: PlanTier.PREMIUM })
  requiredPlan: PlanTier = PlanTier.PREMIUM;

  @Field(() => Audience, { description: 'ADULT exactly when rated R18.' })
  @Enum({ items: () => Audience })
  audience: Audience = Audience.GENERAL;

  /** Set by publishTitle, cleared by unpublishTitle: only published titles are listed or played. */
  @Field(() => Date, { nullable: true, description: 'When it was published; null while not.' })
  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  /** Never cleared: a title published once stays readable by id (as NOT_PUBLISHED) when withdrawn. */
  @Property({ type: 'datetime', nullable: true })
  firstPublishedAt: Date | null = null;

  @Field({ description: 'When it was added to the catalog.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @BeforeCreate()
  @BeforeUpdate()
  deriveAudience() {
    this.audience = audienceFor(this.maturityRating);
  }
}
