import { Client } from '@elastic/elasticsearch';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type BaseContext } from '@vp/kit';
import {
  DEFAULT_ELASTICSEARCH_INDEX,
  ElasticsearchSearchIndex,
} from './documents/elasticsearch-search-index';
import { PostgresSearchIndex } from './documents/postgres-search-index';
import { type SearchDocumentInput, type SearchPort } from './documents/search-port';

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
  /** How often the view counts Elasticsearch sorts by are refreshed (ms; default 30 s). */
  signalSyncIntervalMs?: number;
}

/** The index for one unit of work: PostgreSQL writes join the EntityManager's transaction. */
export type SearchIndexFor = (em: EntityManager) => SearchPort;

export interface SearchContext extends BaseContext {
  searchIndex: SearchPort;
}

/** The index the subgraph was configured with, made once at start-up (SubgraphDefinition.adapters). */
export interface SearchAdapters {
  indexFor: SearchIndexFor;
  /** The Elasticsearch index, when configured (the signal sync writes to it). */
  elasticsearch?: ElasticsearchSearchIndex;
}

/**
 * With Elasticsearch, every write goes to the PostgreSQL catalog first (in the consumer's
 * transaction: discovery reads it, and it stays ready to answer alone) and then to Elasticsearch
 * with the view count the catalog has; searches and suggestions go to Elasticsearch. An
 * Elasticsearch failure throws, so the transaction rolls back and the event is retried.
 */
export class MirroredSearchIndex implements SearchPort {
  constructor(
    private readonly catalog: PostgresSearchIndex,
    private readonly em: EntityManager,
    private readonly elasticsearch: ElasticsearchSearchIndex,
  ) {}

  async upsert(document: SearchDocumentInput) {
    await this.catalog.upsert(document);
    const [signal]: { view_count: string }[] = await this.em
      .getConnection()
      .execute(`select "view_count" from "search"."signal" where "video_id" = ?`, [document.id]);
    await this.elasticsearch.upsert({ ...document, viewCount: Number(signal?.view_count ?? 0) });
  }

  async remove(removal: Parameters<SearchPort['remove']>[0]) {
    await this.catalog.remove(removal);
    await this.elasticsearch.remove(removal);
  }

  search(...args: Parameters<SearchPort['search']>) {
    return this.elasticsearch.search(...args);
  }

  suggest(...args: Parameters<SearchPort['suggest']>) {
    return this.elasticsearch.suggest(...args);
  }
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
    return {
      indexFor: em => new MirroredSearchIndex(new PostgresSearchIndex(em), em, index),
      elasticsearch: index,
    };
  }
  return { indexFor: em => new PostgresSearchIndex(em) };
}

export const createSearchContext = (
  base: BaseContext,
  _config: SearchConfig,
  { indexFor }: SearchAdapters,
): SearchContext => ({ ...base, searchIndex: indexFor(base.em as EntityManager) });
