import { buildFederatedSchema, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { SearchDocument } from './documents/search-document.entity';
import { SearchResolver } from './results/search.resolver';
import { LiveStream, Title, Video } from './results/stubs';

export { SearchIndex, type SearchDocumentInput } from './documents/search-index';
export { SearchDocumentKind, SearchVisibility } from './documents/search-document.entity';

export const search: SubgraphDefinition = {
  name: 'search',
  dbSchema: 'search',
  entities: [SearchDocument],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema({
      resolvers: [SearchResolver],
      orphanedTypes: [Video, LiveStream, Title],
      pubSub,
    }),
};
