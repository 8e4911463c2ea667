import { Client } from '@elastic/elasticsearch';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type BaseContext, readEnv, z } from '@vp/kit';
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

// One Elasticsearch client (and index check) per config: consumers and requests share it.
const backends = new WeakMap<SearchConfig, SearchIndexFor>();

export function searchIndexFor(config: SearchConfig): SearchIndexFor {
  let backend = backends.get(config);
  if (!backend) {
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
      backend = () => index;
    } else {
      backend = em => new PostgresSearchIndex(em);
    }
    backends.set(config, backend);
  }
  return backend;
}

export const createSearchContext = (base: BaseContext, config: SearchConfig): SearchContext => ({
  ...base,
  searchIndex: searchIndexFor(config)(base.em as EntityManager),
});

/** ELASTICSEARCH_URL (and ELASTICSEARCH_INDEX, ELASTICSEARCH_API_KEY) choose Elasticsearch. */
export function searchConfigFromEnv(source: NodeJS.ProcessEnv): SearchConfig {
  const env = readEnv(
    {
      ELASTICSEARCH_URL: z.string().url().optional(),
      ELASTICSEARCH_INDEX: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]{0,199}$/, 'a lowercase Elasticsearch index name')
        .default(DEFAULT_ELASTICSEARCH_INDEX),
      ELASTICSEARCH_API_KEY: z.string().min(1).optional(),
    },
    source,
  );
  return env.ELASTICSEARCH_URL
    ? {
        elasticsearch: {
          url: env.ELASTICSEARCH_URL,
          index: env.ELASTICSEARCH_INDEX,
          apiKey: env.ELASTICSEARCH_API_KEY,
        },
      }
    : {};
}
