import { randomUUID } from 'node:crypto';
import { errors } from '@elastic/elasticsearch';
import { Role } from '@vp/kit';
import { graphql, startTestSubgraph, tokenFor } from '@vp/kit/testing';
import { search } from '../definition';
import { ELASTICSEARCH_MAPPINGS, ElasticsearchSearchIndex } from './elasticsearch-search-index';
import { MockElasticsearchCluster } from './elasticsearch-mock-cluster';
import { SearchDocumentKind, SearchVisibility } from './search-document.entity';
import { describeSearchPortContract } from './search-port.contract';

describeSearchPortContract(
  'Elasticsearch 8 (@elastic/elasticsearch-mock)',
  async () => {
    const cluster = new MockElasticsearchCluster();
    return {
      index: new ElasticsearchSearchIndex(cluster.client, cluster.index),
      async stored(id) {
        const source = cluster.documents.get(id)?.source;
        return source
          ? { title: source.deleted ? null : source.title, deleted: source.deleted }
          : null;
      },
      // The mock connection holds no sockets (and has no close()).
      stop: async () => undefined,
    };
  },
  // The mock's matching is a substring stand-in: the cjk and english analyzers are not run.
  { analyzesText: false },
);

describe('Elasticsearch requests', () => {
  let cluster: MockElasticsearchCluster;
  let index: ElasticsearchSearchIndex;
  const owner = randomUUID();

  beforeEach(() => {
    cluster = new MockElasticsearchCluster('videos-test');
    index = new ElasticsearchSearchIndex(cluster.client, 'videos-test');
  });
  it('creates the index once, with the cjk analyzer and english and standard subfields', async () => {
    await index.ensureIndex();
    await index.ensureIndex();
    expect(cluster.takeRequests()).toEqual([
      { method: 'HEAD', path: '/videos-test', querystring: {}, body: null },
      {
        method: 'PUT',
        path: '/videos-test',
        querystring: {},
        body: { mappings: ELASTICSEARCH_MAPPINGS },
      },
    ]);
    expect(cluster.mappings.dynamic).toBe('strict');
    for (const field of ['title', 'body', 'tags']) {
      expect(cluster.mappings.properties[field]).toEqual({
        type: 'text',
        analyzer: 'cjk',
        fields: {
          english: { type: 'text', analyzer: 'english' },
          exact: { type: 'text', analyzer: 'standard' },
        },
      });
    }
    expect(cluster.mappings.properties.id).toEqual({ type: 'keyword' });
    expect(cluster.mappings.properties.publishedAt).toEqual({ type: 'date' });
  });

  it('accepts an index another instance created first, and retries a failed check later', async () => {
    // HEAD said missing, then another instance created it before our PUT.
    const racing = new MockElasticsearchCluster('raced');
    racing.mock.clear({ method: 'HEAD', path: '/raced' });
    racing.mock.add(
      { method: 'HEAD', path: '/raced' },
      () =>
        new errors.ResponseError({
          body: '',
          statusCode: 404,
          headers: {},
          warnings: null,
          meta: {} as never,
        }),
    );
    racing.mappings = { created: 'by another instance' };
    await expect(
      new ElasticsearchSearchIndex(racing.client, 'raced').ensureIndex(),
    ).resolves.toBeUndefined();
    expect(racing.takeRequests().map(r => `${r.method} ${r.path}`)).toEqual(['PUT /raced']);

    const down = new MockElasticsearchCluster('down');
    down.mock.clear({ method: 'HEAD', path: '/down' });
    down.mock.add(
      { method: 'HEAD', path: '/down' },
      () =>
        new errors.ResponseError({
          body: '',
          statusCode: 500,
          headers: {},
          warnings: null,
          meta: {} as never,
        }),
    );
    const flaky = new ElasticsearchSearchIndex(down.client, 'down');
    await expect(flaky.ensureIndex()).rejects.toThrow();
    down.mock.clear({ method: 'HEAD', path: '/down' });
    down.mock.add({ method: 'HEAD', path: '/down' }, () => '');
    await expect(flaky.ensureIndex()).resolves.toBeUndefined();
  });

  it('writes with external versions: the change time in ms, strictly newer for upserts, tombstones at least as new', async () => {
    await index.ensureIndex();
    cluster.takeRequests();
    const id = randomUUID();
    const updatedAt = new Date('2026-11-29T08:00:00.123Z');
    const publishedAt = new Date('2026-11-29T07:00:00.000Z');
    await index.upsert({
      id,
      kind: SearchDocumentKind.VIDEO,
      ownerId: owner,
      title: '  東京タワー Tokyo  ',
      body: 'Night view',
      tags: ['tokyo', 'tower'],
      visibility: SearchVisibility.UNLISTED,
      publishedAt,
      updatedAt,
    });
    await index.upsert({
      id,
      kind: SearchDocumentKind.VIDEO,
      title: 'Older',
      updatedAt: new Date(updatedAt.getTime() - 1),
    });
    // Elasticsearch answered 409 to the older write; the adapter takes it as "already newer".
    expect(cluster.documents.get(id)!.source.title).toBe('東京タワー Tokyo');
    await index.remove({ id, kind: SearchDocumentKind.VIDEO, removedAt: updatedAt });
    const [write, stale, tombstone] = cluster.takeRequests();
    expect(write).toEqual({
      method: 'PUT',
      path: `/videos-test/_doc/${id}`,
      querystring: { version: String(updatedAt.getTime()), version_type: 'external' },
      body: {
        id,
        kind: 'VIDEO',
        ownerId: owner,
        title: '東京タワー Tokyo',
        body: 'Night view',
        tags: ['tokyo', 'tower'],
        visibility: 'UNLISTED',
        audience: 'GENERAL',
        publishedAt: publishedAt.toISOString(),
        updatedAt: updatedAt.toISOString(),
        deleted: false,
      },
    });
    expect(stale.querystring).toEqual({
      version: String(updatedAt.getTime() - 1),
      version_type: 'external',
    });
    expect(tombstone).toEqual({
      method: 'PUT',
      path: `/videos-test/_doc/${id}`,
      querystring: { version: String(updatedAt.getTime()), version_type: 'external_gte' },
      body: { id, kind: 'VIDEO', updatedAt: updatedAt.toISOString(), deleted: true },
    });
    expect(cluster.documents.get(id)!.source.deleted).toBe(true);
  });

  it('lets errors other than a version conflict reach the caller, so the event is retried', async () => {
    await index.ensureIndex();
    cluster.mock.clear({ method: ['PUT', 'POST'], path: '/videos-test/_doc/:id' });
    cluster.mock.add(
      { method: 'PUT', path: '/videos-test/_doc/:id' },
      () =>
        new errors.ResponseError({
          body: { error: { type: 'cluster_block_exception', reason: 'read-only' }, status: 429 },
          statusCode: 429,
          headers: {},
          warnings: null,
          meta: {} as never,
        }),
    );
    await expect(
      index.upsert({ id: randomUUID(), kind: SearchDocumentKind.VIDEO, title: 'Blocked' }),
    ).rejects.toThrow('cluster_block_exception');
  });

  describe('search bodies', () => {
    const multiMatch = (query: string) => ({
      multi_match: {
        query,
        type: 'cross_fields',
        operator: 'and',
        fields: [
          'title^3',
          'title.english^3',
          'title.exact^3',
          'tags^2',
          'tags.english^2',
          'tags.exact^2',
          'body',
          'body.english',
          'body.exact',
        ],
      },
    });
    const listed = {
      bool: {
        filter: [
          { term: { visibility: 'PUBLIC' } },
          { term: { audience: 'GENERAL' } },
          { range: { publishedAt: { lte: 'now' } } },
        ],
      },
    };
    const searchBody = (query: string, filter: unknown[], extra: object = {}) => ({
      size: 3,
      track_total_hits: false,
      _source: ['kind'],
      query: { bool: { must: [multiMatch(query)], filter } },
      sort: [{ _score: { order: 'desc' } }, { id: { order: 'asc' } }],
      ...extra,
    });
    const lastSearch = () =>
      cluster
        .takeRequests()
        .filter(r => r.path.endsWith('/_search'))
        .at(-1)!;

    beforeEach(async () => {
      await index.ensureIndex();
    });

    it('sends anonymous viewers, api keys, owners and admins the filters of their rules', async () => {
      await index.search(null, { query: ' 東京 tower ', first: 2 });
      expect(lastSearch()).toMatchObject({
        method: 'POST',
        path: '/videos-test/_search',
        body: searchBody('東京 tower', [{ term: { deleted: false } }, listed]),
      });
      await index.search(
        { id: 'api-key:abc', roles: [Role.VIEWER], sessionId: 's' },
        { query: 'x', first: 2 },
      );
      expect(lastSearch().body).toEqual(searchBody('x', [{ term: { deleted: false } }, listed]));
      await index.search(
        { id: owner, roles: [Role.CREATOR], sessionId: 's' },
        { query: 'x', first: 2 },
      );
      expect(lastSearch().body).toEqual(
        searchBody('x', [
          { term: { deleted: false } },
          { bool: { should: [listed, { term: { ownerId: owner } }], minimum_should_match: 1 } },
        ]),
      );
      await index.search(
        { id: randomUUID(), roles: [Role.ADMIN], sessionId: 's' },
        { query: 'x', first: 2 },
      );
      expect(lastSearch().body).toEqual(searchBody('x', [{ term: { deleted: false } }]));
    });

    it('maps hits to typed ids and their sort values to cursors that come back as search_after', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()].sort();
      cluster.mock.clear({ method: ['GET', 'POST'], path: '/videos-test/_search' });
      // Elasticsearch 8's answer to the first page, registered for the exact request body.
      cluster.mock.add(
        {
          method: 'POST',
          path: '/videos-test/_search',
          body: searchBody('kudu', [{ term: { deleted: false } }, listed]),
        },
        () => ({
          took: 3,
          timed_out: false,
          _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
          hits: {
            max_score: null,
            hits: [
              {
                _index: 'videos-test',
                _id: ids[0],
                _score: 2.7725887,
                _source: { kind: 'TITLE' },
                sort: [2.7725887, ids[0]],
              },
              {
                _index: 'videos-test',
                _id: ids[1],
                _score: 1.3862944,
                _source: { kind: 'LIVE_STREAM' },
                sort: [1.3862944, ids[1]],
              },
              {
                _index: 'videos-test',
                _id: ids[2],
                _score: 0.6931472,
                _source: { kind: 'VIDEO' },
                sort: [0.6931472, ids[2]],
              },
            ],
          },
        }),
      );
      const first = await index.search(null, { query: 'kudu', first: 2 });
      expect(first.edges.map(edge => edge.node)).toEqual([
        { __typename: 'Title', id: ids[0] },
        { __typename: 'LiveStream', id: ids[1] },
      ]);
      expect(first.pageInfo.hasNextPage).toBe(true);

      cluster.mock.add(
        {
          method: 'POST',
          path: '/videos-test/_search',
          body: searchBody('kudu', [{ term: { deleted: false } }, listed], {
            search_after: [1.3862944, ids[1]],
          }),
        },
        () => ({
          took: 1,
          timed_out: false,
          _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
          hits: {
            max_score: null,
            hits: [
              {
                _index: 'videos-test',
                _id: ids[2],
                _score: 0.6931472,
                _source: { kind: 'VIDEO' },
                sort: [0.6931472, ids[2]],
              },
            ],
          },
        }),
      );
      const second = await index.search(null, {
        query: 'kudu',
        first: 2,
        after: first.pageInfo.endCursor,
      });
      expect(second.edges.map(edge => edge.node)).toEqual([{ __typename: 'Video', id: ids[2] }]);
      expect(second.pageInfo.hasNextPage).toBe(false);
    });

    it('sends nothing for a query it refuses', async () => {
      cluster.takeRequests();
      await expect(index.search(null, { query: '', first: 5 })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect(cluster.takeRequests()).toEqual([]);
    });
  });
});

