import { Field, ID, InputType, Int } from 'type-graphql';

/** Limits are checked by the tip rules (with one problem per field), not by the schema. */
@InputType({ description: 'A tip to the creator of a video or live stream.' })
export class SendTipInput {
  @Field(() => ID, { description: 'The video or live stream to tip.' })
  targetId!: string;

  @Field(() => Int, { description: 'Whole yen, 100 to 50,000.' })
  amountJpy!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Up to 200 characters of plain text shown with the tip.',
  })
  message?: string | null;
}
