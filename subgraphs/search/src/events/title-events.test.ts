import { randomUUID } from 'node:crypto';
import { type EventInput, TitleChanged } from '@vp/contracts';
import { graphql } from '@vp/kit/testing';
import { startSearchSubgraph } from '../test-server';

// The consumer's side of TitleChanged's contract test (the producer's: catalog's tests).
let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const SEARCH = `query ($query: String!) { search(query: $query, first: 50) {
  edges { node { __typename ... on Title { id } } } } }`;

async function find(query: string, territory?: string) {
  const response = await graphql(
    subgraph.url,
    SEARCH,
    { query },
    { headers: territory ? { 'x-viewer-territory': territory } : {} },
  );
  expect(response.errors).toBeUndefined();
  return response.data.search.edges.map((edge: any) => `${edge.node.__typename}:${edge.node.id}`);
}

const suggest = async (prefix: string, territory?: string) =>
  (
    await graphql(
      subgraph.url,
      `
        query ($prefix: String!) {
          searchSuggestions(prefix: $prefix)
        }
      `,
      { prefix },
      { headers: territory ? { 'x-viewer-territory': territory } : {} },
    )
  ).data.searchSuggestions as string[];

const day = 24 * 3_600_000;
const title = (changes: Partial<EventInput<typeof TitleChanged>> = {}) => ({
  ...TitleChanged.example,
  id: randomUUID(),
  ...changes,
});

it("indexes the contract's example as a Title, found in its licensed territories only (JP when none is given)", async () => {
  const example = { ...TitleChanged.example };
  // The example's window (2026-12-01 to 2027-12-01) is open on this platform's clock.
  await subgraph.emit(TitleChanged, example);
  const hit = `Title:${example.id}`;
  expect(await find('深夜食堂')).toEqual([hit]);
  expect(await find('midnight diner', 'JP')).toEqual([hit]);
  expect(await find('midnight diner', 'kr')).toEqual([hit]);
  expect(await find('midnight diner', 'US')).toEqual([]);
  // A header that is not a territory code counts as none: the default, JP.
  expect(await find('midnight diner', 'Japan')).toEqual([hit]);
  expect(await suggest('深夜', 'JP')).toEqual(['深夜食堂 Midnight Diner']);
  expect(await suggest('深夜', 'US')).toEqual([]);
});

it('finds a title announced for later, but not one whose last window has ended', async () => {
  const now = Date.now();
  const announced = title({
    name: 'Quasar Chronicles',
    licences: [
      {
        territories: ['JP'],
        startsAt: new Date(now + 30 * day).toISOString(),
        endsAt: new Date(now + 60 * day).toISOString(),
      },
    ],
  });
  const expired = title({
    name: 'Quasar Archive',
    licences: [
      {
        territories: ['JP'],
        startsAt: new Date(now - 60 * day).toISOString(),
        endsAt: new Date(now - day).toISOString(),
      },
    ],
  });
  await subgraph.emit(TitleChanged, announced);
  await subgraph.emit(TitleChanged, expired);
  expect(await find('quasar', 'JP')).toEqual([`Title:${announced.id}`]);
});

it('drops a title unpublished, never brings it back with a late older state, and takes it again when republished', async () => {
  const base = Date.now() - 60_000;
  const show = title({ name: 'Nebula Kitchen' });
  await subgraph.emit(TitleChanged, show, new Date(base));
  expect(await find('nebula kitchen')).toEqual([`Title:${show.id}`]);
  await subgraph.emit(TitleChanged, { ...show, published: false }, new Date(base + 2000));
  expect(await find('nebula kitchen')).toEqual([]);
  // A state from before the withdrawal, delivered late.
  await subgraph.emit(
    TitleChanged,
    { ...show, name: 'Nebula Kitchen late' },
    new Date(base + 1000),
  );
  expect(await find('nebula kitchen')).toEqual([]);
  await subgraph.emit(
    TitleChanged,
    { ...show, name: 'Nebula Kitchen returns' },
    new Date(base + 3000),
  );
  expect(await find('nebula kitchen')).toEqual([`Title:${show.id}`]);
});

it('never shows an ADULT title to anonymous viewers', async () => {
  const adult = title({ name: 'Velvet Nights', audience: 'ADULT', maturityRating: 'R18' });
  await subgraph.emit(TitleChanged, adult);
  expect(await find('velvet nights')).toEqual([]);
  expect(await suggest('velvet')).toEqual([]);
});
