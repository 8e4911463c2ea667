import { type BaseContext, type Connection, ConnectionType, PageArgs } from '@vp/kit';
import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { type CatalogContext } from '../config';
import { Episode } from '../episodes/episode.entity';
import { EPISODES } from '../episodes/episode.service';
import { loadChildPage } from '../paging/child-pages';
import { Title } from '../titles/title.entity';
import { canSeeTitle, titleLoader } from '../titles/title.service';
import { AddSeasonInput } from './season.inputs';
import { Season } from './season.entity';
import { addSeason, seasonLoader } from './season.service';

const EpisodeConnection = ConnectionType(Episode);

@Resolver(() => Season)
export class SeasonResolver {
  @FieldResolver(() => Title, { description: 'The title it belongs to.' })
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

  @Mutation(() => Season, {
    description:
      'Adds a season to a title (BAD_USER_INPUT when its number is taken, or for a film’s second). Catalog managers only.',
  })
  addSeason(
    @Arg('input', () => AddSeasonInput) input: AddSeasonInput,
    @Ctx() context: CatalogContext,
  ): Promise<Season> {
    return addSeason(context, input);
  }
}

/** A season is readable when its title is (drafts are the managers'). */
export async function resolveSeasonReference(reference: { id: string }, context: BaseContext) {
  const season = await seasonLoader(context).load(reference.id);
  const title = season && (await titleLoader(context).load(season.title.id));
  return season && canSeeTitle(context, title) ? season : null;
}
