import { Directive, Field, ID, ObjectType } from 'type-graphql';

// What a notification points at belongs to other subgraphs: users only keeps the id, and the
// gateway fetches every other field (with that subgraph's access rules) from the owner.

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
export class Comment {
  @Field(() => ID)
  id!: string;
}
