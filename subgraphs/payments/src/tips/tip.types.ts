import { IntRange, PlainText, TextLength } from '@vp/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { TIP_MAX_JPY, TIP_MESSAGE_MAX_CHARACTERS, TIP_MIN_JPY } from './tip.entity';

@InputType({ description: 'A tip to the creator of a video or live stream.' })
export class SendTipInput {
  @Field(() => ID, { description: 'The video or live stream to tip.' })
  targetId!: string;

  @Field(() => Int, { description: 'Whole yen, 100 to 50,000.' })
  @IntRange(TIP_MIN_JPY, TIP_MAX_JPY, {
    message: `Whole yen from ${TIP_MIN_JPY} to ${TIP_MAX_JPY}.`,
  })
  amountJpy!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Up to 200 characters of plain text shown with the tip.',
  })
  @TextLength(0, TIP_MESSAGE_MAX_CHARACTERS)
  @PlainText({ lineBreaks: true })
  message?: string | null;
}
