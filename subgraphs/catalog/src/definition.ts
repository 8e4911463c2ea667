import { buildFederatedSchema, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { catalogConfigFromEnv, catalogEnv } from './env';
import { Episode } from './episodes/episode.entity';
import { EpisodeResolver, resolveEpisodeReference } from './episodes/episode.resolver';
import { Season } from './seasons/season.entity';
import { resolveSeasonReference, SeasonResolver } from './seasons/season.resolver';
import { Title } from './titles/title.entity';
import { resolveTitleReference, TitleResolver } from './titles/title.resolver';

export const catalog: SubgraphDefinition = {
  name: 'catalog',
  dbSchema: 'catalog',
  entities: [Title, Season, Episode],
  migrations,
  env: { schema: catalogEnv, config: catalogConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema(
      { resolvers: [TitleResolver, SeasonResolver, EpisodeResolver], pubSub },
      {
        Title: { __resolveReference: resolveTitleReference },
        Season: { __resolveReference: resolveSeasonReference },
        Episode: { __resolveReference: resolveEpisodeReference },
      },
    ),
};
