import { Client } from '@elastic/elasticsearch';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type BaseContext } from '@vp/kit';
import {
  DEFAULT_ELASTICSEARCH_INDEX,
  ElasticsearchSearchIndex,
} from './documents/elasticsearch-search-index';
import { PostgresSearchIndex } from './documents/postgres-search-index';
import { type SearchPort } from './documents/search-port';

export interface ElasticsearchConfig {
  /** ELASTICSEARCH_URL, e.g. http://elasticsearch:9200. */
  url?: string;
  /** ELASTICSEARCH_INDEX (default `search-documents`). */
  index?: string;
  /** ELASTICSEARCH_API_KEY, when the cluster has security on. */
  apiKey?: string;
  /** A ready-made client (tests: one on @elastic/elasticsearch-mock); overrides `url`. */
  client?: Client;
}

/** What the search subgraph needs beyond every subgraph's config. */
export interface SearchConfig {
  /** Elasticsearch 8 instead of the embedded PostgreSQL index, when given. */
  elasticsearch?: ElasticsearchConfig;
}

/** The index for one unit of work: PostgreSQL writes join the EntityManager's transaction. */
export type SearchIndexFor = (em: EntityManager) => SearchPort;

export interface SearchContext extends BaseContext {
  searchIndex: SearchPort;
}

/** The index the subgraph was configured with, made once at start-up (SubgraphDefinition.adapters). */
export interface SearchAdapters {
  indexFor: SearchIndexFor;
}

export function createSearchAdapters(config: SearchConfig): SearchAdapters {
  const elasticsearch = config.elasticsearch;
  if (elasticsearch && (elasticsearch.client || elasticsearch.url)) {
    const client =
      elasticsearch.client ??
      new Client({
        node: elasticsearch.url,
        ...(elasticsearch.apiKey ? { auth: { apiKey: elasticsearch.apiKey } } : {}),
      });
    const index = new ElasticsearchSearchIndex(
      client,
      elasticsearch.index ?? DEFAULT_ELASTICSEARCH_INDEX,
    );
    return { indexFor: () => index };
  }
  return { indexFor: em => new PostgresSearchIndex(em) };
}

export const createSearchContext = (
  base: BaseContext,
  _config: SearchConfig,
  { indexFor }: SearchAdapters,
): SearchContext => ({ ...base, searchIndex: indexFor(base.em as EntityManager) });
