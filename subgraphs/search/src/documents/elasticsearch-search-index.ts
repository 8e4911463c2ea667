import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import { Audience, type Connection, isUuid, toConnection } from '@vp/kit';
import { type SearchHit } from '../results/search-result';
import { type SearchScope } from '../viewer/scope';
import { type SearchDocumentKind, SearchVisibility } from './search-document.entity';
import {
  checkedDocument,
  checkKind,
  cursorKey,
  type ParsedSearch,
  parseSearch,
  parseSuggest,
  type SearchArgs,
  type SearchDocumentInput,
  type SearchPort,
  type SearchRemoval,
  SearchSort,
  suggestionKey,
  type SuggestArgs,
  TYPENAME,
} from './search-port';
import { latinWords, queryTokens, suggestionEntries } from './text';

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
    categoryId: { type: 'keyword' },
    durationSeconds: { type: 'float' },
    requiredPlan: { type: 'keyword' },
    liveStatus: { type: 'keyword' },
    /** Titles: findable in a territory while its last window has not ended. */
    needsLicence: { type: 'boolean' },
    licences: {
      type: 'nested',
      properties: { territory: { type: 'keyword' }, endsAt: { type: 'date' } },
    },
    viewCount: { type: 'long' },
    /** The normalised keys searchSuggestions matches prefixes against (see text.ts). */
    suggestKeys: { type: 'keyword' },
  },
};

/** Title over tags over body, as the PostgreSQL weights. */
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

/** Words of at least this many letters also match with typos (`word~`, Elasticsearch's AUTO). */
const MIN_FUZZY_LENGTH = 4;

/**
 * The user's web-search syntax for `simple_query_string`: "phrases" stay, `or` becomes `|`,
 * `-word` excludes, and Latin words of 4 letters or more get `~` (typo tolerance, AUTO edit
 * distance). Everything else is quoted so no character can reach the query syntax.
 */
