import { type BaseContext } from '@vp/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Season } from '../seasons/season.entity';
import { seasonLoader } from '../seasons/season.service';
import { Episode } from './episode.entity';
import { episodeLoader } from './episode.service';

@Resolver(() => Episode)
export class EpisodeResolver {
  @FieldResolver(() => Season, { description: 'The season it belongs to.' })
  async season(@Root() episode: Episode, @Ctx() context: BaseContext): Promise<Season> {
    return (await seasonLoader(context).load(episode.season.id))!;
  }
}

export function resolveEpisodeReference(reference: { id: string }, context: BaseContext) {
  return episodeLoader(context).load(reference.id);
}
