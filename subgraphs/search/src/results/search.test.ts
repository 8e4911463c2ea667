import { randomUUID } from 'node:crypto';
import { Audience, encodeCursor, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';
import { startSearchSubgraph } from '../test-server';

let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;

beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const SEARCH = `query ($query: String!, $first: Int, $after: String) {
  search(query: $query, first: $first, after: $after) {
    edges { cursor node { __typename ... on Video { id } ... on LiveStream { id } ... on Title { id } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

async function find(query: string, options: { token?: string; first?: number } = {}) {
  const response = await graphql(
    subgraph.url,
    SEARCH,
    { query, first: options.first ?? 100 },
    { token: options.token },
  );
  expect(response.errors).toBeUndefined();
  return response.data.search.edges.map((edge: any) => edge.node) as {
    __typename: string;
    id: string;
  }[];
}
const ids = (nodes: { id: string }[]) => nodes.map(node => node.id);

describe('matching', () => {
  it('finds a Japanese title by a two-character query, and not by characters that are not adjacent in it', async () => {
    const [tower] = await subgraph.add({ title: '東京タワーの夜景' });
    const [kyoto] = await subgraph.add({ title: '京都の紅葉' });
    expect(ids(await find('東京'))).toEqual([tower.id]);
    expect(ids(await find('タワー'))).toEqual([tower.id]);
    expect(ids(await find('夜景'))).toEqual([tower.id]);
    expect(ids(await find('東京タワー'))).toEqual([tower.id]);
    expect(ids(await find('京都'))).toEqual([kyoto.id]);
    expect(await find('東夜')).toEqual([]);
    expect(await find('大阪')).toEqual([]);
  });

  it('matches half-width katakana and full-width Latin letters like their usual forms', async () => {
    const [doc] = await subgraph.add({ title: 'カタカナ ＳＨＯＷ', tags: ['Sapporo'] });
    expect(ids(await find('ｶﾀｶﾅ'))).toEqual([doc.id]);
    expect(ids(await find('show'))).toContain(doc.id);
    expect(ids(await find('ＳＡＰＰＯＲＯ'))).toEqual([doc.id]);
  });

  it('finds a Japanese title mixed with English words, by both', async () => {
    const [doc] = await subgraph.add({ title: 'Shibuya crossing 渋谷スクランブル交差点 at night' });
    expect(ids(await find('渋谷 crossing'))).toEqual([doc.id]);
    expect(ids(await find('交差点'))).toEqual([doc.id]);
    expect(await find('渋谷 elephants')).toEqual([]);
  });

  it('finds an English word whatever its case or inflection', async () => {
    const [doc] = await subgraph.add({
      title: 'Running with the Wolves',
      body: 'Grey wolves hunting in winter forests.',
    });
    // Snowball stems regular forms only: "wolf" does not find "wolves".
    for (const query of ['running', 'RUNS', 'run', 'WOLVES', 'forest', 'hunted']) {
      expect(ids(await find(query))).toContain(doc.id);
    }
    expect(await find('swimming')).toEqual([]);
  });

  it('still finds titles made of stop words', async () => {
    const [doc] = await subgraph.add({ title: 'The Who' });
    expect(ids(await find('the who'))).toEqual([doc.id]);
  });

  it('ranks a title match above a tag match above a body match', async () => {
    const [inBody, inTitle, inTags] = await subgraph.add(
      { title: 'Evening walk', body: 'We saw a heron by the river.' },
      { title: 'Heron fishing' },
      { title: 'Birds of the lake', tags: ['heron'] },
    );
    expect(ids(await find('heron'))).toEqual([inTitle.id, inTags.id, inBody.id]);
  });

  it('names the type of every hit: Video, LiveStream or Title', async () => {
    const docs = await subgraph.add(
      { title: 'Kestrel video', kind: SearchDocumentKind.VIDEO },
      { title: 'Kestrel live', kind: SearchDocumentKind.LIVE_STREAM },
      { title: 'Kestrel series', kind: SearchDocumentKind.TITLE, ownerId: null },
    );
    const found = await find('kestrel');
    expect(found).toHaveLength(3);
    expect(new Set(found.map(hit => `${hit.__typename}:${hit.id}`))).toEqual(
      new Set([`Video:${docs[0].id}`, `LiveStream:${docs[1].id}`, `Title:${docs[2].id}`]),
    );
  });

  it.each([
    "'; drop table search.document; --",
    'a & b | !c',
    ':*',
    '\\',
    '"unclosed',
    'or',
    '-',
    '()',
    '<->',
    '!!!',
  ])('treats %j as text, never as query syntax or SQL', async query => {
    const response = await graphql(subgraph.url, SEARCH, { query, first: 5 });
    expect(response.errors).toBeUndefined();
    expect(Array.isArray(response.data.search.edges)).toBe(true);
  });
});

describe('who sees what', () => {
  const owner = randomUUID();
  let docs: Record<string, string>;
  let tokens: Record<'owner' | 'stranger' | 'admin', string>;

  beforeAll(async () => {
    const [listed, privateOne, unlisted, draft, later, adult] = await subgraph.add(
      { title: 'Pangolin public', ownerId: owner },
      { title: 'Pangolin private', ownerId: owner, visibility: SearchVisibility.PRIVATE },
      { title: 'Pangolin unlisted', ownerId: owner, visibility: SearchVisibility.UNLISTED },
      { title: 'Pangolin draft', ownerId: owner, publishedAt: null },
      { title: 'Pangolin later', ownerId: owner, publishedAt: new Date(Date.now() + 3_600_000) },
      { title: 'Pangolin adult', ownerId: owner, audience: Audience.ADULT },
    );
    docs = {
      listed: listed.id,
      privateOne: privateOne.id,
      unlisted: unlisted.id,
      draft: draft.id,
      later: later.id,
      adult: adult.id,
    };
    tokens = {
      owner: await tokenFor(owner, [Role.CREATOR]),
      stranger: await tokenFor(randomUUID(), [Role.VIEWER]),
      admin: await tokenFor(randomUUID(), [Role.ADMIN]),
    };
  });

  it('shows anonymous viewers and strangers only what is published and PUBLIC', async () => {
    expect(ids(await find('pangolin'))).toEqual([docs.listed]);
    expect(ids(await find('pangolin', { token: tokens.stranger }))).toEqual([docs.listed]);
  });

  it('shows the owner and admins everything', async () => {
    const all = Object.values(docs).sort();
    expect(ids(await find('pangolin', { token: tokens.owner })).sort()).toEqual(all);
    expect(ids(await find('pangolin', { token: tokens.admin })).sort()).toEqual(all);
  });

  it('refuses a tampered token rather than searching anonymously', async () => {
    const response = await graphql(
      subgraph.url,
      SEARCH,
      { query: 'pangolin' },
      { token: `${tokens.owner}x` },
    );
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('PostgresSearchIndex', () => {
  it('replaces a document on upsert, ignores an older version, and removes it', async () => {
    const id = randomUUID();
    const now = Date.now();
    await subgraph.add({ id, title: 'Ocelot at dawn', updatedAt: new Date(now - 2000) });
    expect(ids(await find('ocelot'))).toEqual([id]);

    await subgraph.index().upsert({
      id,
      kind: SearchDocumentKind.VIDEO,
      title: 'Margay at dusk',
      publishedAt: new Date(now - 60_000),
      updatedAt: new Date(now - 1000),
    });
    expect(await find('ocelot')).toEqual([]);
    expect(ids(await find('margay'))).toEqual([id]);

    // A late delivery of an older change does not undo the newer one.
    await subgraph.index().upsert({
      id,
      kind: SearchDocumentKind.VIDEO,
      title: 'Ocelot at dawn',
      publishedAt: new Date(now - 60_000),
      updatedAt: new Date(now - 1500),
    });
    expect(ids(await find('margay'))).toEqual([id]);

    await subgraph.index().remove({ id, kind: SearchDocumentKind.VIDEO });
    await subgraph.index().remove({ id, kind: SearchDocumentKind.VIDEO });
    expect(await find('margay')).toEqual([]);
  });

  it('refuses a document without a title or with an id that is not a uuid', async () => {
    await expect(
      subgraph.index().upsert({ id: randomUUID(), kind: SearchDocumentKind.VIDEO, title: '   ' }),
    ).rejects.toThrow();
    await expect(
      subgraph.index().upsert({ id: 'video-1', kind: SearchDocumentKind.VIDEO, title: 'x' }),
    ).rejects.toThrow();
  });
});

describe('paging and bad input', () => {
  let expected: string[];

  beforeAll(async () => {
    // Different ranks (the word once or twice, in the title or the body) and ties broken by id.
    const docs = await subgraph.add(
      ...Array.from({ length: 5 }, (_, i) => ({ title: `Capybara ${i}` })),
      ...Array.from({ length: 4 }, (_, i) => ({ title: `Capybara capybara ${i}` })),
      ...Array.from({ length: 4 }, (_, i) => ({ title: `River ${i}`, body: 'a capybara swims' })),
    );
    expected = ids(await find('capybara', { first: 100 }));
    expect(new Set(expected)).toEqual(new Set(docs.map(doc => doc.id)));
  });

  it('walks every hit once, in the order of one big page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const response: any = await graphql(subgraph.url, SEARCH, {
        query: 'capybara',
        first: 4,
        after,
      });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data.search;
      expect(edges.length).toBeLessThanOrEqual(4);
      seen.push(...edges.map((edge: any) => edge.node.id));
      if (!pageInfo.hasNextPage) {
        break;
      }
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it.each([
    ['an empty query', ''],
    ['a blank query', '   '],
    ['a query of 201 characters', 'a'.repeat(201)],
    ['a query of 201 Japanese characters', '東'.repeat(201)],
  ])('refuses %s with BAD_USER_INPUT', async (_label, query) => {
    const response = await graphql(subgraph.url, SEARCH, { query, first: 5 });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an empty and a whitespace-only query the same way', async () => {
    const [empty, blank] = [
      await graphql(subgraph.url, SEARCH, { query: '', first: 5 }),
      await graphql(subgraph.url, SEARCH, { query: ' \t\u3000 ', first: 5 }),
    ];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'query', message: 'Required.' }],
    });
  });

  it('accepts a query of 200 characters', async () => {
    const response = await graphql(subgraph.url, SEARCH, {
      query: 'capybara '.repeat(23).slice(0, 200),
      first: 5,
    });
    expect(response.errors).toBeUndefined();
  });

  it.each([0, 101])('refuses first: %d with BAD_USER_INPUT', async first => {
    expect(errorCodes(await graphql(subgraph.url, SEARCH, { query: 'capybara', first }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses a malformed cursor, and a cursor of another query, with BAD_USER_INPUT', async () => {
    const page = await graphql(subgraph.url, SEARCH, { query: 'capybara', first: 2 });
    const otherQuery = await graphql(subgraph.url, SEARCH, {
      query: 'river',
      first: 2,
      after: page.data.search.pageInfo.endCursor,
    });
    expect(errorCodes(otherQuery)).toEqual(['BAD_USER_INPUT']);
    for (const after of [
      'garbage',
      encodeCursor(['x', 'y', 'z']),
      encodeCursor(['x', 0.5, 'not-a-uuid']),
    ]) {
      expect(errorCodes(await graphql(subgraph.url, SEARCH, { query: 'capybara', after }))).toEqual(
        ['BAD_USER_INPUT'],
      );
    }
  });

  it('refuses a missing query', async () => {
    const response = await graphql(
      subgraph.url,
      `
        {
          search(first: 5) {
            edges {
              cursor
            }
          }
        }
      `,
    );
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('filters, sorts and suggestions over GraphQL', () => {
  const FILTERED = `query ($query: String!, $filter: SearchFilter, $sort: SearchSort) {
    search(query: $query, first: 50, filter: $filter, sort: $sort) {
      edges { node { __typename ... on Video { id } ... on User { id } } } } }`;

  it('applies a filter and a sort, and names the field of a bad filter', async () => {
    const [long, short] = await subgraph.add(
      {
        title: 'Gecko documentary',
        durationSeconds: 1800,
        publishedAt: new Date(Date.now() - 7_200_000),
      },
      { title: 'Gecko clip', kind: SearchDocumentKind.SHORT, durationSeconds: 20 },
    );
    const found = async (variables: Record<string, unknown>) => {
      const response = await graphql(subgraph.url, FILTERED, { query: 'gecko', ...variables });
      expect(response.errors).toBeUndefined();
      return ids(response.data.search.edges.map((edge: any) => edge.node));
    };
    expect(await found({ filter: { types: ['SHORT'] } })).toEqual([short.id]);
    expect(await found({ filter: { durationMin: 60 } })).toEqual([long.id]);
    expect(await found({ sort: 'NEWEST' })).toEqual([short.id, long.id]);
    for (const [filter, field] of [
      [{ durationMin: 100, durationMax: 10 }, 'filter.durationMax'],
      [{ durationMin: -5 }, 'filter.durationMin'],
      [{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'filter.categoryId'],
      [{ types: [] }, 'filter.types'],
    ] as const) {
      const response = await graphql(subgraph.url, FILTERED, { query: 'gecko', filter });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.problems).toEqual([
        expect.objectContaining({ field }),
      ]);
    }
    const unknownSort = await graphql(subgraph.url, FILTERED, { query: 'gecko', sort: 'LOUDEST' });
    expect(errorCodes(unknownSort)).toEqual(['BAD_USER_INPUT']);
  });

  it('finds a misspelt word and a Japanese one, and suggests completions', async () => {
    const [doc] = await subgraph.add({
      title: 'Chameleon colours 東京の爬虫類',
      tags: ['reptiles'],
    });
    const found = async (query: string) =>
      ids(
        (await graphql(subgraph.url, FILTERED, { query })).data.search.edges.map(
          (edge: any) => edge.node,
        ),
      );
    expect(await found('chamelon')).toEqual([doc.id]);
    expect(await found('爬虫')).toEqual([doc.id]);
    const SUGGEST = `query ($prefix: String!, $first: Int) { searchSuggestions(prefix: $prefix, first: $first) }`;
    const suggest = await graphql(subgraph.url, SUGGEST, { prefix: 'Chame' });
    expect(suggest.data.searchSuggestions).toEqual(['Chameleon colours 東京の爬虫類']);
    expect(
      (await graphql(subgraph.url, SUGGEST, { prefix: 'rept' })).data.searchSuggestions,
    ).toEqual(['reptiles']);
    for (const variables of [
      { prefix: '' },
      { prefix: 'x'.repeat(101) },
      { prefix: 'ch', first: 0 },
    ]) {
      const refused = await graphql(subgraph.url, SUGGEST, variables);
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