describe('the search subgraph on Elasticsearch', () => {
  it('answers the search root from the Elasticsearch index when one is configured', async () => {
    const cluster = new MockElasticsearchCluster('platform');
    const subgraph = await startTestSubgraph(search, {
      elasticsearch: { client: cluster.client, index: 'platform' },
    });
    try {
      const index = new ElasticsearchSearchIndex(cluster.client, 'platform');
      const id = randomUUID();
      await index.upsert({
        id,
        kind: SearchDocumentKind.LIVE_STREAM,
        title: 'Nilgai live',
        publishedAt: new Date(Date.now() - 1000),
      });
      const response = await graphql(
        subgraph.url,
        `
          query {
            search(query: "nilgai") {
              edges {
                node {
                  __typename
                  ... on LiveStream {
                    id
                  }
                }
              }
            }
          }
        `,
        {},
        { token: await tokenFor(randomUUID()) },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.search.edges).toEqual([{ node: { __typename: 'LiveStream', id } }]);
      expect(cluster.requests.some(request => request.path === '/platform/_search')).toBe(true);
      // Nothing went to the PostgreSQL index.
      const [{ count }] = await subgraph
        .em()
        .getConnection()
        .execute(`select count(*)::int as count from "search"."document"`);
      expect(count).toBe(0);
    } finally {
      await subgraph.stop();
    }
  });
});