export function simpleQueryString(text: string): string {
  const clean = (value: string) => value.replace(/["\\]/g, ' ').trim();
  return queryTokens(text)
    .flatMap(token => {
      if (token.type === 'or') {
        return ['|'];
      }
      const value = clean(token.text);
      if (!value) {
        return [];
      }
      if (token.type === 'phrase') {
        return [`"${value}"`];
      }
      if (token.type === 'not') {
        return [`-"${value}"`];
      }
      const [word] = latinWords(value);
      if (word && word === value.toLowerCase() && word.length >= MIN_FUZZY_LENGTH) {
        return [`${word}~`];
      }
      return [`"${value}"`];
    })
    .join(' ');
}

/** What everyone in the scope may find (published, audience, licence in the territory). */
export function listedFilter(
  scope: Pick<SearchScope, 'adult' | 'territory'> & Partial<Pick<SearchScope, 'hiddenOwners'>>,
): estypes.QueryDslQueryContainer {
  return {
    bool: {
      // suspended accounts' documents (README "Who finds what")
      ...(scope.hiddenOwners?.length
        ? { must_not: [{ terms: { ownerId: scope.hiddenOwners } }] }
        : {}),
      filter: [
        { term: { visibility: SearchVisibility.PUBLIC } },
        ...(scope.adult ? [] : [{ term: { audience: Audience.GENERAL } }]),
        { range: { publishedAt: { lte: 'now' } } },
        {
          bool: {
            should: [
              { term: { needsLicence: false } },
              {
                nested: {
                  path: 'licences',
                  query: {
                    bool: {
                      filter: [
                        { term: { 'licences.territory': scope.territory } },
                        { range: { 'licences.endsAt': { gt: 'now' } } },
                      ],
                    },
                  },
                },
              },
            ],
            minimum_should_match: 1,
          },
        },
      ],
    },
  };
}

/** The visibility rules of README "Who finds what", as filters (they do not change the score). */
export function visibilityFilters(scope: SearchScope): estypes.QueryDslQueryContainer[] {
  const filters: estypes.QueryDslQueryContainer[] = [{ term: { deleted: false } }];
  if (scope.admin) {
    return filters;
  }
  const listed = listedFilter(scope);
  filters.push(
    scope.ownerId
      ? {
          bool: { should: [listed, { term: { ownerId: scope.ownerId } }], minimum_should_match: 1 },
        }
      : listed,
  );
  return filters;
}

/** A search's filter as Elasticsearch filter clauses. */
export function filterClauses(parsed: ParsedSearch): estypes.QueryDslQueryContainer[] {
  const { filter } = parsed;
  const clauses: estypes.QueryDslQueryContainer[] = [];
  if (filter.kinds) {
    clauses.push({ terms: { kind: filter.kinds } });
  }
  if (filter.categoryId) {
    clauses.push({ term: { categoryId: filter.categoryId } });
  }
  if (filter.durationMin != null || filter.durationMax != null) {
    clauses.push({
      range: {
        durationSeconds: {
          ...(filter.durationMin != null ? { gte: filter.durationMin } : {}),
          ...(filter.durationMax != null ? { lte: filter.durationMax } : {}),
        },
      },
    });
  }
  if (filter.publishedAfter) {
    clauses.push({ range: { publishedAt: { gt: filter.publishedAfter.toISOString() } } });
  }
  if (filter.requiredPlan) {
    clauses.push({ term: { requiredPlan: filter.requiredPlan } });
  }
  return clauses;
}

const SORTS: Record<SearchSort, estypes.SortCombinations[]> = {
  [SearchSort.RELEVANCE]: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
  // Ties as in PostgreSQL: the higher id first.
  [SearchSort.NEWEST]: [
    { publishedAt: { order: 'desc', missing: '_last' } },
    { id: { order: 'desc' } },
  ],
  [SearchSort.MOST_VIEWED]: [
    { viewCount: { order: 'desc', missing: 0 } },
    { id: { order: 'desc' } },
  ],
};

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
  categoryId?: string | null;
  durationSeconds?: number | null;
  requiredPlan?: string;
  liveStatus?: string | null;
  needsLicence?: boolean;
  licences?: { territory: string; endsAt: string }[];
  viewCount?: number;
  suggestKeys?: string[];
}

/** Elasticsearch answers 409 to a write whose external version is not newer: a stale delivery. */
const isVersionConflict = (err: unknown) =>
  err instanceof errors.ResponseError && err.statusCode === 409;

const isIndexAlreadyThere = (err: unknown) =>
  err instanceof errors.ResponseError &&
  err.statusCode === 400 &&
  err.body?.error?.type === 'resource_already_exists_exception';

/** How many hits to read for one page of suggestions (a hit may give a phrase already seen). */
const SUGGESTION_HITS_PER_PHRASE = 5;

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

  /** The document as stored, with its version (the source's change time). */
  static stored(document: SearchDocumentInput): StoredDocument {
    const checked = checkedDocument(document);
    const visibility = document.visibility ?? SearchVisibility.PUBLIC;
    return {
      id: document.id,
      kind: document.kind,
      ownerId: document.ownerId ?? null,
      title: checked.title,
      body: checked.body,
      tags: checked.tags,
      visibility,
      audience: document.audience ?? Audience.GENERAL,
      publishedAt: document.publishedAt?.toISOString() ?? null,
      updatedAt: checked.updatedAt.toISOString(),
      deleted: false,
      categoryId: checked.categoryId,
      durationSeconds: checked.durationSeconds,
      requiredPlan: checked.requiredPlan,
      liveStatus: checked.liveStatus,
      needsLicence: !!checked.licences,
      licences: Object.entries(checked.licences ?? {}).map(([territory, endsAt]) => ({
        territory,
        endsAt,
      })),
      viewCount: document.viewCount ?? 0,
      // Only what everyone may find is suggested (as in the PostgreSQL index).
      suggestKeys:
        visibility === SearchVisibility.PUBLIC && document.publishedAt
          ? suggestionEntries(checked.title, checked.tags, suggestionKey).map(entry => entry.key)
          : [],
    };
  }

  async upsert(document: SearchDocumentInput): Promise<void> {
    const stored = ElasticsearchSearchIndex.stored(document);
    await this.write(document.id, new Date(stored.updatedAt), 'external', stored);
  }

  /**
   * Writes a document again at its own version (`external_gte`: the same version is accepted, an
   * older one refused): the signal sync refreshing `viewCount` from the PostgreSQL catalog.
   */
  async refresh(document: SearchDocumentInput): Promise<void> {
    const stored = ElasticsearchSearchIndex.stored(document);
    await this.write(document.id, new Date(stored.updatedAt), 'external_gte', stored);
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

  async search(scope: SearchScope, args: SearchArgs): Promise<Connection<SearchHit>> {
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
              simple_query_string: {
                query: simpleQueryString(parsed.text),
                fields: SEARCH_FIELDS,
                default_operator: 'and',
              },
            },
          ],
          filter: [...visibilityFilters(scope), ...filterClauses(parsed)],
        },
      },
      sort: SORTS[parsed.sort],
      ...(parsed.after ? { search_after: [parsed.after.value, parsed.after.id] } : {}),
    });
    const rows = response.hits.hits.map(hit => {
      const [value, id] = hit.sort as [number, string];
      return { value, id, kind: hit._source!.kind };
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

  async suggest(scope: SearchScope, args: SuggestArgs): Promise<string[]> {
    const { key, first } = parseSuggest(args);
    await this.ensureIndex();
    const response = await this.client.search<Pick<StoredDocument, 'title' | 'tags'>>({
      index: this.index,
      size: first * SUGGESTION_HITS_PER_PHRASE,
      track_total_hits: false,
      _source: ['title', 'tags'],
      query: {
        bool: {
          filter: [
            { term: { deleted: false } },
            { prefix: { suggestKeys: key } },
            listedFilter(scope),
          ],
        },
      },
      sort: [{ viewCount: { order: 'desc', missing: 0 } }, { id: { order: 'asc' } }],
    });
    const phrases: string[] = [];
    for (const hit of response.hits.hits) {
      for (const entry of suggestionEntries(
        hit._source!.title ?? '',
        hit._source!.tags ?? [],
        suggestionKey,
      )) {
        if (entry.key.startsWith(key) && !phrases.includes(entry.phrase)) {
          phrases.push(entry.phrase);
        }
      }
    }
    return phrases.slice(0, first);
  }
}
