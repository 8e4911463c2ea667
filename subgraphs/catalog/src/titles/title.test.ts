import { randomUUID } from 'node:crypto';
import { Audience, encodeCursor, PlanTier } from '@vp/kit';
import { errorCodes, graphql, startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { catalog } from '../definition';
import { licensed, published } from '../test-fixtures';
import { MaturityRating, Title, TitleKind } from './title.entity';

const TITLES = `query($first: Int, $after: String, $filter: TitleFilter) {
  titles(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id name kind } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('titles', () => {
  let app: TestSubgraph;
  let adult: Title;
  let drama: Title;

  beforeAll(async () => {
    app = await startTestSubgraph(catalog);
    const em = app.em();
    drama = em.create(Title, {
      kind: TitleKind.SERIES,
      name: '深夜食堂',
      synopsis: 'Stories from a late-night diner in Shinjuku.',
      releaseYear: 2009,
      maturityRating: MaturityRating.PG12,
    });
    adult = em.create(Title, {
      kind: TitleKind.FILM,
      name: 'After Hours',
      maturityRating: MaturityRating.R18,
      requiredPlan: PlanTier.PREMIUM_PLUS,
    });
    // Repeated names and mixed kinds: the order must still be total and stable.
    for (let i = 0; i < 23; i++) {
      em.create(Title, {
        kind: i % 3 === 0 ? TitleKind.FILM : TitleKind.SERIES,
        name: `Title ${String(i % 9).padStart(2, '0')}`,
        maturityRating: MaturityRating.G,
      });
    }
    // Published and licensed in JP (the default territory): the list shows exactly these.
    const titles = [...em.getUnitOfWork().getPersistStack()] as Title[];
    for (const title of titles) {
      licensed(em, published(title));
    }
    await em.flush();
  });
  afterAll(() => app?.stop());

  async function storedOrder(where = '') {
    const rows: { id: string }[] = await app
      .em()
      .getConnection()
      .execute(`select id from "catalog"."title" ${where} order by name, id`);
    return rows.map(row => row.id);
  }

  async function walk(first: number, filter?: Record<string, unknown>) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const response: any = await graphql(app.url, TITLES, { first, after, filter });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data.titles;
      expect(edges.length).toBeLessThanOrEqual(first);
      expect(pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...edges.map((edge: any) => edge.node.id));
      if (!pageInfo.hasNextPage) {
        return seen;
      }
      expect(edges).toHaveLength(first);
      after = pageInfo.endCursor;
    }
    throw new Error('the pages never ended');
  }

  it('returns one title with every public field, to anonymous viewers', async () => {
    const response = await graphql(
      app.url,
      `
        query ($id: ID!) {
          title(id: $id) {
            id
            kind
            name
            synopsis
            releaseYear
            maturityRating
            requiredPlan
            audience
            createdAt
          }
        }
      `,
      { id: drama.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.title).toEqual({
      id: drama.id,
      kind: 'SERIES',
      name: '深夜食堂',
      synopsis: 'Stories from a late-night diner in Shinjuku.',
      releaseYear: 2009,
      maturityRating: 'PG12',
      requiredPlan: 'PREMIUM',
      audience: 'GENERAL',
      createdAt: drama.createdAt.toISOString(),
    });
  });

  it('answers null, without an error, for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'nope', "1' or '1'='1"]) {
      const response = await graphql(app.url, 'query($id: ID!) { title(id: $id) { id } }', { id });
      expect(response.errors).toBeUndefined();
      expect(response.data.title).toBeNull();
    }
  });

  it('marks R18 titles ADULT, and the database refuses an R18 title that is not', async () => {
    const response = await graphql(
      app.url,
      'query($id: ID!) { title(id: $id) { audience requiredPlan } }',
      {
        id: adult.id,
      },
    );
    expect(response.data.title).toEqual({ audience: 'ADULT', requiredPlan: 'PREMIUM_PLUS' });
    const connection = app.em().getConnection();
    await expect(
      connection.execute(
        `insert into "catalog"."title" (id, kind, name, maturity_rating, required_plan, audience, created_at, updated_at)
         values (?, 'FILM', 'Mislabelled', 'R18', 'PREMIUM_PLUS', 'GENERAL', now(), now())`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/title_r18_is_adult/);
    await expect(
      connection.execute(
        `insert into "catalog"."title" (id, kind, name, maturity_rating, required_plan, audience, created_at, updated_at)
         values (?, 'FILM', 'Cheap', 'R18', 'PREMIUM', 'ADULT', now(), now())`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/title_adult_needs_premium_plus/);
  });

  it('refuses names over 200 characters, blank names and impossible years', async () => {
    for (const bad of [
      { name: 'x'.repeat(201) },
      { name: '   ' },
      { name: 'Too early', releaseYear: 1200 },
    ]) {
      const em = app.em();
      em.create(Title, { kind: TitleKind.FILM, maturityRating: MaturityRating.G, ...bad });
      await expect(em.flush()).rejects.toThrow();
    }
    expect(await app.em().count(Title, { name: { $in: ['Too early', '   '] } })).toBe(0);
  });

  it('walks every title exactly once, in name order with ties broken by id', async () => {
    const expected = await storedOrder();
    expect(expected).toHaveLength(25);
    for (const first of [1, 7, 25, 100]) {
      const seen = await walk(first);
      expect(seen).toEqual(expected);
    }
  });

  it('filters by kind and by audience, paging within the filter', async () => {
    expect(await walk(4, { kind: 'FILM' })).toEqual(await storedOrder(`where kind = 'FILM'`));
    expect(await walk(3, { audience: Audience.ADULT })).toEqual([adult.id]);
    const response = await graphql(app.url, TITLES, {
      first: 100,
      filter: { audience: 'GENERAL' },
    });
    expect(response.data.titles.edges.map((edge: any) => edge.node.id)).not.toContain(adult.id);
  });

  it('refuses page sizes outside 1 to 100 with BAD_USER_INPUT', async () => {
    for (const first of [0, 101, -1]) {
      const response = await graphql(app.url, TITLES, { first });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data).toBeNull();
    }
    const huge = await graphql(app.url, TITLES, { first: 2 ** 40 });
    expect(errorCodes(huge)).toEqual(['BAD_USER_INPUT']);
    expect((await graphql(app.url, TITLES, { first: 0 })).errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'first', message: 'A whole number from 1 to 100.' }],
    });
  });

  it('answers an empty and a whitespace-only cursor the same way', async () => {
    const [empty, blank] = [
      await graphql(app.url, TITLES, { first: 5, after: '' }),
      await graphql(app.url, TITLES, { first: 5, after: '  \n ' }),
    ];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'after', message: 'Not a cursor from this list.' }],
    });
  });

  it('refuses forged and foreign cursors with BAD_USER_INPUT', async () => {
    const forged = [
      'not a cursor',
      encodeCursor([]),
      encodeCursor([1, 2]),
      encodeCursor(['Title 01']),
      encodeCursor(['Title 01', 'not-a-uuid']),
      encodeCursor(['Title 01', randomUUID(), 'extra']),
      encodeCursor(['x'.repeat(201), randomUUID()]),
      encodeCursor([3]), // a cursor of a season list
    ];
    for (const after of forged) {
      const response = await graphql(app.url, TITLES, { first: 5, after });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('resolves Title references in one batched query, in order, null for unknown ids', async () => {
    app.takeSql();
    const response = await graphql(
      app.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Title { id name audience } } }',
      {
        r: [
          { __typename: 'Title', id: adult.id },
          { __typename: 'Title', id: randomUUID() },
          { __typename: 'Title', id: 'malformed' },
          { __typename: 'Title', id: drama.id },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: adult.id, name: 'After Hours', audience: 'ADULT' },
      null,
      null,
      { id: drama.id, name: '深夜食堂', audience: 'GENERAL' },
    ]);
    expect(app.takeSql().filter(sql => /from "catalog"."title"/.test(sql))).toHaveLength(1);
  });
});
