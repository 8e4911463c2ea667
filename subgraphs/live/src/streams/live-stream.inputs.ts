import { Audience, PlanTier, Rule, TextLength } from '@vp/kit';
import { Field, InputType, ObjectType } from 'type-graphql';

const YEAR_MS = 365 * 24 * 3600_000;
/** A start announced a few minutes late (a slow form) is still "now". */
const LATE_MS = 5 * 60_000;

const scheduleProblem = (at: Date) =>
  at.getTime() < Date.now() - LATE_MS || at.getTime() > Date.now() + YEAR_MS
    ? 'From now to one year ahead.'
    : null;

@InputType({ description: 'A new live stream; only the title is required.' })
export class CreateLiveStreamInput {
  @Field({ description: '1 to 100 characters (trimmed).' })
  @TextLength(1, 100)
  title!: string;

  @Field({ nullable: true, description: 'Up to 5000 characters.' })
  @TextLength(0, 5000)
  description?: string;

  @Field(() => PlanTier, {
    nullable: true,
    description: 'The lowest plan that may watch (FREE by default).',
  })
  requiredPlan?: PlanTier;

  @Field(() => Audience, { nullable: true, description: 'GENERAL by default.' })
  audience?: Audience;

  @Field(() => Date, {
    nullable: true,
    description: 'When it is announced to start (within a year); unannounced when null.',
  })
  @Rule(scheduleProblem)
  scheduledAt?: Date | null;
}

@ObjectType({
  description:
    'Where and how the owner publishes. The stream key is secret: it is shown only in the answer of ' +
    'createLiveStream and rotateStreamKey (it is stored hashed and cannot be read back).',
})
export class LiveStreamIngest {
  @Field({
    description: 'The RTMP URL to give OBS or ffmpeg (the key goes in the stream key field).',
  })
  rtmpUrl!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The stream key, only right after it was issued; null on any later read.',
  })
  streamKey!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The last 4 characters of the current key, to tell keys apart.',
  })
  streamKeyHint!: string | null;
}
