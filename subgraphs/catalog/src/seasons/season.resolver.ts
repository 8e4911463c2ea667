import { type BaseContext, type Connection, ConnectionType, PageArgs } from '@vp/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Episode } from '../episodes/episode.entity';
import { EPISODES } from '../episodes/episode.service';
import { loadChildPage } from '../paging/child-pages';
import { Title } from '../titles/title.entity';
import { titleLoader } from '../titles/title.service';
import { Season } from './season.entity';
import { seasonLoader } from './season.service';

const EpisodeConnection = ConnectionType(Episode);

@Resolver(() => Season)
export class SeasonResolver {
  @FieldResolver(() => Title, { description: 'The series it belongs to.' })
  async title(@Root() season: Season, @Ctx() context: BaseContext): Promise<Title> {
    return (await titleLoader(context).load(season.title.id))!;
  }

  @FieldResolver(() => EpisodeConnection, { description: 'Its episodes in number order.' })
  episodes(
    @Root() season: Season,
    @Ctx() context: BaseContext,
    @Args() page: PageArgs,
  ): Promise<Connection<Episode>> {
    return loadChildPage(context, EPISODES, season.id, page);
  }
}

export function resolveSeasonReference(reference: { id: string }, context: BaseContext) {
  return seasonLoader(context).load(reference.id);
}
