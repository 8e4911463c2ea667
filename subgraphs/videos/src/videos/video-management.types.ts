import { Audience, characterCount, PlanTier, Rule, TextLength } from '@vp/kit';
import { Field, ID, InputType } from 'type-graphql';
import { VideoVisibility } from './video.entity';

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 30;

/** Counted once duplicates are dropped, as they are when stored. */
function tagsProblem(tags: string[]) {
  const unique = new Set(tags);
  return unique.size > MAX_TAGS ||
    tags.some(tag => tag.length < 1 || characterCount(tag) > MAX_TAG_LENGTH)
    ? `Up to ${MAX_TAGS} tags of 1 to ${MAX_TAG_LENGTH} characters.`
    : null;
}

@InputType({ description: 'The fields to change; those left out keep their value.' })
export class UpdateVideoInput {
  @Field(() => String, { nullable: true, description: '1–100 characters.' })
  @TextLength(1, 100)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 5000 characters.' })
  @TextLength(0, 5000)
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Up to 30 tags of 1–30 characters; duplicates are dropped.',
  })
  @Rule(tagsProblem)
  tags?: string[] | null;

  @Field(() => VideoVisibility, { nullable: true })
  visibility?: VideoVisibility | null;

  @Field(() => PlanTier, { nullable: true, description: 'The lowest plan that may play it.' })
  requiredPlan?: PlanTier | null;

  @Field(() => Audience, { nullable: true })
  audience?: Audience | null;

  @Field(() => ID, {
    nullable: true,
    description: 'One of the categories (see the categories query); null removes the category.',
  })
  categoryId?: string | null;
}
