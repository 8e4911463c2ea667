import { errorCodes } from '@vp/kit/testing';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

// Issue 9 (follows and profiles) end to end, through the gateway only: the issue's own operations,
// as a client sends them.
describe('follows and profiles through the gateway', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users'] });
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('lets an account edit its profile, follow others and list who follows whom', async () => {
    const creator = await platform.signUp({ name: 'e2e' });
    const fan = await platform.signUp({ name: 'e2e' });
    const ask = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await platform.query(query, variables, token);
      expect(response.errors).toBeUndefined();
      return response.data;
    };

    const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName bio } }`;
    expect(
      (await ask(UPDATE, { input: { displayName: 'Creator', bio: 'Trains.' } }, creator.token))
        .updateProfile,
    ).toEqual({ id: creator.id, displayName: 'Creator', bio: 'Trains.' });

    const FOLLOW = `mutation ($userId: ID!) { followUser(userId: $userId) { id followerCount viewerIsFollowing } }`;
    await ask(FOLLOW, { userId: creator.id }, fan.token);
    expect((await ask(FOLLOW, { userId: creator.id }, fan.token)).followUser).toEqual({
      id: creator.id,
      followerCount: 1,
      viewerIsFollowing: true,
    });

    const PROFILE = `query ($handle: String!) { user(handle: $handle) { followerCount followingCount viewerIsFollowing bio avatarUrl
      followers(first: 20) { edges { node { handle } } } following(first: 20) { edges { node { handle } } } } }`;
    expect((await ask(PROFILE, { handle: creator.handle }, fan.token)).user).toEqual({
      followerCount: 1,
      followingCount: 0,
      viewerIsFollowing: true,
      bio: 'Trains.',
      avatarUrl: null,
      followers: { edges: [{ node: { handle: fan.handle } }] },
      following: { edges: [] },
    });

    const refused = await platform.query(
      `mutation ($userId: ID!) { followUser(userId: $userId) { id } }`,
      { userId: fan.id },
      fan.token,
    );
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);

    const UNFOLLOW = `mutation ($userId: ID!) { unfollowUser(userId: $userId) { id followerCount viewerIsFollowing } }`;
    expect((await ask(UNFOLLOW, { userId: creator.id }, fan.token)).unfollowUser).toEqual({
      id: creator.id,
      followerCount: 0,
      viewerIsFollowing: false,
    });
  });
});
