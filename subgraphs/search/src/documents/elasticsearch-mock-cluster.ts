import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';

export interface RecordedRequest {
  method: string;
  path: string;
  querystring: Record<string, string>;
  body: any;
}

interface Stored {
  version: number;
  source: Record<string, any>;
}

const conflict = (index: string, id: string, current: number, provided: number) => {
  const reason = `[${id}]: version conflict, current version [${current}] is higher or equal to the one provided [${provided}]`;
  const cause = {
    type: 'version_conflict_engine_exception',
    reason,
    index_uuid: 'mock-index-uuid',
    shard: '0',
    index,
  };
  return new errors.ResponseError({
    body: { error: { root_cause: [cause], ...cause }, status: 409 },
    statusCode: 409,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
};

/**
 * A stand-in for one Elasticsearch 8 index on `@elastic/elasticsearch-mock` (the vendor's mock
 * connection under the real client). It answers with Elasticsearch 8's response shapes, keeps
 * documents with the documented external-versioning rules (`external`: strictly greater,
 * `external_gte`: greater or equal, else 409 version_conflict_engine_exception), evaluates the
 * filter clauses the adapter sends (term, terms, prefix, range with now, nested, bool
 * filter/should) and its sorts (score, publishedAt, viewCount with `missing`, id; search_after).
 * Text matching is a crude stand-in for simple_query_string (substrings, `~` within the AUTO edit
 * distance, `-`, `|`) scored title 3, tags 2, body 1: analysis (cjk bigrams, stemming) and real
 * scoring are what only a real Elasticsearch can show. Anything else gets the mock's 404, so an
 * unexpected request fails the test.
 */
export class MockElasticsearchCluster {
  readonly mock = new Mock();
  readonly client: Client;
  readonly requests: RecordedRequest[] = [];
  readonly documents = new Map<string, Stored>();
  mappings: any = null;
  private seqNo = 0;

  constructor(readonly index = 'search-documents') {
    this.client = new Client({
      node: 'http://localhost:9200',
      Connection: this.mock.getConnection(),
    });
    const record = (params: RecordedRequest) => {
      this.requests.push({ ...params, querystring: { ...params.querystring } });
    };
    this.mock.add({ method: 'HEAD', path: `/${index}` }, params => {
      record(params as RecordedRequest);
      return this.mappings
        ? ''
        : new errors.ResponseError({
            body: '',
            statusCode: 404,
            headers: {},
            warnings: null,
            meta: {} as never,
          });
    });
    this.mock.add({ method: 'PUT', path: `/${index}` }, params => {
      record(params as RecordedRequest);
      if (this.mappings) {
        const cause = {
          type: 'resource_already_exists_exception',
          reason: `index [${index}/mock-index-uuid] already exists`,
          index_uuid: 'mock-index-uuid',
          index,
        };
        return new errors.ResponseError({
          body: { error: { root_cause: [cause], ...cause }, status: 400 },
          statusCode: 400,
          headers: {},
          warnings: null,
          meta: {} as never,
        });
      }
      this.mappings = (params.body as any).mappings;
      return { acknowledged: true, shards_acknowledged: true, index };
    });
    this.mock.add({ method: ['PUT', 'POST'], path: `/${index}/_doc/:id` }, params => {
      record(params as RecordedRequest);
      return this.write(params as RecordedRequest);
    });
    this.mock.add({ method: ['GET', 'POST'], path: `/${index}/_search` }, params => {
      record(params as RecordedRequest);
      return this.search((params as RecordedRequest).body);
    });
  }

  /** Requests sent since the last call (HEAD, PUT index, PUT _doc, POST _search). */
  takeRequests(): RecordedRequest[] {
    return this.requests.splice(0);
  }

  private write({ path, querystring, body }: RecordedRequest) {
    const id = decodeURIComponent(path.split('/').pop()!);
    const provided = Number(querystring.version);
    const type = querystring.version_type;
    if (!Number.isSafeInteger(provided) || !['external', 'external_gte'].includes(type)) {
      throw new Error(
        `the adapter wrote ${id} without external versioning: ${JSON.stringify(querystring)}`,
      );
    }
    const stored = this.documents.get(id);
    if (stored && (type === 'external' ? provided <= stored.version : provided < stored.version)) {
      return conflict(this.index, id, stored.version, provided);
    }
    this.documents.set(id, { version: provided, source: body });
    this.seqNo += 1;
    return {
      _index: this.index,
      _id: id,
      _version: provided,
      result: stored ? 'updated' : 'created',
      _shards: { total: 2, successful: 1, failed: 0 },
      _seq_no: this.seqNo,
      _primary_term: 1,
    };
  }

  private search(body: any) {
    const bool = body.query.bool;
    const text = bool.must?.[0]?.simple_query_string?.query as string | undefined;
    const hits = [...this.documents.entries()]
      .map(([id, { source }]) => ({
        id,
        source,
        score: text === undefined ? 1 : scoreQuery(source, text),
      }))
      .filter(
        hit => hit.score > 0 && bool.filter.every((clause: any) => matches(hit.source, clause)),
      );
    const sortValue = (hit: (typeof hits)[number], spec: any): number | string => {
      const [[field, options]] = Object.entries(spec) as [[string, any]];
      if (field === '_score') {
        return hit.score;
      }
      const raw = hit.source[field];
      if (raw == null) {
        // Elasticsearch's sort value of a missing long/date sorted last in descending order.
        return options.missing === '_last' ? Number.MIN_SAFE_INTEGER : Number(options.missing ?? 0);
      }
      return field === 'publishedAt' ? Date.parse(raw) : typeof raw === 'number' ? raw : raw;
    };
    const keyOf = (hit: (typeof hits)[number]) =>
      body.sort.map((spec: any) => sortValue(hit, spec));
    const compare = (a: (number | string)[], b: (number | string)[]) => {
      for (let i = 0; i < body.sort.length; i += 1) {
        const [[, options]] = Object.entries(body.sort[i]) as [[string, any]];
        const direction = options.order === 'desc' ? -1 : 1;
        if (a[i] !== b[i]) {
          return (a[i] < b[i] ? -1 : 1) * direction;
        }
      }
      return 0;
    };
    const keyed = hits.map(hit => ({ hit, key: keyOf(hit) })).sort((a, b) => compare(a.key, b.key));
    const page = (
      body.search_after ? keyed.filter(entry => compare(entry.key, body.search_after) > 0) : keyed
    ).slice(0, body.size);
    return {
      took: 1,
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: {
        max_score: null,
        hits: page.map(({ hit, key }) => ({
          _index: this.index,
          _id: hit.id,
          _score: text === undefined ? null : hit.score,
          _source: Object.fromEntries(
            (body._source as string[]).map(field => [field, hit.source[field]]),
          ),
          sort: key,
        })),
      },
    };
  }
}

/** Levenshtein distance, for the `word~` (AUTO fuzziness) stand-in. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * A stand-in for `simple_query_string` with `default_operator: and` over title^3, tags^2, body:
 * "phrases" and plain terms match as substrings (no analysis), `term~` as a word within
 * Elasticsearch's AUTO edit distance (0 for 1–2 letters, 1 for 3–5, 2 beyond), `-term` excludes,
 * `|` joins alternatives. The score is the sum of the weights of the fields each term is in.
 */
function scoreQuery(source: Record<string, any>, query: string): number {
  const fields: [string, number][] = [
    [String(source.title ?? '').toLowerCase(), 3],
    [(source.tags ?? []).join(' ').toLowerCase(), 2],
    [String(source.body ?? '').toLowerCase(), 1],
  ];
  const termWeight = (term: string): number => {
    if (term.endsWith('~')) {
      const word = term.slice(0, -1);
      const allowed = word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
      return fields
        .filter(([text]) => text.split(/[^\p{L}\p{N}']+/u).some(w => distance(w, word) <= allowed))
        .reduce((sum, [, weight]) => sum + weight, 0);
    }
    return fields
      .filter(([text]) => text.includes(term))
      .reduce((sum, [, weight]) => sum + weight, 0);
  };
  const tokens = [...query.matchAll(/-?"[^"]*"|\||\S+/g)].map(match => match[0]);
  // Alternatives: groups separated by |; within a group every term is required (and).
  const groups: string[][] = [[]];
  for (const token of tokens) {
    if (token === '|') {
      groups.push([]);
    } else {
      groups.at(-1)!.push(token);
    }
  }
  let best = 0;
  for (const group of groups) {
    let total = 0;
    let ok = group.length > 0;
    for (const token of group) {
      const negated = token.startsWith('-');
      const term = (negated ? token.slice(1) : token).replace(/^"|"$/g, '').toLowerCase().trim();
      if (!term) {
        continue;
      }
      const weight = termWeight(term);
      if (negated ? weight > 0 : weight === 0) {
        ok = false;
        break;
      }
      total += weight;
    }
    if (ok) {
      best = Math.max(best, total);
    }
  }
  return best;
}

function matches(source: Record<string, any>, clause: any): boolean {
  if (clause.term) {
    const [[field, value]] = Object.entries(clause.term);
    const stored = source[field];
    return Array.isArray(stored) ? stored.includes(value) : (stored ?? null) === value;
  }
  if (clause.terms) {
    const [[field, values]] = Object.entries(clause.terms as Record<string, unknown[]>);
    return values.includes(source[field]);
  }
  if (clause.prefix) {
    const [[field, prefix]] = Object.entries(clause.prefix as Record<string, string>);
    const stored = source[field];
    return (Array.isArray(stored) ? stored : [stored]).some(
      (value: unknown) => typeof value === 'string' && value.startsWith(prefix),
    );
  }
  if (clause.range) {
    const [[field, range]] = Object.entries(clause.range as Record<string, Record<string, any>>);
    const raw = source[field];
    if (raw == null) {
      return false;
    }
    const value = typeof raw === 'number' ? raw : Date.parse(raw);
    const bound = (limit: any) =>
      limit === 'now' ? Date.now() : typeof limit === 'number' ? limit : Date.parse(limit);
    return Object.entries(range).every(([operator, limit]) => {
      const b = bound(limit);
      switch (operator) {
        case 'lte':
          return value <= b;
        case 'lt':
          return value < b;
        case 'gte':
          return value >= b;
        case 'gt':
          return value > b;
        default:
          throw new Error(`unsupported range ${JSON.stringify(clause)}`);
      }
    });
  }
  if (clause.nested) {
    const items: Record<string, any>[] = source[clause.nested.path] ?? [];
    const prefix = `${clause.nested.path}.`;
    return items.some(item =>
      matches(
        Object.fromEntries(Object.entries(item).map(([key, value]) => [`${prefix}${key}`, value])),
        clause.nested.query,
      ),
    );
  }
  if (clause.bool) {
    const {
      filter = [],
      should = [],
      must_not: mustNot = [],
      minimum_should_match: minimum = 0,
    } = clause.bool;
    return (
      filter.every((inner: any) => matches(source, inner)) &&
      !mustNot.some((inner: any) => matches(source, inner)) &&
      should.filter((inner: any) => matches(source, inner)).length >= minimum
    );
  }
  throw new Error(`unsupported clause ${JSON.stringify(clause)}`);
}
