import { Audience, IntRange, PlainText, PlanTier, Rule, TextLength } from '@vp/kit';
import { Field, InputType, Int } from 'type-graphql';
import { MaturityRating, TitleKind } from './title.entity';

export const MAX_GENRES = 10;
const GENRE = /^[a-z0-9][a-z0-9-]{0,29}$/;

/** Genres as stored: lower case, without repeats, in the order given. */
export const normalizeGenres = (genres: string[]) => [
  ...new Set(genres.map(genre => genre.toLowerCase())),
];

function genresProblem(genres: string[]) {
  const normalized = normalizeGenres(genres);
  return normalized.length > MAX_GENRES || normalized.some(genre => !GENRE.test(genre))
    ? `Up to ${MAX_GENRES} genres of 1–30 letters, digits or hyphens (drama, sci-fi).`
    : null;
}

/** An audience given alongside a rating must agree with it: ADULT exactly for R18. */
function audienceProblem(audience: Audience, input: { maturityRating?: MaturityRating | null }) {
  return input.maturityRating &&
    (audience === Audience.ADULT) !== (input.maturityRating === MaturityRating.R18)
    ? 'ADULT exactly when the rating is R18.'
    : null;
}

/** R18 titles are for PREMIUM_PLUS only (DESIGN.md §5). */
export function planProblem(rating: MaturityRating, plan: PlanTier) {
  return rating === MaturityRating.R18 && plan !== PlanTier.PREMIUM_PLUS
    ? 'An R18 title requires PREMIUM_PLUS.'
    : null;
}

@InputType({ description: 'A new title: a draft until publishTitle.' })
export class CreateTitleInput {
  @Field(() => TitleKind)
  kind!: TitleKind;

  @Field({ description: '1–200 characters.' })
  @TextLength(1, 200)
  @PlainText()
  name!: string;

  @Field({ nullable: true, description: 'Up to 2000 characters.' })
  @TextLength(0, 2000)
  @PlainText({ lineBreaks: true })
  synopsis?: string;

  @Field(() => [String], { nullable: true, description: 'Up to 10, lower case: drama, sci-fi.' })
  @Rule(genresProblem)
  genres?: string[];

  @Field(() => Int, { nullable: true, description: '1870 to 2200.' })
  @IntRange(1870, 2200)
  releaseYear?: number | null;

  @Field(() => MaturityRating)
  maturityRating!: MaturityRating;

  @Field(() => Audience, {
    nullable: true,
    description: 'Derived from the rating (ADULT exactly for R18); when given it must agree.',
  })
  @Rule(audienceProblem)
  audience?: Audience | null;

  @Field(() => PlanTier, {
    nullable: true,
    description: 'The lowest plan that may watch it: PREMIUM unless given; R18 needs PREMIUM_PLUS.',
  })
  @Rule((plan: PlanTier, input: CreateTitleInput) =>
    planProblem(input.maturityRating, plan ?? PlanTier.PREMIUM),
  )
  requiredPlan?: PlanTier | null;
}

@InputType({ description: 'The fields to change; those left out keep their value.' })
export class UpdateTitleInput {
  @Field({ nullable: true, description: '1–200 characters.' })
  @TextLength(1, 200)
  @PlainText()
  name?: string;

  @Field({ nullable: true, description: 'Up to 2000 characters.' })
  @TextLength(0, 2000)
  @PlainText({ lineBreaks: true })
  synopsis?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the genres.' })
  @Rule(genresProblem)
  genres?: string[];

  @Field(() => Int, { nullable: true, description: '1870 to 2200.' })
  @IntRange(1870, 2200)
  releaseYear?: number | null;

  @Field(() => MaturityRating, { nullable: true })
  maturityRating?: MaturityRating | null;

  @Field(() => Audience, {
    nullable: true,
    description: 'When given it must agree with the rating.',
  })
  @Rule(audienceProblem)
  audience?: Audience | null;

  @Field(() => PlanTier, { nullable: true })
  requiredPlan?: PlanTier | null;
}

@InputType({ description: 'Narrows a list of titles; every field is optional.' })
export class TitleFilter {
  @Field(() => TitleKind, { nullable: true })
  kind?: TitleKind | null;

  @Field(() => String, { nullable: true, description: 'One genre, such as drama (any case).' })
  @TextLength(1, 30)
  genre?: string | null;

  @Field(() => Audience, { nullable: true, description: 'GENERAL or ADULT (R18) titles only.' })
  audience?: Audience | null;
}
