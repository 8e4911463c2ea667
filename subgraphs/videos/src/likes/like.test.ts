import { randomUUID } from 'node:crypto';
import { Audience, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { VideoVisibility } from '../videos/video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
});
afterAll(() => subgraph?.stop());

const LIKE = `mutation ($id: ID!) { likeVideo(id: $id) { id likeCount viewerHasLiked } }`;
const UNLIKE = `mutation ($id: ID!) { unlikeVideo(id: $id) { id likeCount viewerHasLiked } }`;
const COUNTS = `query ($id: ID!) { video(id: $id) { likeCount viewerHasLiked } }`;

const users = (count: number) =>
  Promise.all(Array.from({ length: count }, () => tokenFor(randomUUID(), [Role.VIEWER])));

async function storedLikes(videoId: string) {
  const [row] = await subgraph.em().execute(
    `select (select count(*) from videos.video_like where video_id = ?)::int as rows,
              (select like_count from videos.video_counter where video_id = ?) as counter,
              (select sum(likes) from videos.video_daily_stat where video_id = ?)::int as daily`,
    [videoId, videoId, videoId],
  );
  return row as { rows: number; counter: number | null; daily: number | null };
}

describe('likeVideo / unlikeVideo', () => {
  it('likes once however often a user asks, and unlikes idempotently', async () => {
    const [video] = await subgraph.seed({});
    const [token] = await users(1);
    const first = await graphql(subgraph.url, LIKE, { id: video.id }, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data.likeVideo).toEqual({ id: video.id, likeCount: 1, viewerHasLiked: true });
    const again = await graphql(subgraph.url, LIKE, { id: video.id }, { token });
    expect(again.data.likeVideo).toEqual({ id: video.id, likeCount: 1, viewerHasLiked: true });
    // Anonymous readers see the count, never a like of their own.
    expect((await graphql(subgraph.url, COUNTS, { id: video.id })).data.video).toEqual({
      likeCount: 1,
      viewerHasLiked: false,
    });
    const unliked = await graphql(subgraph.url, UNLIKE, { id: video.id }, { token });
    expect(unliked.data.unlikeVideo).toEqual({ id: video.id, likeCount: 0, viewerHasLiked: false });
    const unlikedAgain = await graphql(subgraph.url, UNLIKE, { id: video.id }, { token });
    expect(unlikedAgain.data.unlikeVideo).toEqual({
      id: video.id,
      likeCount: 0,
      viewerHasLiked: false,
    });
    expect(await storedLikes(video.id)).toEqual({ rows: 0, counter: 0, daily: 0 });
  });

  it('counts exactly when 100 users like at once, each of them twice', async () => {
    const [video] = await subgraph.seed({});
    const tokens = await users(100);
    const responses = await Promise.all(
      [...tokens, ...tokens].map(token => graphql(subgraph.url, LIKE, { id: video.id }, { token })),
    );
    expect(responses.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await storedLikes(video.id)).toEqual({ rows: 100, counter: 100, daily: 100 });
    expect((await graphql(subgraph.url, COUNTS, { id: video.id })).data.video.likeCount).toBe(100);

    // Half of them take their like back while the other half like again, all at once.
    const mixed = await Promise.all(
      tokens.map((token, i) =>
        graphql(subgraph.url, i % 2 ? UNLIKE : LIKE, { id: video.id }, { token }),
      ),
    );
    expect(mixed.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await storedLikes(video.id)).toEqual({ rows: 50, counter: 50, daily: 50 });
  });

  it('refuses anonymous callers, bad ids, hidden videos and ADULT videos for unverified viewers', async () => {
    const [privateOne, adult] = await subgraph.seed(
      { visibility: VideoVisibility.PRIVATE },
      { audience: Audience.ADULT },
    );
    const [token] = await users(1);
    expect(errorCodes(await graphql(subgraph.url, LIKE, { id: adult.id }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await graphql(subgraph.url, LIKE, { id: 'nope' }, { token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await graphql(subgraph.url, LIKE, { id: randomUUID() }, { token }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await graphql(subgraph.url, LIKE, { id: privateOne.id }, { token }))).toEqual(
      ['NOT_FOUND'],
    );
    expect(errorCodes(await graphql(subgraph.url, LIKE, { id: adult.id }, { token }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await storedLikes(adult.id)).toEqual({ rows: 0, counter: null, daily: null });
  });

  it('goes with the video: deleting it deletes its likes and counters', async () => {
    const [video] = await subgraph.seed({});
    const [token] = await users(1);
    await graphql(subgraph.url, LIKE, { id: video.id }, { token });
    await subgraph.em().execute(`delete from videos.video where id = ?`, [video.id]);
    expect(await storedLikes(video.id)).toEqual({ rows: 0, counter: null, daily: null });
  });

  it('loads likeCount and viewerHasLiked of a whole list with one statement each', async () => {
    const seeded = await subgraph.seed(
      ...Array.from({ length: 30 }, (_, i) => ({ title: `List ${i}` })),
    );
    const [token] = await users(1);
    await graphql(subgraph.url, LIKE, { id: seeded[3].id }, { token });
    subgraph.takeSql();
    const response = await graphql(
      subgraph.url,
      `
        {
          videos(first: 50) {
            edges {
              node {
                id
                likeCount
                viewerHasLiked
              }
            }
          }
        }
      `,
      {},
      { token },
    );
    expect(response.errors).toBeUndefined();
    const liked = response.data.videos.edges.filter((edge: any) => edge.node.viewerHasLiked);
    expect(liked.map((edge: any) => edge.node.id)).toEqual([seeded[3].id]);
    const statements = subgraph.takeSql();
    expect(statements.filter(sql => sql.includes('video_counter'))).toHaveLength(1);
    expect(statements.filter(sql => sql.includes('video_like'))).toHaveLength(1);
  });
});
