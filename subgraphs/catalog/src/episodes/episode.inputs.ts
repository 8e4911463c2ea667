import { IntRange, PlainText, TextLength } from '@vp/kit';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new episode, played by a READY video you uploaded.' })
export class AddEpisodeInput {
  @Field(() => ID)
  seasonId!: string;

  @Field(() => Int, { description: '0 (a special) to 10000, unique within the season.' })
  @IntRange(0, 10_000)
  number!: number;

  @Field({ description: '1–200 characters.' })
  @TextLength(1, 200)
  @PlainText()
  name!: string;

  @Field({ nullable: true, description: 'Up to 2000 characters.' })
  @TextLength(0, 2000)
  @PlainText({ lineBreaks: true })
  synopsis?: string;

  @Field(() => ID, {
    description:
      'A READY video you uploaded (createUpload → completeUpload). It becomes catalog content: out of every public list, playable only through this episode.',
  })
  videoId!: string;
}

@InputType({ description: 'The fields to change; those left out keep their value.' })
export class UpdateEpisodeInput {
  @Field(() => Int, { nullable: true, description: '0 to 10000, unique within the season.' })
  @IntRange(0, 10_000)
  number?: number | null;

  @Field({ nullable: true, description: '1–200 characters.' })
  @TextLength(1, 200)
  @PlainText()
  name?: string;

  @Field({ nullable: true, description: 'Up to 2000 characters.' })
  @TextLength(0, 2000)
  @PlainText({ lineBreaks: true })
  synopsis?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Another READY video of yours; the one it replaces is let go (still catalog content).',
  })
  videoId?: string | null;
}
