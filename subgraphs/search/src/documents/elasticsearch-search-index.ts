import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import {
  Audience,
  type Connection,
  hasRole,
  isUuid,
  Role,
  toConnection,
  type Viewer,
} from '@vp/kit';
import { type SearchHit } from '../results/search-result';
import { type SearchDocumentKind, SearchVisibility } from './search-document.entity';
import {
  checkedDocument,
  checkKind,
  cursorKey,
  ownerIdOf,
  parseSearch,
  type SearchArgs,
  type SearchDocumentInput,
  type SearchPort,
  type SearchRemoval,
  TYPENAME,
} from './search-port';

export const DEFAULT_ELASTICSEARCH_INDEX = 'search-documents';

/**
 * Japanese and English in one field: the built-in `cjk` analyzer (no plugin, unlike kuromoji)
 * folds full- and half-width forms and indexes CJK runs as overlapping bigrams, like the
 * PostgreSQL index; `english` adds stemming (running → run) and `exact` keeps the stop words the
 * other two drop (a title such as "The Who").
 */
const TEXT_FIELD: estypes.MappingProperty = {
  type: 'text',
  analyzer: 'cjk',
  fields: {
    english: { type: 'text', analyzer: 'english' },
    exact: { type: 'text', analyzer: 'standard' },
  },
};

export const ELASTICSEARCH_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    // The id again as a keyword: sorting on `_id` needs fielddata, off by default in 8.x.
    id: { type: 'keyword' },
    kind: { type: 'keyword' },
    ownerId: { type: 'keyword' },
    title: TEXT_FIELD,
    body: TEXT_FIELD,
    tags: TEXT_FIELD,
    visibility: { type: 'keyword' },
    audience: { type: 'keyword' },
    publishedAt: { type: 'date' },
    updatedAt: { type: 'date' },
    deleted: { type: 'boolean' },
  },
};

/** Title over tags over body, as the PostgreSQL weights A, B, C. */
export const SEARCH_FIELDS = [
  'title^3',
  'title.english^3',
  'title.exact^3',
  'tags^2',
  'tags.english^2',
  'tags.exact^2',
  'body',
  'body.english',
  'body.exact',
];

/** What everyone may find: published PUBLIC documents for a general audience. */
const LISTED: estypes.QueryDslQueryContainer = {
  bool: {
    filter: [
      { term: { visibility: SearchVisibility.PUBLIC } },
      { term: { audience: Audience.GENERAL } },
      { range: { publishedAt: { lte: 'now' } } },
    ],
  },
};

/** The visibility rules of README "Who finds what", as filters (they do not change the score). */
export function visibilityFilters(viewer: Viewer | null): estypes.QueryDslQueryContainer[] {
  const filters: estypes.QueryDslQueryContainer[] = [{ term: { deleted: false } }];
  const ownerId = ownerIdOf(viewer);
  if (hasRole(viewer, Role.ADMIN)) {
    return filters;
  }
  if (ownerId) {
    filters.push({ bool: { should: [LISTED, { term: { ownerId } }], minimum_should_match: 1 } });
  } else {
    filters.push(LISTED);
  }
  return filters;
}

interface StoredDocument {
  id: string;
  kind: SearchDocumentKind;
  ownerId?: string | null;
  title?: string;
  body?: string;
  tags?: string[];
  visibility?: SearchVisibility;
  audience?: Audience;
  publishedAt?: string | null;
  updatedAt: string;
  deleted: boolean;
}

/** Elasticsearch answers 409 to a write whose external version is not newer: a stale delivery. */
const isVersionConflict = (err: unknown) =>
  err instanceof errors.ResponseError && err.statusCode === 409;

const isIndexAlreadyThere = (err: unknown) =>
  err instanceof errors.ResponseError &&
  err.statusCode === 400 &&
  err.body?.error?.type === 'resource_already_exists_exception';

/**
 * The production search index on Elasticsearch 8. Versions are the source's change times in ms
 * with external versioning, so Elasticsearch itself refuses an older write; removals index a
 * tombstone (a plain delete's version is forgotten after `index.gc_deletes`, 60 s, after which a
 * late update would bring the document back).
 */
export class ElasticsearchSearchIndex implements SearchPort {
  private ready?: Promise<void>;

  constructor(
    private readonly client: Client,
    private readonly index: string = DEFAULT_ELASTICSEARCH_INDEX,
  ) {}

  /** Creates the index with its mapping once per process; another instance may race us to it. */
  ensureIndex(): Promise<void> {
    this.ready ??= (async () => {
      if (await this.client.indices.exists({ index: this.index })) {
        return;
      }
      try {
        await this.client.indices.create({ index: this.index, mappings: ELASTICSEARCH_MAPPINGS });
      } catch (err) {
        if (!isIndexAlreadyThere(err)) {
          throw err;
        }
      }
    })().catch(err => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  private async write(
    id: string,
    version: Date,
    versionType: 'external' | 'external_gte',
    document: StoredDocument,
  ) {
    await this.ensureIndex();
    try {
      await this.client.index({
        index: this.index,
        id,
        version: version.getTime(),
        version_type: versionType,
        document,
      });
    } catch (err) {
      if (!isVersionConflict(err)) {
        throw err;
      }
    }
  }

  async upsert(document: SearchDocumentInput): Promise<void> {
    const { title, body, tags, updatedAt } = checkedDocument(document);
    await this.write(document.id, updatedAt, 'external', {
      id: document.id,
      kind: document.kind,
      ownerId: document.ownerId ?? null,
      title,
      body,
      tags,
      visibility: document.visibility ?? SearchVisibility.PUBLIC,
      audience: document.audience ?? Audience.GENERAL,
      publishedAt: document.publishedAt?.toISOString() ?? null,
      updatedAt: updatedAt.toISOString(),
      deleted: false,
    });
  }

  /** `external_gte`: a removal at the same time as an update wins over it. */
  async remove({ id, kind, removedAt = new Date() }: SearchRemoval): Promise<void> {
    if (!isUuid(id)) {
      return;
    }
    checkKind(kind);
    await this.write(id, removedAt, 'external_gte', {
      id,
      kind,
      updatedAt: removedAt.toISOString(),
      deleted: true,
    });
  }

  async search(viewer: Viewer | null, args: SearchArgs): Promise<Connection<SearchHit>> {
    const parsed = parseSearch(args);
    await this.ensureIndex();
    const response = await this.client.search<Pick<StoredDocument, 'kind'>>({
      index: this.index,
      size: parsed.first + 1,
      track_total_hits: false,
      _source: ['kind'],
      query: {
        bool: {
          must: [
            {
              multi_match: {
                query: parsed.text,
                type: 'cross_fields',
                operator: 'and',
                fields: SEARCH_FIELDS,
              },
            },
          ],
          filter: visibilityFilters(viewer),
        },
      },
      sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
      ...(parsed.after ? { search_after: [parsed.after.score, parsed.after.id] } : {}),
    });
    const rows = response.hits.hits.map(hit => {
      const [score, id] = hit.sort as [number, string];
      return { score, id, kind: hit._source!.kind };
    });
    const connection = toConnection(rows, parsed.first, row => cursorKey(parsed, row));
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: { __typename: TYPENAME[node.kind], id: node.id },
      })),
    };
  }
}
