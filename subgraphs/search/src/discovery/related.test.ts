import { randomUUID } from 'node:crypto';
import { Audience, CATEGORIES } from '@vp/kit';
import { errorCodes, graphql } from '@vp/kit/testing';
import { SearchDocumentKind, SearchVisibility } from '../documents/search-document.entity';
import { startSearchSubgraph } from '../test-server';

let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

// What the gateway sends for `video(id) { related(first) { … } }`: videos resolves the video
// (and its access rule), then search answers `related` for it.
const RELATED = `query ($id: ID!, $first: Int, $after: String) {
  _entities(representations: [{ __typename: "Video", id: $id }]) {
    ... on Video { related(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;

async function related(id: string, first = 10, after?: string) {
  const response = await graphql(subgraph.url, RELATED, { id, first, after });
  expect(response.errors).toBeUndefined();
  const connection = response.data._entities[0].related;
  return {
    ids: connection.edges.map((edge: any) => edge.node.id) as string[],
    pageInfo: connection.pageInfo,
  };
}

const viewers = (n: number) => Array.from({ length: n }, () => `s:${randomUUID()}`);
const COOKING = CATEGORIES.find(category => category.slug === 'food-cooking')!.id;

describe('Video.related', () => {
  let docs: Record<string, string>;

  beforeAll(async () => {
    const [seed, coViewed, sameTags, sameCategory, unrelated, hidden, adult, aShort] =
      await subgraph.add(
        { title: 'Ramen at home', tags: ['ramen', 'noodles'], categoryId: COOKING },
        { title: 'Knife skills', tags: ['knives'] },
        { title: 'Udon from scratch', tags: ['noodles', 'udon'] },
        { title: 'Tempura basics', categoryId: COOKING },
        { title: 'Train ride', tags: ['trains'] },
        {
          title: 'Ramen private',
          tags: ['ramen', 'noodles'],
          visibility: SearchVisibility.PRIVATE,
        },
        { title: 'Ramen adult', tags: ['ramen', 'noodles'], audience: Audience.ADULT },
        { title: 'Ramen short', tags: ['ramen', 'noodles'], kind: SearchDocumentKind.SHORT },
      );
    docs = {
      seed: seed.id,
      coViewed: coViewed.id,
      sameTags: sameTags.id,
      sameCategory: sameCategory.id,
      unrelated: unrelated.id,
      hidden: hidden.id,
      adult: adult.id,
      aShort: aShort.id,
    };
    // People who watched the seed also watched `coViewed` (and the private and adult ones).
    const audience = viewers(6);
    await subgraph.views(docs.seed, audience);
    await subgraph.views(docs.coViewed, audience);
    await subgraph.views(docs.hidden, audience);
    await subgraph.views(docs.adult, audience);
    await subgraph.views(docs.unrelated, viewers(50));
  });

  it('blends co-viewing, shared tags and category, and never includes the video itself', async () => {
    const { ids } = await related(docs.seed);
    expect(ids).toEqual([docs.coViewed, docs.sameTags, docs.sameCategory]);
    expect(ids).not.toContain(docs.seed);
  });

  it('never lists what an anonymous viewer may not see, and keeps shorts with shorts', async () => {
    const { ids } = await related(docs.seed);
    for (const name of ['hidden', 'adult', 'aShort', 'unrelated']) {
      expect([name, ids.includes(docs[name])]).toEqual([name, false]);
    }
    expect((await related(docs.aShort)).ids).toEqual([]);
  });

  it('pages through the list without repeats', async () => {
    const first = await related(docs.seed, 2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await related(docs.seed, 2, first.pageInfo.endCursor);
    expect([...first.ids, ...second.ids]).toEqual([
      docs.coViewed,
      docs.sameTags,
      docs.sameCategory,
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('answers an empty list for a video search cannot show, and refuses bad sizes and cursors', async () => {
    expect((await related(docs.hidden)).ids).toEqual([]);
    expect((await related(randomUUID())).ids).toEqual([]);
    for (const variables of [
      { id: docs.seed, first: 0 },
      { id: docs.seed, first: 101 },
      { id: docs.seed, first: 5, after: 'garbage' },
    ]) {
      const response = await graphql(subgraph.url, RELATED, variables);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
    // A cursor of another video's list.
    const other = await related(docs.seed, 1);
    const response = await graphql(subgraph.url, RELATED, {
      id: docs.coViewed,
      first: 1,
      after: other.pageInfo.endCursor,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
