import { randomUUID } from 'node:crypto';
import { errors } from '@elastic/elasticsearch';
import { emitEvent, PlanTier, Role } from '@vp/kit';
import { eventually, graphql, startTestSubgraph, tokenFor } from '@vp/kit/testing';
import { VideoPublished, ViewCounted } from '@vp/contracts';
import { search } from '../definition';
import { anonymousScope, scopeFor } from '../viewer/scope';
import {
  ELASTICSEARCH_MAPPINGS,
  ElasticsearchSearchIndex,
  simpleQueryString,
} from './elasticsearch-search-index';
import { MockElasticsearchCluster } from './elasticsearch-mock-cluster';
import { SearchDocumentKind, SearchVisibility } from './search-document.entity';
import { SearchSort } from './search-port';
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
      // What the signal sync does (tested against the subgraph below): the count in the document.
      async setViews(id, views) {
        const stored = cluster.documents.get(id);
        if (stored) {
          stored.source = { ...stored.source, viewCount: views };
        }
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
        categoryId: null,
        durationSeconds: null,
        requiredPlan: 'FREE',
        liveStatus: null,
        needsLicence: false,
        licences: [],
        viewCount: 0,
        // UNLISTED: never suggested.
        suggestKeys: [],
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
    const fields = [
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
    const listed = (territory = 'JP', adult = false) => ({
      bool: {
        filter: [
          { term: { visibility: 'PUBLIC' } },
          ...(adult ? [] : [{ term: { audience: 'GENERAL' } }]),
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
                          { term: { 'licences.territory': territory } },
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
    });
    const searchBody = (query: string, filter: unknown[], extra: object = {}) => ({
      size: 3,
      track_total_hits: false,
      _source: ['kind'],
      query: {
        bool: {
          must: [{ simple_query_string: { query, fields, default_operator: 'and' } }],
          filter,
        },
      },
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

    it('turns web-search syntax into simple_query_string, typo-tolerant words and all', () => {
      expect(simpleQueryString('Kittens "big cats" or dogs -wolves 東京 a+b')).toBe(
        'kittens~ "big cats" | dogs~ -"wolves" "東京" "a+b"',
      );
      expect(simpleQueryString('cat "unclosed')).toBe('"cat" "unclosed"');
      expect(simpleQueryString('say "\\"quoted\\""')).toBe('"say" quoted~');
    });

    it('sends anonymous viewers, age-verified viewers, api keys, owners and admins the filters of their rules', async () => {
      await index.search(anonymousScope(), { query: ' 東京 tower ', first: 2 });
      expect(lastSearch()).toMatchObject({
        method: 'POST',
        path: '/videos-test/_search',
        body: searchBody('"東京" tower~', [{ term: { deleted: false } }, listed()]),
      });
      await index.search(anonymousScope('US'), { query: 'x', first: 2 });
      expect(lastSearch().body).toEqual(
        searchBody('"x"', [{ term: { deleted: false } }, listed('US')]),
      );
      // An age-verified viewer (who owns nothing here: a partner's key).
      await index.search(
        scopeFor({ id: 'api-key:verified', roles: [Role.VIEWER], sessionId: 's' }, { adult: true }),
        { query: 'x', first: 2 },
      );
      expect(lastSearch().body).toEqual(
        searchBody('"x"', [{ term: { deleted: false } }, listed('JP', true)]),
      );
      await index.search(scopeFor({ id: 'api-key:abc', roles: [Role.VIEWER], sessionId: 's' }), {
        query: 'x',
        first: 2,
      });
      expect(lastSearch().body).toEqual(
        searchBody('"x"', [{ term: { deleted: false } }, listed()]),
      );
      await index.search(scopeFor({ id: owner, roles: [Role.CREATOR], sessionId: 's' }), {
        query: 'x',
        first: 2,
      });
      expect(lastSearch().body).toEqual(
        searchBody('"x"', [
          { term: { deleted: false } },
          { bool: { should: [listed(), { term: { ownerId: owner } }], minimum_should_match: 1 } },
        ]),
      );
      await index.search(scopeFor({ id: randomUUID(), roles: [Role.ADMIN], sessionId: 's' }), {
        query: 'x',
        first: 2,
      });
      expect(lastSearch().body).toEqual(searchBody('"x"', [{ term: { deleted: false } }]));
    });

    it('sends the filter as filter clauses and the sort with its tie-breaker', async () => {
      const categoryId = '7a1c0000-0000-4000-8000-000000000003';
      await index.search(anonymousScope(), {
        query: 'x',
        first: 2,
        filter: {
          types: [SearchDocumentKind.SHORT, SearchDocumentKind.VIDEO],
          categoryId,
          durationMin: 10,
          durationMax: 60,
          publishedAfter: new Date('2026-01-01T00:00:00.000Z'),
          requiredPlan: PlanTier.FREE,
        },
        sort: SearchSort.NEWEST,
      });
      expect(lastSearch().body).toEqual({
        ...searchBody('"x"', [
          { term: { deleted: false } },
          listed(),
          { terms: { kind: ['SHORT', 'VIDEO'] } },
          { term: { categoryId } },
          { range: { durationSeconds: { gte: 10, lte: 60 } } },
          { range: { publishedAt: { gt: '2026-01-01T00:00:00.000Z' } } },
          { term: { requiredPlan: 'FREE' } },
        ]),
        sort: [{ publishedAt: { order: 'desc', missing: '_last' } }, { id: { order: 'desc' } }],
      });
      await index.search(anonymousScope(), { query: 'x', first: 2, sort: SearchSort.MOST_VIEWED });
      expect(lastSearch().body.sort).toEqual([
        { viewCount: { order: 'desc', missing: 0 } },
        { id: { order: 'desc' } },
      ]);
    });

    it('asks for suggestions by prefix on the normalised keys, most viewed first', async () => {
      await index.suggest(anonymousScope('KR'), { prefix: ' Ｎｅ  Ｂ', first: 4 });
      expect(lastSearch().body).toEqual({
        size: 20,
        track_total_hits: false,
        _source: ['title', 'tags'],
        query: {
          bool: {
            filter: [
              { term: { deleted: false } },
              { prefix: { suggestKeys: 'ne b' } },
              listed('KR'),
            ],
          },
        },
        sort: [{ viewCount: { order: 'desc', missing: 0 } }, { id: { order: 'asc' } }],
      });
    });

    it('maps hits to typed ids and their sort values to cursors that come back as search_after', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()].sort();
      cluster.mock.clear({ method: ['GET', 'POST'], path: '/videos-test/_search' });
      // Elasticsearch 8's answer to the first page, registered for the exact request body.
      cluster.mock.add(
        {
          method: 'POST',
          path: '/videos-test/_search',
          body: searchBody('kudu~', [{ term: { deleted: false } }, listed()]),
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
                _source: { kind: 'CHANNEL' },
                sort: [1.3862944, ids[1]],
              },
              {
                _index: 'videos-test',
                _id: ids[2],
                _score: 0.6931472,
                _source: { kind: 'SHORT' },
                sort: [0.6931472, ids[2]],
              },
            ],
          },
        }),
      );
      const first = await index.search(anonymousScope(), { query: 'kudu', first: 2 });
      expect(first.edges.map(edge => edge.node)).toEqual([
        { __typename: 'Title', id: ids[0] },
        { __typename: 'User', id: ids[1] },
      ]);
      expect(first.pageInfo.hasNextPage).toBe(true);

      cluster.mock.add(
        {
          method: 'POST',
          path: '/videos-test/_search',
          body: searchBody('kudu~', [{ term: { deleted: false } }, listed()], {
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
                _source: { kind: 'SHORT' },
                sort: [0.6931472, ids[2]],
              },
            ],
          },
        }),
      );
      const second = await index.search(anonymousScope(), {
        query: 'kudu',
        first: 2,
        after: first.pageInfo.endCursor,
      });
      expect(second.edges.map(edge => edge.node)).toEqual([{ __typename: 'Video', id: ids[2] }]);
      expect(second.pageInfo.hasNextPage).toBe(false);
    });

    it('sends nothing for a query or filter it refuses', async () => {
      cluster.takeRequests();
      await expect(index.search(anonymousScope(), { query: '', first: 5 })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      await expect(
        index.search(anonymousScope(), {
          query: 'x',
          first: 5,
          filter: { durationMin: 9, durationMax: 1 },
        }),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      await expect(index.suggest(anonymousScope(), { prefix: '', first: 5 })).rejects.toMatchObject(
        {
          extensions: { code: 'BAD_USER_INPUT' },
        },
      );
      expect(cluster.takeRequests()).toEqual([]);
    });
  });
});

