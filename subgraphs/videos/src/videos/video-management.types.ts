import { Audience, PlanTier } from '@vp/kit';
import { Field, InputType } from 'type-graphql';
import { VideoVisibility } from './video.entity';

@InputType({ description: 'The fields to change; those left out keep their value.' })
export class UpdateVideoInput {
  @Field(() => String, { nullable: true, description: '1–100 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 5000 characters.' })
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Up to 30 tags of 1–30 characters; duplicates are dropped.',
  })
  tags?: string[] | null;

  @Field(() => VideoVisibility, { nullable: true })
  visibility?: VideoVisibility | null;

  @Field(() => PlanTier, { nullable: true, description: 'The lowest plan that may play it.' })
  requiredPlan?: PlanTier | null;

  @Field(() => Audience, { nullable: true })
  audience?: Audience | null;
}
