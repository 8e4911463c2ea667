import { PlanTier } from '@vp/kit';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { AvailabilityReason } from './availability';

registerEnumType(AvailabilityReason, {
  name: 'AvailabilityReason',
  description:
    'Why something does not play, checked in this order: NOT_PUBLISHED, TERRITORY_BLOCKED (no licence in your territory), NOT_YET_AVAILABLE, LICENCE_EXPIRED, SIGN_IN_REQUIRED, AGE_RESTRICTED (R18: age-verified adults; R15: 15 and over), PAYMENT_REQUIRED (plan).',
  valuesConfig: {
    NOT_PUBLISHED: {
      description: 'Not published (or withdrawn); for an episode, nothing to play yet.',
    },
    TERRITORY_BLOCKED: { description: 'No licence covers your territory.' },
    NOT_YET_AVAILABLE: { description: 'Licensed in your territory from availableFrom.' },
    LICENCE_EXPIRED: { description: 'Its licence in your territory ended at availableUntil.' },
    SIGN_IN_REQUIRED: { description: 'It needs a plan or an age check: sign in first.' },
    AGE_RESTRICTED: { description: 'R18 needs an age-verified adult; R15 needs 15 or over.' },
    PAYMENT_REQUIRED: { description: 'Your plan is below requiredPlan.' },
  },
});

@ObjectType({
  description:
    'Whether it plays for you, here and now, and if not exactly why. Worked out per request from your territory, plan and age and the licence windows.',
})
export class Availability {
  @Field()
  playable!: boolean;

  @Field(() => AvailabilityReason, { nullable: true, description: 'Null when playable.' })
  reason!: AvailabilityReason | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Start of the licence period in your territory that plays now (or the next, or the last one).',
  })
  availableFrom!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of that period (exclusive).' })
  availableUntil!: Date | null;

  @Field(() => PlanTier, { description: 'The lowest plan that may watch it.' })
  requiredPlan!: PlanTier;
}