describe('the search subgraph on Elasticsearch', () => {
  it('indexes events into both the PostgreSQL catalog and Elasticsearch, answers from Elasticsearch, and syncs view counts', async () => {
    const cluster = new MockElasticsearchCluster('platform');
    const subgraph = await startTestSubgraph(search, {
      elasticsearch: { client: cluster.client, index: 'platform' },
      signalSyncIntervalMs: 100,
    });
    try {
      const [quiet, popular] = [randomUUID(), randomUUID()];
      await subgraph.em().transactional(async em => {
        for (const [id, title] of [
          [quiet, 'Nilgai at dawn'],
          [popular, 'Nilgai herd'],
        ]) {
          emitEvent(em, VideoPublished, {
            ...VideoPublished.example,
            id,
            title,
            publishedAt: new Date(Date.now() - 60_000).toISOString(),
          });
        }
      });
      const SEARCH = `query ($sort: SearchSort) { search(query: "nilgai", sort: $sort) {
        edges { node { __typename ... on Video { id } } } } }`;
      const find = async (sort = 'RELEVANCE') => {
        const response = await graphql(
          subgraph.url,
          SEARCH,
          { sort },
          { token: await tokenFor(randomUUID()) },
        );
        expect(response.errors).toBeUndefined();
        return response.data.search.edges.map((edge: any) => edge.node.id);
      };
      await eventually(find, {
        until: found => found.length === 2,
        what: 'both videos in Elasticsearch',
      });
      expect(cluster.requests.some(request => request.path === '/platform/_search')).toBe(true);
      // The PostgreSQL catalog has them too: discovery (trending, feeds, related) reads it.
      const [{ count }] = await subgraph
        .em()
        .getConnection()
        .execute(`select count(*)::int as count from "search"."document" where "id" in (?, ?)`, [
          quiet,
          popular,
        ]);
      expect(count).toBe(2);

      await subgraph.em().transactional(async em => {
        for (let i = 0; i < 3; i += 1) {
          emitEvent(em, ViewCounted, {
            videoId: popular,
            userId: null,
            sessionId: `viewer-${i}`,
            countedAt: new Date().toISOString(),
          });
        }
      });
      await eventually(() => cluster.documents.get(popular)?.source.viewCount, {
        until: views => views === 3,
        what: 'the view count synced to Elasticsearch',
      });
      expect(await find('MOST_VIEWED')).toEqual([popular, quiet]);
      // The sync writes at the document's own version: a later removal is not undone.
      const suggestions = await graphql(
        subgraph.url,
        `
          {
            searchSuggestions(prefix: "nilg", first: 5)
          }
        `,
      );
      expect(suggestions.data.searchSuggestions).toEqual(['Nilgai herd', 'Nilgai at dawn']);
    } finally {
      await subgraph.stop();
    }
  });
});
