import { isTerritory, Rule } from '@vp/kit';
import { Field, ID, InputType } from 'type-graphql';

export const MAX_TERRITORIES = 250;

/** Territories as stored: upper case, without repeats, in alphabetical order. */
export const normalizeTerritories = (territories: string[]) =>
  [...new Set(territories.map(code => code.toUpperCase()))].sort();

function territoriesProblem(territories: string[]) {
  if (!territories.length || territories.length > MAX_TERRITORIES) {
    return `1 to ${MAX_TERRITORIES} territories.`;
  }
  const unknown = normalizeTerritories(territories).filter(code => !isTerritory(code));
  return unknown.length
    ? `Not ISO 3166-1 alpha-2 country codes: ${unknown.slice(0, 10).join(', ')}.`
    : null;
}

function windowProblem(endsAt: Date, input: { startsAt?: Date }) {
  return input.startsAt instanceof Date && endsAt.getTime() <= input.startsAt.getTime()
    ? 'Must be after startsAt.'
    : null;
}

@InputType({
  description: 'A licence: where (territories) and when ([startsAt, endsAt)) a title plays.',
})
export class AddLicenceInput {
  @Field(() => ID)
  titleId!: string;

  @Field(() => [String], {
    description:
      'ISO 3166-1 alpha-2 codes (JP, KR…), 1 to 250. No two licences of a title may overlap in one territory.',
  })
  @Rule(territoriesProblem)
  territories!: string[];

  @Field({ description: 'The first instant it plays.' })
  startsAt!: Date;

  @Field({ description: 'The first instant it no longer plays (after startsAt).' })
  @Rule(windowProblem)
  endsAt!: Date;
}
