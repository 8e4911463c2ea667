import { randomUUID } from 'node:crypto';
import { UserProfileChanged } from '@vp/contracts';
import { graphql } from '@vp/kit/testing';
import { startSearchSubgraph } from '../test-server';

// The consumer's side of UserProfileChanged's contract test (the producer's: users'
// user-registered.test.ts).
let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const SEARCH = `query ($query: String!) { search(query: $query, first: 50, filter: { types: [CHANNEL] }) {
  edges { node { __typename ... on User { id } } } } }`;
const find = async (query: string) => {
  const response = await graphql(subgraph.url, SEARCH, { query });
  expect(response.errors).toBeUndefined();
  return response.data.search.edges.map((edge: any) => `${edge.node.__typename}:${edge.node.id}`);
};

it("makes the contract's example channel findable by handle and by display name, as a User", async () => {
  await subgraph.emit(UserProfileChanged, UserProfileChanged.example);
  const hit = `User:${UserProfileChanged.example.userId}`;
  expect(await find('hanako')).toEqual([hit]);
  expect(await find('花子')).toEqual([hit]);
  const suggestions = await graphql(
    subgraph.url,
    `
      {
        searchSuggestions(prefix: "hana")
      }
    `,
  );
  expect(suggestions.data.searchSuggestions).toEqual(['花子 Hanako']);
});

it('follows a rename, and ignores an older rename delivered late', async () => {
  const userId = randomUUID();
  const base = Date.now() - 60_000;
  const at = (ms: number) => new Date(base + ms).toISOString();
  await subgraph.emit(UserProfileChanged, {
    userId,
    handle: 'tanuki_tv',
    displayName: 'Tanuki Television',
    changedAt: at(0),
  });
  await subgraph.emit(UserProfileChanged, {
    userId,
    handle: 'tanuki_tv',
    displayName: 'Raccoon Dog Radio',
    changedAt: at(2000),
  });
  await subgraph.emit(UserProfileChanged, {
    userId,
    handle: 'tanuki_tv',
    displayName: 'Tanuki Stale',
    changedAt: at(1000),
  });
  expect(await find('raccoon radio')).toEqual([`User:${userId}`]);
  expect(await find('television')).toEqual([]);
  expect(await find('stale')).toEqual([]);
  expect(await find('tanuki_tv')).toEqual([`User:${userId}`]);
});
