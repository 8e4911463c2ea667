import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { type Video, VideoVisibility } from '../videos/video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;
const owner = randomUUID();
let ownerToken: string;
let strangerToken: string;
let adminToken: string;
let all: Video[];

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const newestFirst = (key: 'createdAt' | 'publishedAt') => (a: Video, b: Video) =>
  b[key]!.getTime() - a[key]!.getTime() || (a.id < b.id ? 1 : -1);

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
  ownerToken = await tokenFor(owner, [Role.CREATOR]);
  strangerToken = await tokenFor(randomUUID(), [Role.VIEWER]);
  adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
  const sameInstant = minutesAgo(100);
  all = await subgraph.seed(
    ...Array.from({ length: 6 }, (_, i) => ({
      ownerId: owner,
      title: `Public ${i}`,
      publishedAt: minutesAgo(i * 3),
      createdAt: minutesAgo(200 - i),
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      ownerId: owner,
      title: `Tie ${i}`,
      publishedAt: sameInstant,
      createdAt: sameInstant,
    })),
    { ownerId: owner, title: 'Private', visibility: VideoVisibility.PRIVATE },
    { ownerId: owner, title: 'Unlisted', visibility: VideoVisibility.UNLISTED },
    { ownerId: owner, title: 'Draft', publishedAt: null },
    { ownerId: owner, title: 'Later', publishedAt: new Date(Date.now() + 3_600_000) },
    // Someone else's videos never show up on this channel.
    { title: 'Not theirs' },
    { title: 'Not theirs either', visibility: VideoVisibility.PRIVATE },
  );
});
afterAll(() => subgraph?.stop());

const CHANNEL = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on User { id videos(first: $first, after: $after) {
      edges { cursor node { id title owner { id } } }
      pageInfo { hasNextPage endCursor }
    } }
  } }`;

async function channelPage(userId: string, first: number, after: string | null, token?: string) {
  return graphql(
    subgraph.url,
    CHANNEL,
    { representations: [{ __typename: 'User', id: userId }], first, after },
    { token },
  );
}

async function walkChannel(userId: string, first: number, token?: string) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const response: any = await channelPage(userId, first, after, token);
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo } = response.data._entities[0].videos;
    for (const edge of edges) {
      expect(edge.node.owner).toEqual({ id: userId });
      seen.push(edge.node.id);
    }
    if (!pageInfo.hasNextPage) {
      return seen;
    }
    after = pageInfo.endCursor;
  }
  throw new Error('the channel never ended');
}

describe('User.videos', () => {
  const mine = () => all.filter(video => video.ownerId === owner);

  it('shows the owner every one of their videos once, newest created first, drafts and private ones included', async () => {
    const expected = mine()
      .sort(newestFirst('createdAt'))
      .map(video => video.id);
    expect(expected).toHaveLength(13);
    expect(await walkChannel(owner, 4, ownerToken)).toEqual(expected);
  });

  it('shows an ADMIN everything too', async () => {
    const expected = mine()
      .sort(newestFirst('createdAt'))
      .map(video => video.id);
    expect(await walkChannel(owner, 100, adminToken)).toEqual(expected);
  });

  it('shows strangers and anonymous viewers only published PUBLIC videos, newest published first', async () => {
    const expected = mine()
      .filter(video => video.title.startsWith('Public') || video.title.startsWith('Tie'))
      .sort(newestFirst('publishedAt'))
      .map(video => video.id);
    expect(expected).toHaveLength(9);
    expect(await walkChannel(owner, 2, strangerToken)).toEqual(expected);
    expect(await walkChannel(owner, 3)).toEqual(expected);
  });

  it('is empty for a user with no videos, and for an id that is not a uuid', async () => {
    for (const id of [randomUUID(), 'someone']) {
      const response = await channelPage(id, 10, null);
      expect(response.errors).toBeUndefined();
      expect(response.data._entities[0].videos).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    }
  });

  it.each([0, 101])('refuses first: %d with BAD_USER_INPUT', async first => {
    const response = await channelPage(owner, first, null, ownerToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it("refuses the owner's cursor in a stranger's walk (another ordering) with BAD_USER_INPUT", async () => {
    const page = await channelPage(owner, 2, null, ownerToken);
    const after = page.data._entities[0].videos.pageInfo.endCursor;
    const response = await channelPage(owner, 2, after, strangerToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect((await channelPage(owner, 2, 'garbage', ownerToken)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
