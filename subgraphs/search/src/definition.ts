import { buildFederatedSchema, MESSAGING_ENTITIES, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import {
  createSearchContext,
  type SearchConfig,
  type SearchContext,
  searchIndexFor,
} from './config';
import { SearchDocument } from './documents/search-document.entity';
import { consumeLiveStreamEvents } from './events/live-stream-events';
import { consumeVideoEvents } from './events/video-events';
import { SearchResolver } from './results/search.resolver';
import { LiveStream, Title, Video } from './results/stubs';

export { PostgresSearchIndex } from './documents/postgres-search-index';
export { ElasticsearchSearchIndex } from './documents/elasticsearch-search-index';
export type { SearchDocumentInput, SearchPort, SearchRemoval } from './documents/search-port';
export { SearchDocumentKind, SearchVisibility } from './documents/search-document.entity';
export { type SearchConfig, type SearchContext, searchConfigFromEnv } from './config';

export const search: SubgraphDefinition<SearchConfig, SearchContext> = {
  name: 'search',
  dbSchema: 'search',
  entities: [SearchDocument, ...MESSAGING_ENTITIES],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema({
      resolvers: [SearchResolver],
      orphanedTypes: [Video, LiveStream, Title],
      pubSub,
    }),
  extendContext: createSearchContext,
  messaging: async (messaging, config) => {
    await consumeVideoEvents(messaging, searchIndexFor(config));
    await consumeLiveStreamEvents(messaging, searchIndexFor(config));
  },
};
