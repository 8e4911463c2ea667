import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The users subgraph owns accounts; payments adds billing fields to them. */
@Directive('@key(fields: "id")')
// No description: the users subgraph, which owns the type, describes it.
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}
