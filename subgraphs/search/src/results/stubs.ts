import { Directive, Field, ID, ObjectType } from 'type-graphql';

// What a search finds belongs to other subgraphs: search only knows ids, and the gateway fetches
// every other field (and applies that subgraph's access rules) from the owner.

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Video {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class LiveStream {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Title {
  @Field(() => ID)
  id!: string;
}
