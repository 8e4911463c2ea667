import { defineEnv, type EnvOf, mergeEnv, platformEnv, z } from '@vp/kit';
import { type SearchConfig } from './config';
import { DEFAULT_ELASTICSEARCH_INDEX } from './documents/elasticsearch-search-index';

/** The search subgraph's own variables: ELASTICSEARCH_URL chooses Elasticsearch over PostgreSQL. */
export const searchEnv = mergeEnv(
  platformEnv,
  defineEnv({
    ELASTICSEARCH_URL: z
      .string()
      .url()
      .optional()
      .describe('Elasticsearch 8 (e.g. http://elasticsearch:9200) instead of PostgreSQL full text'),
    ELASTICSEARCH_INDEX: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,199}$/, 'a lowercase Elasticsearch index name')
      .default(DEFAULT_ELASTICSEARCH_INDEX)
      .describe('the Elasticsearch index of search documents'),
    ELASTICSEARCH_API_KEY: z
      .string()
      .min(1)
      .optional()
      .describe('an Elasticsearch API key, when the cluster has security on'),
  }),
);

export function searchConfigFromEnv(env: EnvOf<typeof searchEnv>): SearchConfig {
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
