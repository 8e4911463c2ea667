import { VideoMediaChanged } from '@vp/contracts';
import {
  buildFederatedSchema,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
  ViewerEntitlement,
} from '@vp/kit';
import { migrations } from '../migrations';
import { CalendarResolver } from './calendar/calendar.resolver';
import {
  type CatalogAdapters,
  type CatalogConfig,
  type CatalogContext,
  createCatalogAdapters,
  createCatalogContext,
} from './config';
import { catalogConfigFromEnv, catalogEnv } from './env';
import { Episode } from './episodes/episode.entity';
import { EpisodeResolver, resolveEpisodeReference } from './episodes/episode.resolver';
import { Licence, LicenceTerritory } from './licences/licence.entity';
import { VideoAsset } from './media/video-asset.entity';
import { applyVideoMediaChange } from './media/video-asset.service';
import { EpisodeProgress } from './progress/episode-progress.entity';
import { ProgressResolver, resolveUserReference, User } from './progress/progress.resolver';
import { Season } from './seasons/season.entity';
import { resolveSeasonReference, SeasonResolver } from './seasons/season.resolver';
import { Title } from './titles/title.entity';
import { resolveTitleReference, TitleResolver } from './titles/title.resolver';
import { ViewerAge } from './viewers/viewer-age.entity';
import { consumeViewerEvents } from './viewers/viewer.consumers';

export type { CatalogConfig, CatalogContext } from './config';
export { catalogConfigFromEnv, catalogEnv } from './env';

export const catalog: SubgraphDefinition<CatalogConfig, CatalogContext, CatalogAdapters> = {
  name: 'catalog',
  dbSchema: 'catalog',
  entities: [
    Title,
    Season,
    Episode,
    Licence,
    LicenceTerritory,
    VideoAsset,
    ViewerAge,
    ViewerEntitlement,
    EpisodeProgress,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  env: { schema: catalogEnv, config: catalogConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [
          TitleResolver,
          SeasonResolver,
          EpisodeResolver,
          CalendarResolver,
          ProgressResolver,
        ],
        // User is reached only through `me` (the users subgraph's): named here so it is printed.
        orphanedTypes: [User],
        pubSub,
      },
      {
        Title: { __resolveReference: resolveTitleReference },
        Season: { __resolveReference: resolveSeasonReference },
        Episode: { __resolveReference: resolveEpisodeReference },
        User: { __resolveReference: resolveUserReference },
      },
    ),
  adapters: createCatalogAdapters,
  extendContext: createCatalogContext,
  messaging: async messaging => {
    await consumeViewerEvents(messaging);
    await messaging.onEvent(VideoMediaChanged, applyVideoMediaChange);
  },
};
