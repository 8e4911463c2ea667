import { PUBLIC_CACHE } from '@vp/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

// What search finds belongs to other subgraphs: search only knows ids, and the gateway fetches
// every other field (and applies that subgraph's access rules) from the owner. Video is resolvable
// here only to add the fields search answers (`related`).

// its entity (an id) is the same for everyone; `related` carries its own hint
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
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

/** A channel: users owns accounts (handle, display name); search finds them. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}
