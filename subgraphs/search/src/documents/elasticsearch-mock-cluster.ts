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
 * `external_gte`: greater or equal, else 409 version_conflict_engine_exception), and evaluates the
 * filter clauses the adapter sends (term, range lte now, bool filter/should). Text matching is a
 * crude substring test scored title 3, tags 2, body 1: analysis (cjk bigrams, stemming) and real
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
    const terms = String(bool.must[0].multi_match.query).toLowerCase().split(/\s+/).filter(Boolean);
    const hits = [...this.documents.entries()]
      .map(([id, { source }]) => ({ id, source, score: score(source, terms) }))
      .filter(
        hit => hit.score > 0 && bool.filter.every((clause: any) => matches(hit.source, clause)),
      )
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const [afterScore, afterId] = body.search_after ?? [];
    const page = (
      body.search_after
        ? hits.filter(
            hit => hit.score < afterScore || (hit.score === afterScore && hit.id > afterId),
          )
        : hits
    ).slice(0, body.size);
    return {
      took: 1,
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: {
        max_score: null,
        hits: page.map(hit => ({
          _index: this.index,
          _id: hit.id,
          _score: hit.score,
          _source: Object.fromEntries(
            (body._source as string[]).map(field => [field, hit.source[field]]),
          ),
          sort: [hit.score, hit.id],
        })),
      },
    };
  }
}

/** Every term somewhere in the document (cross_fields, operator and), weighted by field. */
function score(source: Record<string, any>, terms: string[]): number {
  const fields: [string, number][] = [
    [String(source.title ?? ''), 3],
    [(source.tags ?? []).join(' '), 2],
    [String(source.body ?? ''), 1],
  ];
  let total = 0;
  for (const term of terms) {
    const weight = fields
      .filter(([text]) => text.toLowerCase().includes(term))
      .reduce((sum, [, fieldWeight]) => sum + fieldWeight, 0);
    if (!weight) {
      return 0;
    }
    total += weight;
  }
  return total;
}

function matches(source: Record<string, any>, clause: any): boolean {
  if (clause.term) {
    const [[field, value]] = Object.entries(clause.term);
    return (source[field] ?? null) === value;
  }
  if (clause.range) {
    const [[field, range]] = Object.entries(clause.range as Record<string, Record<string, string>>);
    if (Object.keys(range).join() !== 'lte' || range.lte !== 'now') {
      throw new Error(`unsupported range ${JSON.stringify(clause)}`);
    }
    return source[field] != null && Date.parse(source[field]) <= Date.now();
  }
  if (clause.bool) {
    const { filter = [], should = [], minimum_should_match: minimum = 0 } = clause.bool;
    return (
      filter.every((inner: any) => matches(source, inner)) &&
      should.filter((inner: any) => matches(source, inner)).length >= minimum
    );
  }
  throw new Error(`unsupported clause ${JSON.stringify(clause)}`);
}
