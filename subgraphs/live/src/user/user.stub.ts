import { PUBLIC_CACHE } from '@vp/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The users subgraph owns User; this subgraph only adds the fields it can answer (a channel's
 * live streams), so it knows a user by id alone.
 */
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}
