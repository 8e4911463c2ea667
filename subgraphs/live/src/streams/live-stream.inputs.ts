import { Audience, PlanTier } from '@vp/kit';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';

@InputType({ description: 'A new live stream; only the title is required.' })
export class CreateLiveStreamInput {
  @Field({ description: '1 to 100 characters (trimmed).' })
  @Length(1, 100)
  title!: string;

  @Field({ nullable: true, description: 'Up to 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
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
