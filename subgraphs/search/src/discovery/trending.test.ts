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

const TRENDING = `query ($period: TrendingPeriod, $kind: VideoKind, $categoryId: ID, $first: Int, $after: String) {
  trending(period: $period, kind: $kind, categoryId: $categoryId, first: $first, after: $after) {
    edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

async function trending(variables: Record<string, unknown> = {}) {
  const response = await graphql(subgraph.url, TRENDING, { first: 100, ...variables });
  expect(response.errors).toBeUndefined();
  return response.data.trending;
}
const ids = async (variables: Record<string, unknown> = {}) =>
  (await trending(variables)).edges.map((edge: any) => edge.node.id as string);

const hours = (n: number) => new Date(Date.now() - n * 3_600_000);
const viewers = (n: number, tag = randomUUID().slice(0, 8)) =>
  Array.from({ length: n }, (_, i) => `s:${tag}-${i}`);
const MUSIC = CATEGORIES.find(category => category.slug === 'music')!.id;
const GAMING = CATEGORIES.find(category => category.slug === 'gaming')!.id;

describe('trending', () => {
  let docs: Record<string, string>;

  beforeAll(async () => {
    const [today, lastMonth, threeDays, short, hidden, adult, quiet] = await subgraph.add(
      { title: 'Today hit', categoryId: MUSIC },
      { title: 'Last month hit', categoryId: MUSIC, publishedAt: hours(24 * 40) },
      { title: 'Three days ago', categoryId: GAMING },
      { title: 'Short hit', kind: SearchDocumentKind.SHORT, categoryId: GAMING },
      { title: 'Private hit', visibility: SearchVisibility.PRIVATE },
      { title: 'Adult hit', audience: Audience.ADULT },
      { title: 'Quiet one' },
    );
    docs = {
      today: today.id,
      lastMonth: lastMonth.id,
      threeDays: threeDays.id,
      short: short.id,
      hidden: hidden.id,
      adult: adult.id,
      quiet: quiet.id,
    };
    // Many views today beat more views last month (plus one straggler today).
    await subgraph.views(docs.today, viewers(20), hours(1));
    await subgraph.views(docs.lastMonth, viewers(500), hours(24 * 30));
    await subgraph.views(docs.lastMonth, viewers(1), hours(2));
    await subgraph.views(docs.threeDays, viewers(50), hours(72));
    await subgraph.views(docs.short, viewers(5), hours(3));
    await subgraph.views(docs.hidden, viewers(1000), hours(1));
    await subgraph.views(docs.adult, viewers(1000), hours(1));
  });

  it('ranks by recent view velocity: many views today beat more views last month', async () => {
    expect(await ids({ period: 'DAY' })).toEqual([docs.today, docs.short, docs.lastMonth]);
  });

  it('looks back a week for WEEK, where views of three days ago still count', async () => {
    expect(await ids({ period: 'WEEK' })).toEqual([
      docs.today,
      docs.threeDays,
      docs.short,
      docs.lastMonth,
    ]);
  });

  it('keeps one kind or one category', async () => {
    expect(await ids({ period: 'WEEK', kind: 'SHORT' })).toEqual([docs.short]);
    expect(await ids({ period: 'WEEK', kind: 'VIDEO' })).toEqual([
      docs.today,
      docs.threeDays,
      docs.lastMonth,
    ]);
    expect(await ids({ period: 'WEEK', categoryId: GAMING })).toEqual([docs.threeDays, docs.short]);
    expect(await ids({ period: 'DAY', categoryId: MUSIC, kind: 'VIDEO' })).toEqual([
      docs.today,
      docs.lastMonth,
    ]);
  });

  it('never lists a private video, nor an ADULT one to an anonymous viewer, nor one with no recent view', async () => {
    const all = await ids({ period: 'WEEK' });
    for (const name of ['hidden', 'adult', 'quiet']) {
      expect([name, all.includes(docs[name])]).toEqual([name, false]);
    }
  });

  it('pages without repeating, even when views move the ranking between pages', async () => {
    const first = await trending({ period: 'WEEK', first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    // The third video overtakes the first page in between: it may not show twice or jump back.
    await subgraph.views(docs.lastMonth, viewers(100), hours(0));
    const second = await trending({ period: 'WEEK', first: 2, after: first.pageInfo.endCursor });
    const seen = [...first.edges, ...second.edges].map((edge: any) => edge.node.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 2)).toEqual([docs.today, docs.threeDays]);
  });

  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 101', { first: 101 }, 'first'],
    ['an unknown category', { categoryId: randomUUID() }, 'categoryId'],
    ['a malformed category id', { categoryId: 'music' }, 'categoryId'],
    ['a cursor of another list', { after: 'garbage' }, 'after'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, variables, field) => {
    const response = await graphql(subgraph.url, TRENDING, { first: 10, ...variables });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems).toEqual([expect.objectContaining({ field })]);
  });

  it('refuses a cursor of another period or kind', async () => {
    const page = await trending({ period: 'WEEK', first: 1 });
    const response = await graphql(subgraph.url, TRENDING, {
      period: 'DAY',
      first: 1,
      after: page.pageInfo.endCursor,
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
