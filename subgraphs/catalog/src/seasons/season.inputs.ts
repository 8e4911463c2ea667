import { IntRange, PlainText, TextLength } from '@vp/kit';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new season of a title (a film has exactly one).' })
export class AddSeasonInput {
  @Field(() => ID)
  titleId!: string;

  @Field(() => Int, { description: '0 (specials) to 1000, unique within the title.' })
  @IntRange(0, 1000)
  number!: number;

  @Field({ description: '1–200 characters, such as "Season 1".' })
  @TextLength(1, 200)
  @PlainText()
  name!: string;
}
