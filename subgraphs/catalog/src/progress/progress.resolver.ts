import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { type CatalogContext } from '../config';
import { Episode } from '../episodes/episode.entity';
import { nextEpisode, recordEpisodeProgress, RecordEpisodeProgressInput } from './progress';

/** The users subgraph owns User; the catalog adds what it knows of a viewer's watching. */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => User)
export class ProgressResolver {
  @FieldResolver(() => Episode, {
    nullable: true,
    description:
      'The episode of a title to watch next: the one you stopped part-way through, the one after the one you finished, or the first; null after the last. Your own only.',
  })
  nextEpisode(
    @Root() user: User,
    @Arg('titleId', () => ID) titleId: string,
    @Ctx() context: CatalogContext,
  ): Promise<Episode | null> {
    return nextEpisode(context, user.id, titleId);
  }

  @Mutation(() => Boolean, {
    description:
      'Where you are in an episode you may watch now (the player sends it while playing). Signed-in viewers.',
  })
  recordEpisodeProgress(
    @Arg('input', () => RecordEpisodeProgressInput) input: RecordEpisodeProgressInput,
    @Ctx() context: CatalogContext,
  ): Promise<boolean> {
    return recordEpisodeProgress(context, input);
  }
}

/** Any id is a user as far as this subgraph knows. */
export const resolveUserReference = (reference: { id: string }): User => ({ id: reference.id });
