import { buildFederatedSchema, MESSAGING_ENTITIES, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import {
  createSearchAdapters,
  createSearchContext,
  type SearchAdapters,
  type SearchConfig,
  type SearchContext,
} from './config';
import { searchConfigFromEnv, searchEnv } from './env';
import { SearchDocument } from './documents/search-document.entity';
import { consumeLiveStreamEvents } from './events/live-stream-events';
import { consumeVideoEvents } from './events/video-events';
import { SearchResolver } from './results/search.resolver';
import { LiveStream, Title, Video } from './results/stubs';

export { PostgresSearchIndex } from './documents/postgres-search-index';
export { ElasticsearchSearchIndex } from './documents/elasticsearch-search-index';
export type { SearchDocumentInput, SearchPort, SearchRemoval } from './documents/search-port';
export { SearchDocumentKind, SearchVisibility } from './documents/search-document.entity';
export type { SearchAdapters, SearchConfig, SearchContext } from './config';
export { searchConfigFromEnv, searchEnv } from './env';

export const search: SubgraphDefinition<SearchConfig, SearchContext, SearchAdapters> = {
  name: 'search',
  dbSchema: 'search',
  entities: [SearchDocument, ...MESSAGING_ENTITIES],
  migrations,
  env: { schema: searchEnv, config: searchConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema({
      resolvers: [SearchResolver],
      orphanedTypes: [Video, LiveStream, Title],
      pubSub,
    }),
  adapters: createSearchAdapters,
  extendContext: createSearchContext,
  messaging: async (messaging, _config, _shared, _orm, { indexFor }) => {
    await consumeVideoEvents(messaging, indexFor);
    await consumeLiveStreamEvents(messaging, indexFor);
  },
};
