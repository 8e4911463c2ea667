import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@vp/kit';
import { errorCodes, graphql, startTestSubgraph, type TestSubgraph } from '@vp/kit/testing';
import { catalog } from '../definition';
import { licensed, published } from '../test-fixtures';
import { Episode } from '../episodes/episode.entity';
import { MaturityRating, Title, TitleKind } from '../titles/title.entity';
import { Season } from './season.entity';

const SEASONS = `query($id: ID!, $first: Int, $after: String) { title(id: $id) {
  seasons(first: $first, after: $after) {
    edges { cursor node { id number name title { id } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
} }`;
const EPISODES = `query($id: ID!, $first: Int, $after: String) { title(id: $id) {
  seasons(first: 1) { edges { node { episodes(first: $first, after: $after) {
    edges { node { number name durationSeconds season { number } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  } } } }
} }`;

describe('seasons and episodes', () => {
  let app: TestSubgraph;
  let series: Title;
  let other: Title;
  let firstSeason: Season;

  beforeAll(async () => {
    app = await startTestSubgraph(catalog);
    const em = app.em();
    series = published(
      em.create(Title, {
        kind: TitleKind.SERIES,
        name: '進撃の巨人',
        maturityRating: MaturityRating.R15,
      }),
    );
    other = published(
      em.create(Title, {
        kind: TitleKind.SERIES,
        name: 'Other',
        maturityRating: MaturityRating.G,
      }),
    );
    // Inserted out of order: the lists must come back in number order anyway.
    for (const number of [3, 0, 2, 1]) {
      const season = em.create(Season, { title: series, number, name: `Season ${number}` });
      if (number === 0) {
        firstSeason = season;
      }
      for (const episode of [5, 1, 12, 3, 2, 4, 10, 11, 6, 9, 7, 8]) {
        em.create(Episode, {
          season,
          number: episode,
          name: `S${number}E${episode}`,
          durationSeconds: 1440,
        });
      }
    }
    for (const number of [2, 1]) {
      const season = em.create(Season, { title: other, number, name: `Other ${number}` });
      em.create(Episode, { season, number: 1, name: `O${number}E1`, durationSeconds: 60 });
    }
    licensed(em, series);
    licensed(em, other);
    await em.flush();
  });
  afterAll(() => app?.stop());

  it("lists a title's seasons in number order, specials (0) first", async () => {
    const response = await graphql(app.url, SEASONS, { id: series.id });
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo } = response.data.title.seasons;
    expect(edges.map((edge: any) => edge.node.number)).toEqual([0, 1, 2, 3]);
    expect(edges[0].node).toMatchObject({
      id: firstSeason.id,
      name: 'Season 0',
      title: { id: series.id },
    });
    expect(pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages through episodes in number order, each exactly once', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const response: any = await graphql(app.url, EPISODES, { id: series.id, first: 5, after });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data.title.seasons.edges[0].node.episodes;
      expect(pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...edges.map((edge: any) => edge.node.number));
      expect(edges.every((edge: any) => edge.node.season.number === 0)).toBe(true);
      if (!pageInfo.hasNextPage) {
        break;
      }
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('pages seasons with first and after', async () => {
    const page1 = await graphql(app.url, SEASONS, { id: series.id, first: 3 });
    expect(page1.data.title.seasons.edges.map((edge: any) => edge.node.number)).toEqual([0, 1, 2]);
    expect(page1.data.title.seasons.pageInfo.hasNextPage).toBe(true);
    const page2 = await graphql(app.url, SEASONS, {
      id: series.id,
      first: 3,
      after: page1.data.title.seasons.pageInfo.endCursor,
    });
    expect(page2.data.title.seasons.edges.map((edge: any) => edge.node.number)).toEqual([3]);
    expect(page2.data.title.seasons.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
  });

  it('loads the seasons and episodes of many titles with one query per level', async () => {
    app.takeSql();
    const response = await graphql(
      app.url,
      `
        {
          titles(first: 10) {
            edges {
              node {
                name
                seasons(first: 2) {
                  edges {
                    node {
                      number
                      episodes(first: 2) {
                        edges {
                          node {
                            name
                          }
                        }
                        pageInfo {
                          hasNextPage
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    const byName = Object.fromEntries(
      response.data.titles.edges.map((edge: any) => [
        edge.node.name,
        edge.node.seasons.edges.map((season: any) => [
          season.node.number,
          season.node.episodes.edges.map((episode: any) => episode.node.name),
          season.node.episodes.pageInfo.hasNextPage,
        ]),
      ]),
    );
    expect(byName).toEqual({
      Other: [
        [1, ['O1E1'], false],
        [2, ['O2E1'], false],
      ],
      進撃の巨人: [
        [0, ['S0E1', 'S0E2'], true],
        [1, ['S1E1', 'S1E2'], true],
      ],
    });
    const sql = app.takeSql();
    expect(sql.filter(query => /from "catalog"."season"/.test(query))).toHaveLength(1);
    expect(sql.filter(query => /from "catalog"."episode"/.test(query))).toHaveLength(1);
  });

  it('refuses bad page sizes and cursors on child lists with BAD_USER_INPUT', async () => {
    for (const variables of [
      { first: 0 },
      { first: 101 },
      { first: 5, after: 'garbage' },
      { first: 5, after: encodeCursor(['Season', randomUUID()]) },
      { first: 5, after: encodeCursor([-1]) },
      { first: 5, after: encodeCursor([1.5]) },
      { first: 5, after: encodeCursor([2 ** 40]) },
    ]) {
      const seasons = await graphql(app.url, SEASONS, { id: series.id, ...variables });
      expect(errorCodes(seasons)).toEqual(['BAD_USER_INPUT']);
      const episodes = await graphql(app.url, EPISODES, { id: series.id, ...variables });
      expect(errorCodes(episodes)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses two seasons with one number, two episodes with one number, and empty episodes', async () => {
    let em = app.em();
    em.create(Season, { title: em.getReference(Title, series.id), number: 1, name: 'Again' });
    await expect(em.flush()).rejects.toThrow(/season_title_id_number_unique/);
    em = app.em();
    em.create(Episode, {
      season: em.getReference(Season, firstSeason.id),
      number: 1,
      name: 'Again',
      durationSeconds: 60,
    });
    await expect(em.flush()).rejects.toThrow(/episode_season_id_number_unique/);
    em = app.em();
    em.create(Episode, {
      season: em.getReference(Season, firstSeason.id),
      number: 99,
      name: 'Empty',
      durationSeconds: 0,
    });
    await expect(em.flush()).rejects.toThrow(/episode_duration_positive/);
  });

  it('resolves Season and Episode references, batched', async () => {
    const episodes = await app
      .em()
      .find(Episode, { season: firstSeason.id }, { orderBy: { number: 'asc' }, limit: 3 });
    app.takeSql();
    const response = await graphql(
      app.url,
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Season {
              number
              title {
                name
              }
            }
            ... on Episode {
              name
              season {
                number
              }
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'Season', id: firstSeason.id },
          ...episodes.map(episode => ({ __typename: 'Episode', id: episode.id })),
          { __typename: 'Episode', id: randomUUID() },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { number: 0, title: { name: '進撃の巨人' } },
      { name: 'S0E1', season: { number: 0 } },
      { name: 'S0E2', season: { number: 0 } },
      { name: 'S0E3', season: { number: 0 } },
      null,
    ]);
    const sql = app.takeSql();
    expect(sql.filter(query => /from "catalog"."episode"/.test(query))).toHaveLength(1);
  });
});
