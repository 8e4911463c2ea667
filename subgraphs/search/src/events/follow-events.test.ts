import { randomUUID } from 'node:crypto';
import { UserFollowed, UserUnfollowed } from '@vp/contracts';
import { graphql, tokenFor } from '@vp/kit/testing';
import { startSearchSubgraph } from '../test-server';

// The consumer's side of UserFollowed's and UserUnfollowed's contract tests (the producer's:
// users' follow.test.ts): followed creators' new videos lead the home feed.
let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const HOME = `{ homeFeed(first: 50) { edges { node { ... on Video { id } } } } }`;
const home = async (userId: string) =>
  (
    await graphql(subgraph.url, HOME, {}, { token: await tokenFor(userId) })
  ).data.homeFeed.edges.map((edge: any) => edge.node.id);

it("puts a followed creator's new video first, and not after an unfollow, whatever order they arrive in", async () => {
  const { followerId, followeeId } = UserFollowed.example;
  const [fresh] = await subgraph.add({ title: 'Creator upload', ownerId: followeeId });
  // Something more popular by someone else, so that only the follow puts it first.
  const [popular] = await subgraph.add({ title: 'Popular elsewhere' });
  await subgraph.views(
    popular.id,
    Array.from({ length: 30 }, (_, i) => `s:fan-${i}`),
  );
  await subgraph.emit(UserFollowed, {
    ...UserFollowed.example,
    followedAt: new Date(Date.now() - 10_000).toISOString(),
  });
  expect((await home(followerId))[0]).toBe(fresh.id);
  await subgraph.emit(UserUnfollowed, {
    followerId,
    followeeId,
    unfollowedAt: new Date(Date.now() - 5_000).toISOString(),
  });
  expect((await home(followerId))[0]).toBe(popular.id);
  // The follow delivered again, late: older than the unfollow, it changes nothing.
  await subgraph.emit(UserFollowed, {
    ...UserFollowed.example,
    followedAt: new Date(Date.now() - 10_000).toISOString(),
  });
  expect((await home(followerId))[0]).toBe(popular.id);
  // Another follower is not affected by any of it.
  expect((await home(randomUUID()))[0]).toBe(popular.id);
  expect(UserUnfollowed.example.followerId).toBe(followerId);
});
