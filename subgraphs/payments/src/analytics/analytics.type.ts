import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** payments's part of the analysts' entity (kit's analytics.ts). */
@Directive('@key(fields: "id")')
@ObjectType('Analytics', {
  description:
    'Aggregates of the platform for analysts: ANALYST or ADMIN accounts, or keys with ANALYTICS_READ.',
})
export class Analytics {
  @Field(() => ID, { description: 'Always "platform".' })
  id!: string;
}
