import { EntitlementChanged } from '@vp/contracts';
import {
  AccountSuspension,
  applyEntitlementChange,
  buildFederatedSchema,
  createLogger,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
  ViewerEntitlement,
} from '@vp/kit';
import { migrations } from '../migrations';
import {
  createSearchAdapters,
  createSearchContext,
  type SearchAdapters,
  type SearchConfig,
  type SearchContext,
} from './config';
import {
  DiscoveryResolver,
  RelatedResolver,
  resolveVideoReference,
} from './discovery/discovery.resolver';
import { FeedSnapshot, Follow, HistoryClear, Signal, Watch } from './discovery/discovery.entity';
import { startMaintenance } from './discovery/maintenance';
import { searchConfigFromEnv, searchEnv } from './env';
import { SearchDocument } from './documents/search-document.entity';
import { Suggestion, Term } from './documents/suggestion.entity';
import { consumeChannelEvents } from './events/channel-events';
import { consumeFollowEvents } from './events/follow-events';
import { consumeLiveStreamEvents } from './events/live-stream-events';
import { consumeModerationEvents } from './events/moderation-events';
import { consumeTitleEvents } from './events/title-events';
import { consumeVideoEvents } from './events/video-events';
import { consumeWatchEvents } from './events/watch-events';
import { SearchResolver } from './results/search.resolver';
import { LiveStream, Title, User, Video } from './results/stubs';

export { PostgresSearchIndex } from './documents/postgres-search-index';
export { ElasticsearchSearchIndex } from './documents/elasticsearch-search-index';
export type { SearchDocumentInput, SearchPort, SearchRemoval } from './documents/search-port';
export { SearchDocumentKind, SearchVisibility } from './documents/search-document.entity';
export type { SearchAdapters, SearchConfig, SearchContext } from './config';
export { searchConfigFromEnv, searchEnv } from './env';
export { HALF_LIFE_HOURS, TREND_EPOCH, TrendingPeriod, viewScore } from './discovery/signals';

export const search: SubgraphDefinition<SearchConfig, SearchContext, SearchAdapters> = {
  name: 'search',
  dbSchema: 'search',
  entities: [
    SearchDocument,
    Suggestion,
    Term,
    Signal,
    Watch,
    HistoryClear,
    Follow,
    FeedSnapshot,
    ViewerEntitlement,
    AccountSuspension,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  env: { schema: searchEnv, config: searchConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [SearchResolver, DiscoveryResolver, RelatedResolver],
        orphanedTypes: [Video, LiveStream, Title, User],
        pubSub,
      },
      { Video: { __resolveReference: resolveVideoReference } },
    ),
  adapters: createSearchAdapters,
  extendContext: createSearchContext,
  messaging: async (messaging, _config, _shared, _orm, { indexFor }) => {
    await consumeVideoEvents(messaging, indexFor);
    await consumeLiveStreamEvents(messaging, indexFor);
    await consumeTitleEvents(messaging, indexFor);
    await consumeChannelEvents(messaging, indexFor);
    await consumeFollowEvents(messaging);
    await consumeWatchEvents(messaging);
    await consumeModerationEvents(messaging, indexFor);
    await messaging.onEvent(EntitlementChanged, applyEntitlementChange);
  },
  services: async (config, orm, _shared, _messaging, adapters) =>
    startMaintenance({
      em: () => orm.em.fork() as never,
      elasticsearch: adapters.elasticsearch,
      intervalMs: config.signalSyncIntervalMs ?? 30_000,
      log: createLogger('search'),
    }),
};
